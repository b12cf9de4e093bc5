"""One JSON document for the whole run. Keys may be added later, never renamed."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO

from pydocklint import __version__
from pydocklint.findings import Finding


def finding_document(finding: Finding) -> dict:
    return {
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


def write_json(findings: Iterable[Finding], stream: TextIO) -> None:
    document = {
        "tool": {"name": "pydocklint", "version": __version__},
        "findings": [finding_document(f) for f in findings],
    }
    json.dump(document, stream, indent=2, ensure_ascii=False)
    stream.write("\n")
