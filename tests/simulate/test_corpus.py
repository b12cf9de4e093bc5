"""``simulate`` over the shared corpus with each directory's CONTEXT.txt: no exception, bases resolved.

By default every 8th Dockerfile of INDEX.tsv is run (a few seconds); set
``PYDOCKLINT_FULL_CORPUS=1`` to run all 2,720 (about 30 s).
"""

from __future__ import annotations

import os

import pytest
from pydocklint.dockerfile.instructions import build
from pydocklint.dockerfile.parser import parse
from pydocklint.simulate.command import load_context
from pydocklint.simulate.report import document
from pydocklint.simulate.simulator import SimulationError, simulate

from tests.support import SHARED

CORPUS = SHARED / "corpus" / "dockerfiles"


def _paths() -> list[str]:
    index = CORPUS / "INDEX.tsv"
    if not index.exists():
        return []
    rows = index.read_text(encoding="utf-8").splitlines()[1:]
    paths = [row.split("\t")[0] for row in rows]
    return paths if os.environ.get("PYDOCKLINT_FULL_CORPUS") else paths[::8]


PATHS = _paths()


# Why a base is unknown, from its reason: every unknown must say one of these (docs/simulate.md's table).
UNKNOWN_CAUSES = ("a private or third-party image", "a Windows base image", "no value for",
                  "invalid variable substitution", "no size recorded for this image", "tag of the same variant")


@pytest.mark.skipif(not PATHS, reason="the shared corpus is not beside the repository")
def test_simulate_runs_on_the_corpus_and_resolves_most_bases() -> None:
    known = 0
    for relative in PATHS:
        path = str(CORPUS / relative)
        listing = os.path.join(os.path.dirname(path), "CONTEXT.txt")
        context = load_context(path, None, listing if os.path.exists(listing) else None)
        with open(path, encoding="utf-8", errors="replace") as handle:
            dockerfile = build(parse(handle.read()), path)
        try:
            simulation = simulate(dockerfile, context=context)
        except SimulationError:
            assert not dockerfile.stages, relative  # only a file without FROM may be refused
            continue
        doc = document(simulation)
        assert doc["layers"], relative
        base = simulation.final.base
        if base is not None and base.known:
            known += 1
        else:  # every unknown says why, in one of the documented causes
            assert base is not None and "size unknown" in base.reason, relative
            assert any(cause in base.reason for cause in UNKNOWN_CAUSES), (relative, base.reason)
    # Whole corpus: 57.1 % (docs/simulate.md). Third-party (30.0 %) and Windows (4.9 %) bases alone cap it at
    # 65.1 % with the shipped data; the every-8th sample measures 58.2 %.
    assert known / len(PATHS) >= 0.55
