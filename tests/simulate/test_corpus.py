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
        else:
            assert base is not None and "size unknown" in base.reason, relative  # every unknown says why
    # 57.8 % over the whole corpus (docs/simulate.md): the rest are third-party, Windows or unset-ARG bases.
    assert known / len(PATHS) >= 0.5
