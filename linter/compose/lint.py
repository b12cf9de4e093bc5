"""Runs the Compose rules over a Compose file's project and turns their hits into findings."""

from __future__ import annotations

from collections.abc import Sequence

from pydocklint.compose.project import LoadFile, is_compose_name, load_project, read_from_disk
from pydocklint.compose.yamlload import yaml_lines
from pydocklint.engine import FileReport
from pydocklint.findings import Finding
from pydocklint.rule import Rule


def compose_rules(rules: Sequence[Rule]) -> list[Rule]:
    """The Compose rules among ``rules`` (the CLI may pass its whole selection)."""
    return [r for r in rules if r.kind == "compose"]


def lint_compose(text: str, path: str, rules: Sequence[Rule], *, load_file: LoadFile = read_from_disk,
                 settings=None) -> FileReport:
    """Lint one Compose file, seen inside its project (base/override files, ``extends``, ``include``).

    Files are read only through ``load_file(path) -> text | None`` (default: the
    disk), paths joined onto ``path``'s directory. Findings may point into other
    files the project reads; those in another Compose-named file are left to that
    file's own run, so linting a directory reports each finding once.
    """
    report = FileReport(path, lines=tuple(yaml_lines(text)))
    try:
        project = load_project(text, path, load_file)
        _last[0], _last[1] = (text, path, load_file), project
    except Exception as error:  # a loader bug must not stop the run
        report.errors.append(f"internal error loading {path}: {type(error).__name__}: {error}")
        return report
    from pydocklint.suppressions import for_compose

    suppressions = for_compose(text)
    seen: set[tuple] = set()
    for rule in compose_rules(rules):
        severity = settings.severity_of(rule) if settings is not None else rule.severity
        hit_severity_counts = settings is None or not settings.overrides_severity(rule)
        try:
            for hit in rule.check(project):
                where = getattr(hit, "path", path)
                if where != path and is_compose_name(where):
                    continue
                chosen = hit.severity if hit_severity_counts and hit.severity is not None else severity
                finding = Finding(rule.code, rule.name, chosen, hit.message, where,
                                  hit.line, hit.column, hit.end_line, hit.end_column, hit.fix)
                key = (finding.path, finding.line, finding.column, finding.code, finding.message)
                if where == path and suppressions.silences(rule, finding.line):
                    if key not in seen:
                        seen.add(key)
                        report.suppressed += 1
                    continue
                if key not in seen:
                    seen.add(key)
                    report.findings.append(finding)
        except Exception as error:  # a bug in one rule must not stop the others
            report.errors.append(f"internal error in rule {rule.code} ({rule.name}): "
                                 f"{type(error).__name__}: {error}")
    report.findings.sort(key=lambda f: f.sort_key)
    return report


def built_dockerfiles(text: str, path: str, *, load_file: LoadFile = read_from_disk) -> list[tuple[str, str]]:
    """(Dockerfile path, build context directory) of each local build the project's services use, once each.

    For the CLI: lint each of these Dockerfiles once, with that context (its
    ``.dockerignore``), alongside the Compose file. Missing Dockerfiles are left
    out (the build-dockerfile-missing rule reports them).
    """
    from pydocklint.compose.model import build_of

    project = _last[1] if _last[0] == (text, path, load_file) else load_project(text, path, load_file)
    found: dict[str, str] = {}
    for service in project.services.values():
        build = build_of(project, service)
        if build is not None and build.dockerfile_path and build.text is not None and build.context:
            found.setdefault(build.dockerfile_path, build.context)
    return list(found.items())


# The project lint_compose loaded last, so that built_dockerfiles right after it need not load it again.
_last: list = [None, None]
