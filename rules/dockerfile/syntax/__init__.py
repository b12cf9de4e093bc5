"""Errors that make Docker refuse to build the file (PDL0xx).

Each rule reports one kind of problem found by the parser or the instruction
layer (pydocklint.dockerfile.instructions); the kind is the rule's name.
"""

from collections.abc import Iterator

from pydocklint.dockerfile.model import Dockerfile
from pydocklint.findings import Hit


def problems_as_hits(dockerfile: Dockerfile, kind: str) -> Iterator[Hit]:
    for problem in dockerfile.problems_of(kind):
        yield Hit.at(problem.span, problem.message)
