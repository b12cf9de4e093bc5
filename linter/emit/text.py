"""One finding a line, ``path:line:col: severity: message [CODE]``: what editors' problem matchers read."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from pydocklint.findings import Finding, Severity

_COLOURS = {Severity.ERROR: "\x1b[31m", Severity.WARNING: "\x1b[33m", Severity.INFO: "\x1b[36m",
            Severity.STYLE: "\x1b[35m"}
_BOLD, _DIM, _RESET = "\x1b[1m", "\x1b[2m", "\x1b[0m"


def format_finding(finding: Finding, colour: bool = False) -> str:
    severity = finding.severity.label
    if not colour:
        return f"{finding.path}:{finding.line}:{finding.column}: {severity}: {finding.message} [{finding.code}]"
    return (f"{_BOLD}{finding.path}{_RESET}:{finding.line}:{finding.column}: "
            f"{_COLOURS[finding.severity]}{severity}{_RESET}: {finding.message} {_DIM}[{finding.code}]{_RESET}")


def write_text(findings: Iterable[Finding], stream: TextIO, colour: bool = False) -> None:
    for finding in findings:
        stream.write(format_finding(finding, colour) + "\n")
