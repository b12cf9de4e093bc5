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


def fixed(text: str, *references: str, unsafe: bool = False, path: str = "Dockerfile", context=None) -> str:
    """The text ``--fix`` (``--unsafe-fixes`` with ``unsafe``) makes of a Dockerfile, for the rules named.

    Unlike ``lint``, the text is taken as it is (no dedent), so that line endings and
    indentation can be tested byte for byte.
    """
    from pydocklint.fixes import dockerfile_still_valid, fix_text

    rules = select_rules(references)
    outcome = fix_text(text, lambda t: lint_dockerfile(t, path, rules, context=context), unsafe=unsafe,
                       still_valid=dockerfile_still_valid)
    return outcome.text


def instructions(text: str) -> list[dict]:
    """``pydocklint parse``'s instructions for a text: to compare a fixed file with the original."""
    from pydocklint.dockerfile.dump import to_oracle
    from pydocklint.dockerfile.parser import parse

    return to_oracle(parse(text))["instructions"]
