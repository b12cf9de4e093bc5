"""Emitters: turn a run's findings into one output format.

Each format is a module with a ``write(run, stream)`` function; the registry
names the module so that only the chosen one is imported (SARIF's object model
is not loaded for a text run).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from pydocklint.findings import Finding
    from pydocklint.rule import Rule

FORMATS = {
    "text": "pydocklint.emit.text",
    "json": "pydocklint.emit.json",
    "sarif": "pydocklint.emit.sarif",
    "github": "pydocklint.emit.github",
    "gnu": "pydocklint.emit.gnu",
    "checkstyle": "pydocklint.emit.checkstyle",
    "codeclimate": "pydocklint.emit.codeclimate",
}


@dataclass
class Run:
    """Everything an emitter may need about one run."""

    findings: list[Finding]  # sorted by path, line, column; suppressed and baselined ones left out
    rules: tuple[Rule, ...] = ()  # every rule that ran on at least one file, by code
    paths: list[str] = field(default_factory=list)  # every file linted, in order
    sources: dict[str, tuple[str, ...]] = field(default_factory=dict)  # path -> lines (for --show-source)
    fingerprints: dict[int, str] = field(default_factory=dict)  # id(finding) -> fingerprint, when computed
    errors: list[tuple[str, str]] = field(default_factory=list)  # (path, message) of files not linted fully
    colour: bool = False
    show_source: bool = False
    sarif_category: str | None = None
    unsafe_fixes: bool = False  # unsafe fixes count as fixable (text marks fixable findings with [*])

    def fixable(self, finding: Finding) -> bool:
        fix = finding.fix
        return fix is not None and bool(fix.edits or fix.new_files) and (fix.safe or self.unsafe_fixes)


def emitter(name: str) -> Callable[[Run, TextIO], None]:
    return importlib.import_module(FORMATS[name]).write


_CHUNK = 1 << 16


def write_json_document(document, stream: TextIO, *, ensure_ascii: bool = False) -> None:
    """Write ``document`` as indented JSON and a newline, in 64 KiB writes.

    ``json.dump`` writes every token separately: a system call apiece when
    stdout is unbuffered (``PYTHONUNBUFFERED=1``, common in CI images). One
    write of the whole text would hide a reader that went away (``| head``):
    an unbuffered text stream drops what a partial write left, without an
    error, while the next chunk's write raises BrokenPipeError as it should.
    """
    import json

    pieces: list[str] = []
    size = 0
    for piece in json.JSONEncoder(indent=2, ensure_ascii=ensure_ascii).iterencode(document):
        pieces.append(piece)
        size += len(piece)
        if size >= _CHUNK:
            stream.write("".join(pieces))
            pieces, size = [], 0
    pieces.append("\n")
    stream.write("".join(pieces))
