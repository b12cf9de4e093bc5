"""The rule contract and the registry that discovers rules in ``pydocklint.rules``.

A rule is one module: its docstring is the rule's documentation (sections
"What it does", "Why is this bad?", "Example", "Use instead") and one function
decorated with :func:`rule` is its check. The decorator turns the function into
a :class:`Rule`, so the module's metadata, docs and check live in one place and
feed the CLI, ``pydocklint rule CODE``, the generated docs and SARIF alike.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from pydocklint.findings import Hit, Severity

if TYPE_CHECKING:
    from pydocklint.dockerfile.model import Dockerfile

CODE_PATTERN = re.compile(r"^PD[LC]\d{3}$")  # PDL: Dockerfile rules, PDC: Compose rules
NAME_PATTERN = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
_HADOLINT_ID = re.compile(r"(?i)DL\d{4}")


@dataclass(frozen=True)
class Rule:
    code: str  # never changes once released
    name: str  # kebab-case, unique
    severity: Severity  # default; configuration may override it
    summary: str  # one line
    family: str  # the folder the rule lives in, kebab-case
    covers: tuple[str, ...]  # hadolint DL ids and BuildKit check names this rule stands for
    docs: str  # Markdown: What it does / Why is this bad? / Example / Use instead
    check: Callable[[Dockerfile], Iterable[Hit]]
    # For rules about the build context: the files (path, content) of the context the
    # docs' examples are built in; ".dockerignore" among them is the ignore file.
    example_context: tuple[tuple[str, str], ...] | None = None
    tags: tuple[str, ...] = ()  # extra SARIF tags; "security" makes it a security rule for GitHub
    # Names of the configuration options the check reads; when any, the engine calls
    # ``check(dockerfile, options=...)`` with a mapping of those that are set.
    options: tuple[str, ...] = ()
    kind: str = "dockerfile"  # what the check reads: "dockerfile" (a Dockerfile) or "compose" (a Compose project)
    # Off-by-default rules (experimental, or advice most files would get) run only when selected.
    default_enabled: bool = True
    # The fix its findings may carry: "safe" (--fix applies it), "unsafe" (--unsafe-fixes), or None.
    fix: str | None = None

    def __call__(self, dockerfile: Dockerfile) -> Iterable[Hit]:
        return self.check(dockerfile)

    def examples(self) -> tuple[str, str]:
        """The bad and the good Dockerfile from the docs (first fenced block of each)."""
        return _fenced_block_after(self.docs, "## Example"), _fenced_block_after(self.docs, "## Use instead")


def rule(*, code: str, name: str, severity: Severity, summary: str, covers: tuple[str, ...] = (),
         example_context: tuple[tuple[str, str], ...] | None = None, tags: tuple[str, ...] = (),
         options: tuple[str, ...] = (), kind: str = "dockerfile", default_enabled: bool = True,
         fix: str | None = None) -> Callable[..., Rule]:
    """Declare the decorated check function as a rule; its module docstring is the docs."""

    def declare(check: Callable[[Any], Iterable[Hit]]) -> Rule:
        if not CODE_PATTERN.match(code):
            raise ValueError(f"rule code {code!r} must look like PDL123 (or PDC123 for a Compose rule)")
        if not NAME_PATTERN.match(name):
            raise ValueError(f"rule name {name!r} must be kebab-case")
        if fix not in (None, "safe", "unsafe"):
            raise ValueError(f"rule {code}: fix must be 'safe', 'unsafe' or None, not {fix!r}")
        module_name = check.__module__
        docs = (sys.modules[module_name].__doc__ or "").strip()
        family = module_name.rsplit(".", 2)[-2].replace("_", "-")
        return Rule(code, name, severity, summary, family, tuple(covers), docs, check, example_context,
                    tuple(tags), tuple(options), kind, default_enabled, fix)

    return declare


def _fenced_block_after(docs: str, heading: str) -> str:
    start = docs.find(heading)
    if start < 0:
        return ""
    match = re.search(r"```[a-zA-Z]*\n(.*?)```", docs[start:], re.DOTALL)
    return match.group(1) if match else ""


@cache
def all_rules() -> tuple[Rule, ...]:
    """Every rule in the catalog, ordered by code."""
    import pydocklint.rules as package

    found: dict[str, Rule] = {}
    names: dict[str, str] = {}
    for module_info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        if module_info.ispkg:
            continue
        module = importlib.import_module(module_info.name)
        for value in vars(module).values():
            if isinstance(value, Rule):
                if value.code in found or value.name in names:
                    raise RuntimeError(f"rule {value.code} {value.name} declared twice ({module_info.name})")
                found[value.code] = value
                names[value.name] = value.code
    return tuple(found[code] for code in sorted(found))


def find_rule(reference: str) -> Rule | None:
    """A rule by its code, its name, or an id it covers (DL3007, MaintainerDeprecated)."""
    if _HADOLINT_ID.fullmatch(reference):
        reference = reference.upper()  # hadolint ids are case-insensitive: dl3007 is DL3007
    for candidate in all_rules():
        if reference.upper() == candidate.code or reference == candidate.name or reference in candidate.covers:
            return candidate
    return None


def fix_note(r: Rule) -> str:
    """One sentence on the fix a rule offers, for its docs."""
    if r.fix == "safe":
        return "Fix: safe, applied by `--fix`."
    return "Fix: unsafe (it changes the image or how it runs), applied by `--fix --unsafe-fixes`."


def rules_reference(rules: tuple[Rule, ...]) -> str:
    """The Markdown reference of every rule (docs/rules.md is this text)."""
    parts = ["# pydocklint rules\n\n",
             "Generated by `pydocklint rules --format markdown` from each rule's docstring; do not edit.\n\n",
             "| code | name | severity | summary | covers |\n| --- | --- | --- | --- | --- |\n"]
    for r in rules:
        parts.append(f"| [{r.code}](#{r.code.lower()}-{r.name}) | {r.name} | {r.severity.label} | {r.summary} | "
                     f"{', '.join(r.covers)} |\n")
    for r in rules:
        covers = f" Covers: {', '.join(r.covers)}." if r.covers else ""
        covers += "" if r.default_enabled else " Off by default: enable it with `--extend-select`."
        covers += f" {fix_note(r)}" if r.fix else ""
        docs = r.docs.replace("## ", "### ")
        parts.append(f"\n## {r.code} {r.name}\n\n{r.summary}. Severity: {r.severity.label}. "
                     f"Family: {r.family}.{covers}\n\n{docs}\n")
    return "".join(parts)
