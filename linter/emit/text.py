"""One finding a line, ``path:line:col: severity: message [CODE]``: what editors' problem matchers read.

With ``--show-source`` each finding is followed by its source line and a caret
marker under the span.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from pydocklint.emit import Run
from pydocklint.findings import Finding, Severity

_COLOURS = {Severity.ERROR: "\x1b[31m", Severity.WARNING: "\x1b[33m", Severity.INFO: "\x1b[36m",
            Severity.STYLE: "\x1b[35m"}
_BOLD, _DIM, _RESET = "\x1b[1m", "\x1b[2m", "\x1b[0m"


def format_finding(finding: Finding, colour: bool = False, fixable: bool = False) -> str:
    """``path:line:col: severity: message [CODE]``; a finding ``--fix`` would fix starts its message with ``[*]``."""
    severity = finding.severity.label
    # The marker goes before the message, not after the code, so that matchers anchored on "[CODE]$" still work.
    marker = "[*] " if fixable else ""
    if not colour:
        return f"{finding.path}:{finding.line}:{finding.column}: {severity}: {marker}{finding.message} [{finding.code}]"
    return (f"{_BOLD}{finding.path}{_RESET}:{finding.line}:{finding.column}: "
            f"{_COLOURS[finding.severity]}{severity}{_RESET}: {marker}{finding.message} {_DIM}[{finding.code}]{_RESET}")


def source_excerpt(finding: Finding, lines: tuple[str, ...]) -> str:
    """The finding's first line with a gutter, and carets under the span (to the line's end if it goes on)."""
    if not 0 < finding.line <= len(lines):
        return ""
    text = lines[finding.line - 1]
    end = finding.end_column if finding.end_line == finding.line else len(text) + 1
    width = max(end - finding.column, 1)
    # Tabs before the span are kept so that the carets line up under them in any tab width.
    padding = "".join("\t" if ch == "\t" else " " for ch in text[:finding.column - 1])
    gutter = str(finding.line)
    return f"{gutter} | {text}\n{' ' * len(gutter)} | {padding}{'^' * width}\n"


def write(run: Run, stream: TextIO) -> None:
    for finding in run.findings:
        stream.write(format_finding(finding, run.colour, run.fixable(finding)) + "\n")
        if run.show_source:
            stream.write(source_excerpt(finding, run.sources.get(finding.path, ())))


def write_text(findings: Iterable[Finding], stream: TextIO, colour: bool = False) -> None:
    write(Run(list(findings), colour=colour), stream)
