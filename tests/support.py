"""Small helpers the tests share."""

from __future__ import annotations

import textwrap
from pathlib import Path

from pydocklint.engine import lint_dockerfile, select_rules

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def lint(text: str, *references: str, path: str = "Dockerfile", context=None) -> list[tuple]:
    """(code, line, column, end_line, end_column, message) of each finding, for the rules named."""
    report = lint_dockerfile(textwrap.dedent(text).lstrip("\n"), path, select_rules(references), context=context)
    assert report.errors == []
    return [(f.code, f.line, f.column, f.end_line, f.end_column, f.message) for f in report.findings]


def codes(text: str, *references: str) -> list[tuple[str, int, int]]:
    """(code, line, column) of each finding, for the rules named."""
    return [finding[:3] for finding in lint(text, *references)]
