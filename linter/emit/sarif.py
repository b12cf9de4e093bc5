"""SARIF 2.1.0 for GitHub code scanning, built with the ``sarif-om`` object model.

sarif-om has no serialiser (and the generator's ``to_json`` drops values equal
to a schema default, such as a result's ``level: warning``, which changes what
the result means when the rule's default level is stricter), so :func:`to_sarif`
is our own. One run holds every file; every rule that ran is in
``tool.driver.rules``; suppressed and baselined findings are left out.
"""

from __future__ import annotations

import os
import urllib.parse
from pathlib import Path
from typing import TextIO

import attr
import sarif_om as om

from pydocklint import __version__
from pydocklint.emit import Run, write_json_document
from pydocklint.findings import Finding, Severity
from pydocklint.rule import Rule

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/pydocklint/pydocklint"
RULES_URI = INFORMATION_URI + "/blob/main/docs/rules.md"
SRCROOT = "%SRCROOT%"

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note", Severity.STYLE: "note"}
PROBLEM_SEVERITY = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "recommendation",
                    Severity.STYLE: "recommendation"}
# GitHub: > 9.0 critical, 7.0-8.9 high, 4.0-6.9 medium, 0.1-3.9 low.
SECURITY_SEVERITY = {Severity.ERROR: "8.0", Severity.WARNING: "5.5", Severity.INFO: "3.0", Severity.STYLE: "1.0"}
# sarif-om fields whose default is a value that means something: always written when set.
_ALWAYS_WRITTEN = frozenset({"level"})
_MAX_DESCRIPTION = 1024  # GitHub's limit for short and full descriptions
# Keys in the order people read them (sarif-om's own order is "required first, then alphabetical").
_KEY_ORDER = {key: rank for rank, key in enumerate((
    "$schema", "id", "name", "version", "runs", "tool", "driver", "semanticVersion", "informationUri",
    "shortDescription", "fullDescription", "help", "helpUri", "defaultConfiguration", "ruleId", "ruleIndex",
    "level", "message", "locations", "physicalLocation", "artifactLocation", "uri", "uriBaseId", "region",
    "startLine", "startColumn", "endLine", "endColumn", "text", "markdown", "tags", "precision",
    "problem.severity", "security-severity", "rules", "automationDetails", "columnKind", "originalUriBaseIds",
    "invocations", "results"))}


def write(run: Run, stream: TextIO) -> None:
    write_json_document(sarif_document(run), stream)


def sarif_document(run: Run, root: str | None = None) -> dict:
    """The SARIF log of a run; paths are made relative to ``root`` (default: the working directory)."""
    root = os.path.abspath(root or os.getcwd())
    rules = list(run.rules)
    index = {r.code: i for i, r in enumerate(rules)}
    for finding in run.findings:  # a finding of a rule that is not listed (should not happen): list it
        if finding.code not in index:
            from pydocklint.rule import find_rule

            index[finding.code] = len(rules)
            rules.append(find_rule(finding.code))
    tool_run = om.Run(
        tool=om.Tool(driver=om.ToolComponent(
            name="pydocklint", version=__version__, semantic_version=__version__,
            information_uri=INFORMATION_URI, rules=[_descriptor(r) for r in rules])),
        column_kind="unicodeCodePoints",
        original_uri_base_ids={SRCROOT: om.ArtifactLocation(uri=Path(root).as_uri().rstrip("/") + "/")},
        results=[_result(f, index[f.code], root) for f in run.findings],
        invocations=[_invocation(run, root)],
    )
    if run.sarif_category:
        category = run.sarif_category if "/" in run.sarif_category else run.sarif_category + "/"
        tool_run.automation_details = om.RunAutomationDetails(id=category)
    log = om.SarifLog(version="2.1.0", schema_uri=SCHEMA_URI, runs=[tool_run])
    document = to_sarif(log)
    return {"$schema": document.pop("$schema"), "version": document.pop("version"), **document}


def to_sarif(value):
    """Plain JSON data of a sarif-om object: camelCase names, unset fields left out.

    A field is unset when it is None or equal to sarif-om's default (its
    placeholders such as ``ruleIndex: -1``, ``language: en-US``), except the
    fields in ``_ALWAYS_WRITTEN``. Extra attributes set on a property bag
    (``precision``, ``security-severity``) are kept.
    """
    if attr.has(type(value)):
        fields = {f.name: f for f in attr.fields(type(value))}
        document = {}
        for name, item in vars(value).items():
            if item is None:
                continue
            declared = fields.get(name)
            if declared is not None and name not in _ALWAYS_WRITTEN:
                default = declared.default
                if isinstance(default, attr.Factory):
                    default = default.factory()
                if item == default:
                    continue
            key = declared.metadata["schema_property_name"] if declared is not None else name
            document[key] = to_sarif(item)
        return dict(sorted(document.items(), key=lambda pair: _KEY_ORDER.get(pair[0], len(_KEY_ORDER))))
    if isinstance(value, (list, tuple)):
        return [to_sarif(item) for item in value]
    if isinstance(value, dict):
        return {key: to_sarif(item) for key, item in value.items() if item is not None}
    return value


def is_security_rule(rule: Rule) -> bool:
    return "security" in rule.tags or rule.family == "security"


def _descriptor(rule: Rule) -> om.ReportingDescriptor:
    kind = getattr(rule, "kind", "dockerfile")  # "dockerfile" or "compose"
    properties = om.PropertyBag(tags=list(dict.fromkeys([kind, rule.family, *rule.tags])))
    # Syntax rules report what Docker itself refuses: nothing to doubt.
    setattr(properties, "precision", "very-high" if rule.family == "syntax" else "high")
    setattr(properties, "problem.severity", PROBLEM_SEVERITY[rule.severity])
    if is_security_rule(rule):
        setattr(properties, "security-severity", SECURITY_SEVERITY[rule.severity])
    return om.ReportingDescriptor(
        id=rule.code,
        name=rule.name,
        short_description=om.MultiformatMessageString(text=rule.summary[:_MAX_DESCRIPTION]),
        full_description=om.MultiformatMessageString(text=_what_it_does(rule)[:_MAX_DESCRIPTION]),
        help=om.MultiformatMessageString(text=rule.docs, markdown=rule.docs),
        help_uri=f"{RULES_URI}#{rule.code.lower()}-{rule.name}",
        default_configuration=om.ReportingConfiguration(level=LEVELS[rule.severity]),
        properties=properties,
    )


def _what_it_does(rule: Rule) -> str:
    """The "What it does" section of the docs, as one paragraph of text (the summary if there is none)."""
    docs = rule.docs
    start = docs.find("## What it does")
    if start < 0:
        return rule.summary
    body = docs[start + len("## What it does"):]
    end = body.find("\n## ")
    text = " ".join((body if end < 0 else body[:end]).split())
    return text or rule.summary


def _result(finding: Finding, rule_index: int, root: str) -> om.Result:
    return om.Result(
        rule_id=finding.code,
        rule_index=rule_index,
        level=LEVELS[finding.severity],
        message=om.Message(text=finding.message),
        locations=[_location(finding.path, root, finding)],
    )


def _location(path: str, root: str, finding: Finding | None = None) -> om.Location:
    region = None
    if finding is not None:
        region = om.Region(start_line=finding.line, start_column=finding.column,
                           end_line=finding.end_line, end_column=max(finding.end_column, 1))
    return om.Location(physical_location=om.PhysicalLocation(artifact_location=artifact(path, root),
                                                             region=region))


def artifact(path: str, root: str) -> om.ArtifactLocation:
    """A repository-relative POSIX URI based at %SRCROOT%, or an absolute file URI outside the root."""
    absolute = os.path.abspath(path)
    relative = os.path.relpath(absolute, root) if os.path.splitdrive(absolute)[0] == os.path.splitdrive(root)[0] \
        else absolute
    if relative == os.pardir or relative.startswith(os.pardir + os.sep) or os.path.isabs(relative):
        return om.ArtifactLocation(uri=Path(absolute).as_uri())
    return om.ArtifactLocation(uri=urllib.parse.quote(relative.replace(os.sep, "/")), uri_base_id=SRCROOT)


def _invocation(run: Run, root: str) -> om.Invocation:
    notifications = [om.Notification(level="error", message=om.Message(text=message),
                                     locations=[_location(path, root)]) for path, message in run.errors]
    return om.Invocation(execution_successful=not run.errors, tool_execution_notifications=notifications or None)
