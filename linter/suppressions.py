"""Inline suppressions: comments that silence findings, in our syntax, hadolint's and BuildKit's.

In a Dockerfile:

* ``# pydocklint: ignore=PDL101,base-image-untagged`` (any rule reference) silences
  those rules for the next instruction; ``# pydocklint: ignore`` silences every rule
  there. "Next instruction" means the comment sits between the previous
  instruction and this one (blank lines and other comments may come between).
* ``# pydocklint: ignore-file=PDL101`` anywhere silences the rules in the whole
  file; ``# pydocklint: ignore-file`` silences every rule.
* ``# hadolint ignore=DL3008,DL3009`` (next instruction) and ``# hadolint global
  ignore=DL3008`` (whole file) silence the rules that cover those DL ids.
* ``# check=skip=StageNameCasing,...`` as a parser directive silences the rules
  that cover those BuildKit checks in the whole file; the same comment in an
  instruction's comment block silences them for that instruction only (BuildKit
  uses the first such comment of the block). ``skip=all`` silences every rule that
  covers a BuildKit check, and only those.

In a Compose file (``for_compose``): ``# pydocklint: ignore=...`` at the end of a
line silences those rules on that line, and on a line of its own, on the next
line that holds a key; ``# pydocklint: ignore-file=...`` silences them in the
whole file.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pydocklint.dockerfile.model import Dockerfile
    from pydocklint.rule import Rule

NEXT, FILE = "next", "file"
_REFERENCES = r"([\w.-]+(?:[ \t]*,[ \t]*[\w.-]+)*)"
_OURS = re.compile(r"#[ \t]*pydocklint:[ \t]*(ignore-file|ignore)(?![\w-])(?:[ \t]*=[ \t]*" + _REFERENCES + ")?")
_HADOLINT = re.compile(r"#[ \t]*hadolint[ \t]+(global[ \t]+)?ignore[ \t]*=[ \t]*" + _REFERENCES)
_CHECK = re.compile(r"#[ \t]*check[ \t]*=[ \t]*(.*)", re.IGNORECASE)
_HADOLINT_ID = re.compile(r"(?i)DL\d{4}")
_PARSE_BOOL = {"1", "t", "T", "TRUE", "true", "True", "0", "f", "F", "FALSE", "false", "False"}


@dataclass(frozen=True, slots=True)
class Pragma:
    """One suppression comment."""

    dialect: str  # "pydocklint", "hadolint" or "buildkit"
    scope: str  # NEXT (the next instruction) or FILE
    references: tuple[str, ...]  # empty: every rule (of the dialect)
    line: int

    def silences(self, rule: Rule) -> bool:
        if self.dialect == "hadolint":
            return any(reference.upper() in rule.covers for reference in self.references)
        if self.dialect == "buildkit":
            if "all" in self.references:
                return any(not _HADOLINT_ID.fullmatch(covered) for covered in rule.covers)
            return any(reference in rule.covers and not _HADOLINT_ID.fullmatch(reference)
                       for reference in self.references)
        if not self.references:
            return True
        from pydocklint.engine import matches

        return any(matches(rule, reference) for reference in self.references)


def parse_pragma(line_text: str, line: int) -> Pragma | None:
    """The suppression a physical line holds, if it is one (our syntax or hadolint's; not ``check=``)."""
    stripped = line_text.strip()
    match = _OURS.match(stripped)
    if match:
        scope = FILE if match.group(1) == "ignore-file" else NEXT
        return Pragma("pydocklint", scope, _split(match.group(2)), line)
    match = _HADOLINT.match(stripped)
    if match:
        return Pragma("hadolint", FILE if match.group(1) else NEXT, _split(match.group(2)), line)
    return None


def parse_check_skip(value: str) -> tuple[str, ...] | None:
    """The rules a ``check=`` directive value skips, as BuildKit reads it; None when it is invalid.

    BuildKit cuts the value at the first space, then reads ``;``-separated
    ``skip=``, ``experimental=`` and ``error=`` options; anything else makes the
    whole directive invalid.
    """
    value = value.strip().split(" ", 1)[0].split("\t", 1)[0]
    skipped: tuple[str, ...] = ()
    for part in value.split(";"):
        key, equals, option = part.partition("=")
        key = key.strip().lower()
        if not equals or key not in ("skip", "experimental", "error"):
            return None
        if key == "error" and option.strip() not in _PARSE_BOOL:
            return None
        if key == "skip":
            skipped = tuple(name.strip() for name in option.split(",") if name.strip())
    return skipped


def _split(references: str | None) -> tuple[str, ...]:
    return tuple(part.strip() for part in references.split(",")) if references else ()


def _check_pragma(comment: str, line: int, scope: str) -> Pragma | None:
    match = _CHECK.match(comment.strip())
    if not match:
        return None
    skipped = parse_check_skip(match.group(1))
    return Pragma("buildkit", scope, skipped, line) if skipped else None


class Suppressions:
    """The suppressions of one file: which rule is silenced on which line."""

    def __init__(self, file_wide: Iterable[Pragma], ranges: Iterable[tuple[int, int, tuple[Pragma, ...]]]) -> None:
        self.file_wide = tuple(file_wide)
        ordered = sorted(ranges)  # (start_line, end_line, pragmas) of each instruction that has any
        self._starts = [start for start, _, _ in ordered]
        self._ranges = ordered

    @property
    def pragmas(self) -> tuple[Pragma, ...]:
        return self.file_wide + tuple(p for _, _, pragmas in self._ranges for p in pragmas)

    def silences(self, rule: Rule, line: int) -> bool:
        """Whether a finding of ``rule`` starting on ``line`` is suppressed."""
        if any(pragma.silences(rule) for pragma in self.file_wide):
            return True
        index = bisect.bisect_right(self._starts, line) - 1
        if index < 0:
            return False
        start, end, pragmas = self._ranges[index]
        return start <= line <= end and any(pragma.silences(rule) for pragma in pragmas)


def for_dockerfile(dockerfile: Dockerfile) -> Suppressions:
    """Collect a Dockerfile's suppression comments.

    Only comment lines between instructions count (a ``#`` line inside a
    continuation or a heredoc body is part of the instruction, not a comment).
    """
    lines = dockerfile.lines
    file_wide: list[Pragma] = []
    for directive in dockerfile.parsed.directives:
        if directive.key == "check":
            pragma = _check_pragma(f"# check={directive.value}", directive.line, FILE)
            if pragma:
                file_wide.append(pragma)
    ranges = []
    previous_end = 0
    for node in dockerfile.parsed.nodes:
        pending: list[Pragma] = []
        for number in range(previous_end + 1, node.start_line):
            pragma = parse_pragma(lines[number - 1], number)
            if pragma is None:
                continue
            (file_wide if pragma.scope == FILE else pending).append(pragma)
        # BuildKit: the first `check=` comment of the instruction's own comment block.
        for comment in node.prev_comment:
            if _CHECK.match("#" + comment):
                check = _check_pragma("#" + comment, node.start_line, NEXT)
                if check is not None:
                    pending.append(check)
                break
        if pending:
            ranges.append((node.start_line, node.end_line, tuple(pending)))
        previous_end = node.end_line
    for number in range(previous_end + 1, len(lines) + 1):  # comments after the last instruction
        pragma = parse_pragma(lines[number - 1], number)
        if pragma is not None and pragma.scope == FILE:
            file_wide.append(pragma)
    return Suppressions(file_wide, ranges)


_YAML_COMMENT = re.compile(r"(?:^|[ \t])(#[ \t]*pydocklint:.*)$")


def for_compose(text: str) -> Suppressions:
    """Collect a Compose file's ``# pydocklint:`` comments (YAML comments: ``#`` after a blank)."""
    lines = text.splitlines()
    file_wide: list[Pragma] = []
    ranges = []
    waiting: list[Pragma] = []  # own-line comments waiting for the next line with a key
    for number, line_text in enumerate(lines, 1):
        match = _YAML_COMMENT.search(line_text)
        content = line_text[:match.start(1)] if match else line_text
        pragma = parse_pragma(match.group(1), number) if match else None
        if pragma is not None and pragma.scope == FILE:
            file_wide.append(pragma)
            pragma = None
        if not content.strip() or content.strip().startswith("#"):
            if pragma is not None:
                waiting.append(pragma)
            continue
        here = waiting + ([pragma] if pragma is not None else [])
        if here:
            ranges.append((number, number, tuple(here)))
        waiting = []
    return Suppressions(file_wide, ranges)
