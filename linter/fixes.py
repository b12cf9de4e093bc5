"""Applying the fixes rules attach to findings: text edits, then a re-lint, until nothing changes.

Edits are in the coordinates findings use: 1-based lines split on ``\\n`` (a
``\\r`` before it stays part of the line ending, so CRLF files keep CRLF) and
1-based columns, end exclusive, counted after a leading BOM. Everything an edit
does not touch is kept byte for byte.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from pydocklint.findings import Finding, Fix

# Overlapping fixes are applied one pass at a time; a fix that keeps changing the file must not loop forever.
MAX_PASSES = 10
BOM = "\ufeff"


def offsets(text: str) -> list[int]:
    """The offset at which each line starts (index 0 is line 1), plus one past the end."""
    starts = [0]
    position = text.find("\n")
    while position >= 0:
        starts.append(position + 1)
        position = text.find("\n", position + 1)
    starts.append(len(text) + 1)
    return starts


def _edit_range(starts: list[int], edit, length: int) -> tuple[int, int] | None:
    """The (start, end) offsets of an edit, or None when it points outside the text."""
    lines = len(starts) - 1

    def offset(line: int, column: int) -> int | None:
        if not 1 <= line <= lines:
            return None
        # The end of a line (column len+1) is its "\n" (or "\r\n"); an edit never eats a line ending it does not name.
        position = starts[line - 1] + column - 1
        return position if position <= min(starts[line] - 1, length) else None

    start, end = offset(edit.line, edit.column), offset(edit.end_line, edit.end_column)
    if start is None or end is None or end < start:
        return None
    return start, end


def apply(text: str, fixes: Iterable[Fix]) -> tuple[str, list[Fix]]:
    """Apply the fixes whose edits overlap no earlier fix's; returns the new text and the fixes applied.

    Fixes are taken in the order of their first edit. A fix whose edits fall
    outside the text is skipped rather than guessed at.
    """
    body = text.removeprefix(BOM)
    starts = offsets(body)
    placed: list[tuple[int, int, str]] = []
    taken: list[tuple[int, int]] = []
    applied: list[Fix] = []
    candidates = []
    for fix in fixes:
        ranges = [_edit_range(starts, edit, len(body)) for edit in fix.edits]
        if not ranges or any(r is None for r in ranges):
            continue
        candidates.append((min(ranges), ranges, fix))
    for _, ranges, fix in sorted(candidates, key=lambda c: c[0]):
        # Two insertions at one point, or an edit touching another, would depend on their order: one per pass.
        if any(start <= other_end and other_start <= end for start, end in ranges for other_start, other_end in taken):
            continue
        taken.extend(ranges)
        placed.extend((start, end, edit.replacement) for (start, end), edit in zip(ranges, fix.edits))
        applied.append(fix)
    for start, end, replacement in sorted(placed, reverse=True):
        body = body[:start] + replacement + body[end:]
    return (BOM + body if text.startswith(BOM) else body), applied


@dataclass
class FixOutcome:
    text: str  # the fixed text (the original when nothing applied)
    findings: list[Finding]  # what the last lint reported
    fixed: int  # findings fixed
    report: object  # the last lint's report


def fix_text(text: str, lint: Callable[[str], object], *, unsafe: bool,
             still_valid: Callable[[str, str], bool], report: object = None) -> FixOutcome:
    """Lint, apply the fixes allowed, re-lint, up to MAX_PASSES times.

    ``lint(text)`` returns a report with ``findings``; ``still_valid(before,
    after)`` says whether a changed text still parses as well as before (same
    stages, no new parse errors). A pass that breaks the file is retried one fix
    at a time, keeping only the fixes that leave it valid. ``report`` is the lint of ``text`` when the
    caller has it already.
    """
    report = report if report is not None else lint(text)
    fixed = 0
    for _ in range(MAX_PASSES):
        wanted = [f.fix for f in report.findings if allowed(f.fix, unsafe)]
        if not wanted:
            break
        changed, applied = apply(text, wanted)
        if changed != text and not still_valid(text, changed):
            changed, applied = _one_at_a_time(text, wanted, still_valid)
        if changed == text:
            break
        text, fixed = changed, fixed + len(applied)
        report = lint(text)
    return FixOutcome(text, report.findings, fixed, report)


def _one_at_a_time(text: str, fixes: Sequence[Fix], still_valid) -> tuple[str, list[Fix]]:
    applied = []
    for fix in fixes:
        changed, done = apply(text, [fix])
        if done and changed != text and still_valid(text, changed):
            text = changed
            applied.extend(done)
            # The remaining fixes' positions refer to the old text: the next pass re-lints for them.
            break
    return text, applied


def allowed(fix: Fix | None, unsafe: bool) -> bool:
    """Whether ``fix`` edits the text and is of a class the run applies."""
    return fix is not None and bool(fix.edits) and (fix.safe or unsafe)


def unified_diff(path: str, before: str, after: str) -> str:
    """A unified diff of one file, as ``diff -u`` and ``git apply`` read it."""
    lines = difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                 fromfile=f"a/{path}", tofile=f"b/{path}")
    out = []
    for line in lines:
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)


def parses(kind: str, text: str) -> bool:
    """Fixes are never applied to a file that fails to parse."""
    if kind == "compose":
        return _compose_documents(text) is not None
    from pydocklint.dockerfile.parser import parse

    return parse(text).error is None


def _dockerfile_shape(text: str) -> tuple[int, int]:
    """The number of stages and of problems Docker would refuse (parse error included)."""
    from pydocklint.dockerfile.instructions import build
    from pydocklint.dockerfile.parser import parse

    parsed = parse(text)
    dockerfile = build(parsed, "Dockerfile")
    return len(dockerfile.stages), len(dockerfile.problems) + (parsed.error is not None)


def dockerfile_still_valid(before: str, after: str) -> bool:
    stages_before, problems_before = _dockerfile_shape(before)
    stages_after, problems_after = _dockerfile_shape(after)
    return stages_after == stages_before and problems_after <= problems_before


def _compose_documents(text: str) -> int | None:
    from pydocklint.compose.yamlload import LoadError, load_documents

    try:
        return len(load_documents(text, "compose.yaml"))
    except LoadError:
        return None


def compose_still_valid(before: str, after: str) -> bool:
    return _compose_documents(after) == _compose_documents(before)


def write_fixed(path: str, original: str | None, text: str) -> None:
    """Write a fixed file atomically (temporary file + rename), keeping its mode and encoding.

    ``original`` is the text the fixes were made from: if the file no longer
    holds it (someone saved it meanwhile), nothing is written. ``None`` creates a
    new file, and refuses to replace one that exists.
    """
    import os
    import stat

    from pydocklint.atomic import write_atomically

    if original is None:
        encoding, mode = "utf-8", None
        if os.path.lexists(path):
            raise FileExistsError(17, "file exists", path)
    else:
        with open(path, "rb") as handle:
            data = handle.read()
        encoding = _encoding_of(data)
        if data.decode(encoding) != original:
            raise OSError(0, "the file changed while it was linted; not fixed", path)
        mode = stat.S_IMODE(os.stat(path).st_mode)
    write_atomically(path, lambda stream: stream.write(text), encoding=encoding, mode=mode)


def _encoding_of(data: bytes) -> str:
    """How pydocklint.source decoded these bytes: UTF-8 when they are, otherwise Latin-1 (byte for byte)."""
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        return "latin-1"
