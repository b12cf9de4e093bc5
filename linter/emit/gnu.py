"""The GNU Coding Standards' error format, with ranges: ``path:line.col-endline.endcol: severity: message [CODE]``.

Columns are 1-based and the end column is the last character (inclusive), as the
standard reads; a range on one line is written ``line.col-endcol``. Emacs'
compilation mode and other GNU-aware tools read it.
"""

from __future__ import annotations

from typing import TextIO

from pydocklint.emit import Run
from pydocklint.findings import Finding, Severity

LABELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note", Severity.STYLE: "note"}


def location(f: Finding) -> str:
    last = f.end_column - 1  # inclusive
    if f.end_line == f.line:
        return f"{f.line}.{f.column}" if last <= f.column else f"{f.line}.{f.column}-{last}"
    if last < 1:  # ends at the start of a line: the range ends on the line before
        return f"{f.line}.{f.column}-{f.end_line - 1}"
    return f"{f.line}.{f.column}-{f.end_line}.{last}"


def write(run: Run, stream: TextIO) -> None:
    for f in run.findings:
        stream.write(f"{f.path}:{location(f)}: {LABELS[f.severity]}: {f.message} [{f.code}]\n")
