"""Configuration files: where they are, what they may say, and the settings each linted file gets.

A configuration is ``[tool.pydocklint]`` in ``pyproject.toml``, or a
``.pydocklint.toml`` or ``.pydocklint.yaml`` (keys at the top level). For each
linted file the nearest one wins: its directory, then each parent; in one
directory ``.pydocklint.toml`` comes before ``.pydocklint.yaml`` (``.yml``) and
``pyproject.toml`` (which counts only with a ``[tool.pydocklint]`` table).
Files are not merged. ``--config FILE`` uses one file for everything and
``--isolated`` uses none.

TOML is read with ``tomllib`` (``tomli`` before Python 3.11) and YAML with
``ruamel.yaml``, each imported only when such a file is read.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from pydocklint.findings import Severity

if TYPE_CHECKING:
    from pydocklint.rule import Rule

CONFIG_FILES = (".pydocklint.toml", ".pydocklint.yaml", ".pydocklint.yml", "pyproject.toml")

# Options any rule may declare (``@rule(options=(...))``); set at the top level of the configuration.
SHARED_OPTIONS = {
    "trusted-registries": "list",  # registries base images may come from (hadolint DL3026)
    "allowed-tags": "list",  # base image tags that are allowed (others are reported by the rules that read it)
    "forbidden-tags": "list",  # base image tags that are reported
    "label-schema": "table",  # label name -> type: text, url, semver, hash, rfc3339, spdx, email (hadolint DL3049-58)
}
_LIST_KEYS = ("select", "extend-select", "ignore")
KNOWN_KEYS = frozenset({*_LIST_KEYS, "per-file-ignores", "severity", "fail-level", "rules", *SHARED_OPTIONS})


class ConfigError(Exception):
    """A configuration that cannot be used; the message names the file and the key."""


@dataclass(frozen=True, eq=False)
class Settings:
    """What one configuration (or the command line alone) says; shared by every file it applies to."""

    source: str | None = None  # the configuration file; None: defaults
    root: str = "."  # per-file-ignores globs are relative to this directory
    select: tuple[str, ...] = ()  # empty: every rule
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    severity: tuple[tuple[str, Severity], ...] = ()  # (rule reference, severity), later entries win
    fail_level: Severity | None = None
    shared_options: Mapping[str, Any] = field(default_factory=dict)
    rule_options: tuple[tuple[str, Mapping[str, Any]], ...] = ()  # (rule reference, options)

    def with_overrides(self, *, select=None, extend_select=(), ignore=(), fail_level=None) -> Settings:
        """These settings with the command line's options on top (``--select`` replaces, the rest add)."""
        from dataclasses import replace

        return replace(self,
                       select=tuple(select) if select else self.select,
                       extend_select=self.extend_select + tuple(extend_select),
                       ignore=self.ignore + tuple(ignore),
                       fail_level=fail_level if fail_level is not None else self.fail_level)

    @cached_property
    def _base_rules(self) -> tuple[Rule, ...]:
        from pydocklint.engine import select_rules

        return select_rules(self.select, self.ignore, extend_select=self.extend_select)

    def rules_for(self, path: str) -> tuple[Rule, ...]:
        """The rules to run on ``path``: the selection minus the per-file ignores that match it."""
        rules = self._base_rules
        ignored = [ref for pattern, refs in self.per_file_ignores if _glob_matches(pattern, path, self.root)
                   for ref in refs]
        if not ignored:
            return rules
        from pydocklint.engine import matches

        return tuple(r for r in rules if not any(matches(r, ref) for ref in ignored))

    @cached_property
    def _severities(self) -> dict[str, Severity]:
        from pydocklint.engine import matches
        from pydocklint.rule import all_rules

        chosen: dict[str, Severity] = {}
        for reference, severity in self.severity:
            for r in all_rules():
                if matches(r, reference):
                    chosen[r.code] = severity
        return chosen

    def severity_of(self, rule: Rule) -> Severity:
        return self._severities.get(rule.code, rule.severity)

    def overrides_severity(self, rule: Rule) -> bool:
        """Whether the configuration sets ``rule``'s severity (which then beats a hit's own)."""
        return rule.code in self._severities

    def options_of(self, rule: Rule) -> dict[str, Any]:
        """The options ``rule`` declares that this configuration sets."""
        from pydocklint.engine import matches

        options = {name: value for name, value in self.shared_options.items() if name in rule.options}
        for reference, values in self.rule_options:
            if matches(rule, reference):
                options.update(values)
        return options

    @property
    def effective_fail_level(self) -> Severity:
        return self.fail_level if self.fail_level is not None else Severity.WARNING


def _glob_matches(pattern: str, path: str, root: str) -> bool:
    """Whether ``path`` matches a per-file-ignores glob (relative to ``root``; ``**`` spans directories).

    A pattern without ``/`` matches the file name alone.
    """
    relative = os.path.relpath(os.path.abspath(path), os.path.abspath(root)).replace(os.sep, "/")
    target = relative if "/" in pattern else relative.rsplit("/", 1)[-1]
    return _glob_regex(pattern).fullmatch(target) is not None


def _glob_regex(pattern: str) -> re.Pattern:
    parts = []
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            parts.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            parts.append(".*")
            i += 2
        elif pattern[i] == "*":
            parts.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            parts.append("[^/]")
            i += 1
        else:
            parts.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(parts))


# ---------------------------------------------------------------------------- reading files


def load_file(path: str) -> Settings:
    """The settings a configuration file holds (``[tool.pydocklint]`` for a pyproject.toml)."""
    table = _read_table(path)
    if table is None:
        table = {}
    return settings_from_table(table, path)


def _read_table(path: str) -> dict | None:
    """The pydocklint table of a file; None for a pyproject.toml without one."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as error:
        raise ConfigError(f"{path}: cannot read configuration: {error.strerror or error}") from None
    name = os.path.basename(path)
    if name == "pyproject.toml" and b"pydocklint" not in data:
        return None  # most pyproject.toml files are not ours: skip parsing them (and importing tomllib)
    if name.endswith((".yaml", ".yml")):
        document = _parse_yaml(data, path)
    else:
        document = _parse_toml(data, path)
        if name == "pyproject.toml":
            tool = document.get("tool", {})
            return tool.get("pydocklint") if isinstance(tool, dict) else None
    if document is None:
        return {}
    if not isinstance(document, dict):
        raise ConfigError(f"{path}: the configuration must be a mapping of options")
    return document


def _parse_toml(data: bytes, path: str) -> dict:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib
    try:
        return tomllib.loads(data.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from None


def _parse_yaml(data: bytes, path: str) -> Any:
    """The document, read with the Compose loader's guards: one-line located errors, duplicate keys,
    alias bombs, recursive aliases and absurd nesting refused instead of a traceback."""
    from pydocklint.compose.nodes import to_plain
    from pydocklint.compose.yamlload import LoadError, load_documents

    try:
        documents = load_documents(data.decode("utf-8"), path)
    except UnicodeDecodeError as error:
        raise ConfigError(f"{path}: invalid YAML: {error}") from None
    except LoadError as error:
        line, column = error.problem.span[:2]
        # The loader words its problems for Compose files; the location and the problem itself fit here.
        problem = error.problem.message.removeprefix("Invalid YAML: ").removesuffix(": Compose refuses the file")
        raise ConfigError(f"{path}: invalid YAML: line {line}, column {column}: {problem}") from None
    if len(documents) > 1:
        raise ConfigError(f"{path}: invalid YAML: line {documents[1].line}: "
                          "the configuration must be a single YAML document")
    return to_plain(documents[0]) if documents else None


def settings_from_table(table: Mapping[str, Any], source: str) -> Settings:
    """Validate a configuration table; every problem names the file and the key."""
    from pydocklint.engine import matches
    from pydocklint.rule import all_rules

    def fail(key: str, message: str) -> ConfigError:
        return ConfigError(f"{source}: {key}: {message}")

    def references(key: str, value: Any) -> tuple[str, ...]:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise fail(key, "expected a list of rule references")
        for reference in value:
            if not any(matches(r, reference) for r in all_rules()):
                raise fail(key, f"unknown rule {reference!r} (see `pydocklint rules`)")
        return tuple(value)

    def rule_of(key: str, reference: str) -> list[Rule]:
        found = [r for r in all_rules() if matches(r, reference)]
        if not found:
            raise fail(key, f"unknown rule {reference!r} (see `pydocklint rules`)")
        return found

    unknown = sorted(set(table) - KNOWN_KEYS)
    if unknown:
        raise fail(unknown[0], f"unknown option (known: {', '.join(sorted(KNOWN_KEYS))})")
    values: dict[str, Any] = {}
    for key in _LIST_KEYS:
        if key in table:
            values[key.replace("-", "_")] = references(key, table[key])
    per_file = table.get("per-file-ignores", {})
    if not isinstance(per_file, dict):
        raise fail("per-file-ignores", "expected a table of glob = [rules]")
    values["per_file_ignores"] = tuple((pattern, references(f"per-file-ignores.{pattern}", refs))
                                       for pattern, refs in per_file.items())
    severity = table.get("severity", {})
    if not isinstance(severity, dict):
        raise fail("severity", "expected a table of rule = severity")
    overrides = []
    for reference, label in severity.items():
        rule_of(f"severity.{reference}", reference)
        overrides.append((reference, _severity(label, lambda m, r=reference: fail(f"severity.{r}", m))))
    values["severity"] = tuple(overrides)
    if "fail-level" in table:
        values["fail_level"] = _severity(table["fail-level"], lambda m: fail("fail-level", m))
    shared = {}
    for key, kind in SHARED_OPTIONS.items():
        if key in table:
            shared[key] = _option_value(table[key], kind, lambda m, k=key: fail(k, m))
    values["shared_options"] = shared
    rules_table = table.get("rules", {})
    if not isinstance(rules_table, dict):
        raise fail("rules", "expected a table of rule = {option = value}")
    rule_options = []
    for reference, options in rules_table.items():
        where = f"rules.{reference}"
        declared = {name for r in rule_of(where, reference) for name in r.options}
        if not isinstance(options, dict):
            raise fail(where, "expected a table of options")
        for name in options:
            if name not in declared:
                known = ", ".join(sorted(declared)) or "none"
                raise fail(f"{where}.{name}", f"unknown option for this rule (its options: {known})")
        rule_options.append((reference, dict(options)))
    values["rule_options"] = tuple(rule_options)
    root = os.path.dirname(os.path.abspath(source))
    return Settings(source=source, root=root, **values)


def _severity(label: Any, fail) -> Severity:
    if not isinstance(label, str):
        raise fail("expected one of error, warning, info, style")
    try:
        return Severity.from_label(label)
    except ValueError as error:
        raise fail(str(error)) from None


def _option_value(value: Any, kind: str, fail) -> Any:
    if kind == "list":
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise fail("expected a list of strings")
        return tuple(value)
    if not isinstance(value, dict) or not all(isinstance(item, str) for item in value.values()):
        raise fail("expected a table of name = string")
    return dict(value)


# ---------------------------------------------------------------------------- discovery


class ConfigLoader:
    """Finds and caches the settings for each linted file."""

    def __init__(self, *, config_file: str | None = None, isolated: bool = False,
                 overrides: Mapping[str, Any] | None = None) -> None:
        self.overrides = dict(overrides or {})
        self.isolated = isolated
        self._by_directory: dict[str, Settings] = {}
        self._by_file: dict[str, Settings] = {}
        self._fixed = self._with_overrides(load_file(config_file)) if config_file else None
        self._default = self._with_overrides(Settings())

    def _with_overrides(self, settings: Settings) -> Settings:
        return settings.with_overrides(**self.overrides)

    def settings_for(self, path: str) -> Settings:
        """The settings of the nearest configuration to ``path`` (a file, possibly not on disk: stdin's name)."""
        if self._fixed is not None:
            return self._fixed
        if self.isolated:
            return self._default
        directory = os.path.dirname(os.path.abspath(path))
        return self._for_directory(directory)

    def _for_directory(self, directory: str) -> Settings:
        walked = []
        settings = None
        current = directory
        while True:
            if current in self._by_directory:
                settings = self._by_directory[current]
                break
            walked.append(current)
            found = find_config_in(current)
            if found is not None:
                settings = self._by_file.get(found) or self._with_overrides(load_file(_shown(found)))
                self._by_file[found] = settings
                break
            parent = os.path.dirname(current)
            if parent == current:
                settings = self._default
                break
            current = parent
        for seen in walked:
            self._by_directory[seen] = settings
        return settings


def find_config_in(directory: str) -> str | None:
    """The configuration file of one directory, if it has one."""
    for name in CONFIG_FILES:
        candidate = os.path.join(directory, name)
        if not os.path.isfile(candidate):
            continue
        if name == "pyproject.toml" and _read_table(candidate) is None:
            continue
        return candidate
    return None


def _shown(path: str) -> str:
    """A path as messages show it: relative to the working directory when inside it."""
    relative = os.path.relpath(path)
    return path if relative.startswith(os.pardir) else relative
