"""Runs the selected rules over a file's model and turns their hits into findings."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from pydocklint.findings import Finding
from pydocklint.rule import Rule, all_rules, find_rule


@dataclass
class FileReport:
    path: str
    findings: list[Finding] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # the file could not be linted fully


class UnknownRuleError(ValueError):
    pass


def select_rules(select: Iterable[str] = (), ignore: Iterable[str] = ()) -> tuple[Rule, ...]:
    """The rules to run: all, or only ``select``, minus ``ignore``.

    References are rule codes, names, code prefixes (``PDL1``) or the hadolint and
    BuildKit ids a rule covers.
    """
    catalog = all_rules()
    select, ignore = list(select), list(ignore)
    chosen = [r for r in catalog if any(_matches(r, ref) for ref in select)] if select else list(catalog)
    return tuple(r for r in chosen if not any(_matches(r, ref) for ref in ignore))


def validate_references(references: Iterable[str]) -> None:
    for reference in references:
        if not any(_matches(r, reference) for r in all_rules()):
            raise UnknownRuleError(f"unknown rule {reference!r} (see `pydocklint rules`)")


def _matches(rule: Rule, reference: str) -> bool:
    if reference.upper() == "ALL":
        return True
    if find_rule(reference) is rule:
        return True
    upper = reference.upper()
    return upper.startswith("PDL") and rule.code.startswith(upper) or reference in rule.covers


def lint_dockerfile(text: str, path: str, rules: Sequence[Rule], *, context=None) -> FileReport:
    """Lint one Dockerfile's text.

    ``context`` is the build context: a ``BuildContext``, None for none known, or
    ``"load"`` to read the ignore file (and, for a COPY of the whole context, the
    file listing) from the Dockerfile's directory on disk.
    """
    # Imported here so that commands that never lint (rules, --version) stay light.
    from pydocklint.dockerfile.instructions import build
    from pydocklint.dockerfile.parser import parse

    dockerfile = build(parse(text), path)
    if context == "load":
        from pydocklint.context import load_build_context

        context = load_build_context(path, list_files=dockerfile.copies_whole_context)
    if context is not None:
        dockerfile = dockerfile.with_context(context)
    report = FileReport(path)
    for rule in rules:
        try:
            for hit in rule.check(dockerfile):
                report.findings.append(Finding(rule.code, rule.name, rule.severity, hit.message, path,
                                               hit.line, hit.column, hit.end_line, hit.end_column, hit.fix))
        except Exception as error:  # a bug in one rule must not stop the others
            report.errors.append(f"internal error in rule {rule.code} ({rule.name}): "
                                 f"{type(error).__name__}: {error}")
    report.findings.sort(key=lambda f: f.sort_key)
    return report
