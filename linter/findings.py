"""What a run reports: findings with a severity, a span and an optional fix."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Severity(enum.IntEnum):
    """Ordered so that ``severity >= fail_level`` decides the exit code."""

    STYLE = 0
    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def from_label(cls, label: str) -> Severity:
        try:
            return cls[label.upper()]
        except KeyError:
            choices = ", ".join(s.label for s in cls)
            raise ValueError(f"unknown severity {label!r} (choose from {choices})") from None


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace the text between two 1-based positions (end exclusive)."""

    line: int
    column: int
    end_line: int
    end_column: int
    replacement: str

    @classmethod
    def replacing(cls, span: tuple[int, int, int, int], replacement: str) -> Edit:
        """Replace the text a span (as rules and the model give them) covers."""
        line, column, end_line, end_column = span
        return cls(line, column, end_line, end_column, replacement)

    @classmethod
    def inserting(cls, line: int, column: int, text: str) -> Edit:
        """Insert text before the character at (line, column); column len+1 appends to the line."""
        return cls(line, column, line, column, text)


@dataclass(frozen=True, slots=True)
class Fix:
    description: str
    edits: tuple[Edit, ...]
    safe: bool  # safe: the build means the same; unsafe: the image or its behaviour changes
    # Files the fix creates beside the edits, as (path, content); never written over an existing file.
    new_files: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Hit:
    """What a rule's check yields: where and what, before the engine names the rule.

    Positions are 1-based; ``end_column`` is exclusive (one past the last
    character), as in SARIF and LSP.
    """

    message: str
    line: int
    column: int
    end_line: int
    end_column: int
    fix: Fix | None = None
    # A rule whose severity depends on the case (e.g. error when a CMD is ignored, warning
    # otherwise) sets it here; None means the rule's severity. A configured override still wins.
    severity: Severity | None = None

    @classmethod
    def at(cls, span: tuple[int, int, int, int], message: str, fix: Fix | None = None,
           severity: Severity | None = None) -> Hit:
        line, column, end_line, end_column = span
        return cls(message, line, column, end_line, end_column, fix, severity)


class FileHit(Hit):
    """A hit in another file than the one linted: a Compose override or extends base, a .dockerignore."""

    __slots__ = ("path",)

    def __init__(self, message: str, span: tuple[int, int, int, int], path: str, fix: Fix | None = None,
                 severity: Severity | None = None) -> None:
        line, column, end_line, end_column = span
        super().__init__(message, line, column, end_line, end_column, fix, severity)
        object.__setattr__(self, "path", path)


@dataclass(frozen=True, slots=True)
class Finding:
    code: str
    name: str
    severity: Severity
    message: str
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    fix: Fix | None = None

    @property
    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.code)
