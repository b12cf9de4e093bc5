"""Checkstyle XML (read by Jenkins' warnings plugin, reviewdog, Sonar and others): one ``<file>`` per linted file."""

from __future__ import annotations

from itertools import groupby
from typing import TextIO
from xml.sax.saxutils import quoteattr

from pydocklint.emit import Run
from pydocklint.findings import Severity

SEVERITIES = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info", Severity.STYLE: "info"}


def write(run: Run, stream: TextIO) -> None:
    by_path = {path: list(group) for path, group in groupby(run.findings, key=lambda f: f.path)}
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n<checkstyle version="4.3">\n')
    for path in dict.fromkeys([*run.paths, *by_path]):
        findings = by_path.get(path, [])
        if not findings:
            stream.write(f"  <file name={quoteattr(path)}/>\n")
            continue
        stream.write(f"  <file name={quoteattr(path)}>\n")
        for f in findings:
            stream.write(f"    <error line=\"{f.line}\" column=\"{f.column}\" severity=\"{SEVERITIES[f.severity]}\" "
                         f"message={quoteattr(f.message)} source={quoteattr('pydocklint.' + f.code)}/>\n")
        stream.write("  </file>\n")
    stream.write("</checkstyle>\n")
