"""Runs the selected rules over a file's model and turns their hits into findings."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from pydocklint.findings import Finding
from pydocklint.rule import Rule, all_rules, find_rule


@dataclass
class FileReport:
    path: str
    findings: list[Finding] = field(default_factory=list)  # suppressed findings are left out
    errors: list[str] = field(default_factory=list)  # the file could not be linted fully
    suppressed: int = 0  # findings silenced by inline suppressions
    lines: tuple[str, ...] = ()  # the physical lines, for --show-source
    # Parallel to ``findings`` when asked for: a line-independent fingerprint of where each one is.
    fingerprints: list[str] = field(default_factory=list)


class UnknownRuleError(ValueError):
    pass


def select_rules(select: Iterable[str] = (), ignore: Iterable[str] = (),
                 extend_select: Iterable[str] = ()) -> tuple[Rule, ...]:
    """The rules to run: those enabled by default, or only ``select``; plus ``extend_select``; minus ``ignore``.

    References are rule codes, names, code prefixes (``PDL1``) or the hadolint and
    BuildKit ids a rule covers. A rule that is off by default runs only when a
    reference selects it.
    """
    catalog = all_rules()
    select, ignore, extend = list(select), list(ignore), list(extend_select)
    chosen = [r for r in catalog
              if (any(matches(r, ref) for ref in select) if select else r.default_enabled)
              or any(matches(r, ref) for ref in extend)]
    return tuple(r for r in chosen if not any(matches(r, ref) for ref in ignore))


def dockerfile_rules(rules: Iterable[Rule]) -> tuple[Rule, ...]:
    """The rules among ``rules`` that read a Dockerfile (not a Compose project)."""
    return tuple(r for r in rules if getattr(r, "kind", "dockerfile") == "dockerfile")


def validate_references(references: Iterable[str]) -> None:
    for reference in references:
        if not any(matches(r, reference) for r in all_rules()):
            raise UnknownRuleError(f"unknown rule {reference!r} (see `pydocklint rules`)")


def matches(rule: Rule, reference: str) -> bool:
    """Whether a rule reference (code, name, code prefix, covered id, ``ALL``) names ``rule``."""
    upper = reference.upper()
    if upper == "ALL":
        return True
    if find_rule(reference) is rule:
        return True
    if upper.startswith(("PDL", "PDC")):
        return rule.code.startswith(upper)
    return reference in rule.covers or upper.startswith("DL") and upper in rule.covers




def lint_dockerfile(text: str, path: str, rules: Sequence[Rule], *, context=None, context_root=None, settings=None,
                    suppress: bool = True, fingerprints: bool = False) -> FileReport:
    """Lint one Dockerfile's text.

    ``context`` is the build context: a ``BuildContext``, None for none known, or
    ``"load"`` to read the ignore file (and, for a COPY of the whole context, the
    file listing) from disk, with ``context_root`` (default: the Dockerfile's
    directory) as the context's root. ``settings`` (a
    :class:`pydocklint.config.Settings`) supplies severity overrides and rule
    options. ``suppress=False`` keeps findings that inline comments silence.
    ``fingerprints`` fills ``report.fingerprints`` (for baselines and Code Climate).
    """
    # Imported here so that commands that never lint (rules, --version) stay light.
    from pydocklint.dockerfile.instructions import build
    from pydocklint.dockerfile.parser import parse

    dockerfile = build(parse(text), path)
    if context == "load":
        from pydocklint.context import load_build_context

        context = load_build_context(path, context_root, list_files=dockerfile.copies_whole_context)
    if context is not None:
        dockerfile = dockerfile.with_context(context)
    report = FileReport(path, lines=dockerfile.lines)
    rules = dockerfile_rules(rules)  # Compose rules run in pydocklint.compose.lint
    suppressions = None
    if suppress:
        from pydocklint.suppressions import for_dockerfile

        suppressions = for_dockerfile(dockerfile)
    for rule in rules:
        severity = settings.severity_of(rule) if settings is not None else rule.severity
        hit_severity_counts = settings is None or not settings.overrides_severity(rule)
        try:
            hits = rule.check(dockerfile, options=settings.options_of(rule) if settings else {}) \
                if rule.options else rule.check(dockerfile)
            for hit in hits:
                where = getattr(hit, "path", path)  # a FileHit lies in another file (the .dockerignore)
                if where == path and suppressions is not None and suppressions.silences(rule, hit.line):
                    report.suppressed += 1
                    continue
                chosen = hit.severity if hit_severity_counts and hit.severity is not None else severity
                report.findings.append(Finding(rule.code, rule.name, chosen, hit.message, where,
                                               hit.line, hit.column, hit.end_line, hit.end_column, hit.fix))
        except Exception as error:  # a bug in one rule must not stop the others
            report.errors.append(f"internal error in rule {rule.code} ({rule.name}): "
                                 f"{type(error).__name__}: {error}")
    report.findings.sort(key=lambda f: f.sort_key)
    if fingerprints:
        from pydocklint.baseline import fingerprint

        located = _instruction_texts(dockerfile)
        report.fingerprints = [fingerprint(located(f.line)) for f in report.findings]
    return report


def _instruction_texts(dockerfile):
    """A function from a line number to the text of the instruction on it (else the line itself)."""
    import bisect

    nodes = dockerfile.parsed.nodes
    starts = [node.start_line for node in nodes]

    def text_at(line: int) -> str:
        index = bisect.bisect_right(starts, line) - 1
        if index >= 0 and line <= nodes[index].end_line:
            node = nodes[index]
            return node.original + "".join(heredoc.content for heredoc in node.heredocs)
        return dockerfile.lines[line - 1] if 0 < line <= len(dockerfile.lines) else ""

    return text_at
