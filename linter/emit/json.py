"""One JSON document for the whole run. Keys may be added later, never renamed.

A finding with a fix has a ``fix`` key: ``{"description", "applicability"
("safe"|"unsafe"), "edits": [{"line", "column", "end_line", "end_column",
"replacement"}]}``; findings without one have no ``fix`` key.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from pydocklint import __version__
from pydocklint.emit import Run, write_json_document
from pydocklint.findings import Finding, Fix


def finding_document(finding: Finding) -> dict:
    document = {
        "code": finding.code,
        "name": finding.name,
        "severity": finding.severity.label,
        "message": finding.message,
        "path": finding.path,
        "line": finding.line,
        "column": finding.column,
        "end_line": finding.end_line,
        "end_column": finding.end_column,
    }
    if finding.fix is not None:
        document["fix"] = fix_document(finding.fix)
    return document


def fix_document(fix: Fix) -> dict:
    return {
        "description": fix.description,
        "applicability": "safe" if fix.safe else "unsafe",
        "edits": [{"line": e.line, "column": e.column, "end_line": e.end_line, "end_column": e.end_column,
                   "replacement": e.replacement} for e in fix.edits],
    }


def write(run: Run, stream: TextIO) -> None:
    document = {
        "tool": {"name": "pydocklint", "version": __version__},
        "findings": [finding_document(f) for f in run.findings],
    }
    write_json_document(document, stream)


def write_json(findings: Iterable[Finding], stream: TextIO) -> None:
    write(Run(list(findings)), stream)
