"""2,720 real Dockerfiles, parsed as BuildKit's parser parses them.

One test per comparison rather than one per file: all files are parsed once and
every mismatch is collected, so a failure lists the first few.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pydocklint.dockerfile.dump import to_oracle
from pydocklint.dockerfile.parser import parse

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
CORPUS = SHARED / "corpus" / "dockerfiles"
REQUIRED = ("cmd", "sub_cmd", "start_line", "end_line", "flags", "value", "json", "heredocs")
SHOWN = 5

if not CORPUS.is_dir():
    pytest.skip("../shared not present: oracle corpus unavailable", allow_module_level=True)


@pytest.fixture(scope="module")
def results() -> list[tuple[str, dict, dict]]:
    """(path, BuildKit's parse, ours) for every corpus file; ours without the dumps the oracle lacks."""
    oracle = json.loads((CORPUS / "oracle-buildkit-head.json").read_text(encoding="utf-8"))
    compared = []
    for key, expected in oracle.items():
        ours = to_oracle(parse((CORPUS / key).read_bytes().decode("utf-8")))
        for instruction in ours["instructions"]:
            del instruction["dump"]
        compared.append((key, expected, ours))
    return compared


def test_corpus_is_complete(results: list) -> None:
    assert len(results) == 2720


def test_required_fields_match(results: list) -> None:
    mismatches = []
    for key, expected, ours in results:
        if (expected["error"] is None) != (ours["error"] is None):
            mismatches.append(f"{key}: error {ours['error']!r}, BuildKit {expected['error']!r}")
            continue
        if len(expected["instructions"]) != len(ours["instructions"]):
            mismatches.append(f"{key}: {len(ours['instructions'])} instructions, "
                              f"BuildKit {len(expected['instructions'])}")
            continue
        for theirs, mine in zip(expected["instructions"], ours["instructions"]):
            for field in REQUIRED:
                if theirs[field] != mine[field]:
                    mismatches.append(f"{key}:{theirs['start_line']}: {field} {mine[field]!r}, "
                                      f"BuildKit {theirs[field]!r}")
    assert not mismatches, f"{len(mismatches)} mismatches, first:\n" + "\n".join(mismatches[:SHOWN])


def test_every_field_matches(results: list) -> None:
    differing = [key for key, expected, ours in results if expected != ours]
    assert not differing, f"{len(differing)} files differ, first:\n" + "\n".join(differing[:SHOWN])
