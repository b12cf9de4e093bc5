"""Helpers for the Compose tests: lint in-memory projects."""

from __future__ import annotations

import textwrap

from pydocklint.compose.lint import lint_compose
from pydocklint.rule import all_rules


def dedent(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


def compose_rules(*codes: str):
    chosen = [r for r in all_rules() if r.kind == "compose" and (not codes or r.code in codes)]
    assert not codes or len(chosen) == len(codes), f"unknown rule in {codes}"
    return chosen


def lint(text: str, *codes: str, files: dict[str, str] | None = None, path: str = "compose.yaml",
         with_path: bool = False) -> list[tuple]:
    """(code, line, column, end_line, end_column, message) per finding (path first when ``with_path``)."""
    files = {name: dedent(content) for name, content in (files or {}).items()}
    report = lint_compose(dedent(text), path, compose_rules(*codes), load_file=files.get)
    assert report.errors == []
    rows = [(f.code, f.line, f.column, f.end_line, f.end_column, f.message) for f in report.findings]
    if with_path:
        rows = [(f.path, *row) for f, row in zip(report.findings, rows, strict=True)]
    return rows


def codes(text: str, *codes_: str, **kwargs) -> list[tuple[str, int, int]]:
    return [(row[0], row[1], row[2]) for row in lint(text, *codes_, **kwargs)]
