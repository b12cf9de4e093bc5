"""Code Climate issues as GitLab's Code Quality report reads them (``artifacts:reports:codequality``).

The fingerprint identifies an issue across commits: path, rule and the
line-independent fingerprint of the instruction (as in baselines), plus a
counter for identical ones.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from typing import TextIO

from pydocklint.emit import Run, write_json_document
from pydocklint.findings import Severity

SEVERITIES = {Severity.ERROR: "critical", Severity.WARNING: "major", Severity.INFO: "minor", Severity.STYLE: "info"}
CATEGORIES = {Severity.ERROR: "Bug Risk", Severity.WARNING: "Bug Risk", Severity.INFO: "Style", Severity.STYLE: "Style"}


def write(run: Run, stream: TextIO) -> None:
    seen: Counter = Counter()
    issues = []
    for f in run.findings:
        key = f"{f.path}\0{f.code}\0{run.fingerprints.get(id(f), f'{f.line}:{f.column}')}"
        seen[key] += 1
        issues.append({
            "type": "issue",
            "check_name": f.code,
            "description": f"{f.message} [{f.code}]",
            "categories": [CATEGORIES[f.severity]],
            "severity": SEVERITIES[f.severity],
            "fingerprint": _digest(f"{key}\0{seen[key]}"),
            "location": {"path": f.path, "positions": {"begin": {"line": f.line, "column": f.column},
                                                       "end": {"line": f.end_line, "column": f.end_column}}},
        })
    write_json_document(issues, stream)


def _digest(text: str) -> str:
    return hashlib.md5(text.encode("utf-8", "surrogatepass"), usedforsecurity=False).hexdigest()
