"""GitHub Actions workflow commands: each finding becomes an annotation on the file.

``::warning file=Dockerfile,line=1,col=6,endLine=1,endColumn=19,title=PDL102::message``
(escaping as in actions/toolkit: ``%``, CR and LF everywhere, ``:`` and ``,`` too in
property values).
"""

from __future__ import annotations

from typing import TextIO

from pydocklint.emit import Run
from pydocklint.findings import Severity

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice", Severity.STYLE: "notice"}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def write(run: Run, stream: TextIO) -> None:
    for f in run.findings:
        properties = ",".join(f"{key}={_escape_property(str(value))}" for key, value in (
            ("file", f.path), ("line", f.line), ("col", f.column), ("endLine", f.end_line),
            ("endColumn", f.end_column), ("title", f"{f.code} {f.name}")))
        stream.write(f"::{COMMANDS[f.severity]} {properties}::{_escape_data(f.message)}\n")
