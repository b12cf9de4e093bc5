"""Package managers in RUN: pinning, caches and non-interactive installs (PDL3xx)."""

from collections.abc import Callable, Iterable, Iterator

from pydocklint.findings import Hit
from pydocklint.wording import describe


def one_finding_per_command(unpinned: Iterable[tuple], noun: str, advice: Callable[[str], str]) -> Iterator[Hit]:
    """Group ``(script, command, package)`` triples: one finding per install command.

    The finding spans the command's unpinned packages and names them, so a RUN
    installing thirty packages gets one finding, not thirty.
    """
    groups: dict[int, tuple] = {}
    for script, command, package in unpinned:
        # The group holds the command itself, so its id cannot be reused by another while grouping.
        groups.setdefault(id(command), (script, command, []))[2].append(package)
    for script, _, packages in groups.values():
        first, last = packages[0], packages[-1]
        span = script.span(first.word) if first is last else script.span_of(first.word, last.word)
        if len(packages) == 1:
            yield Hit.at(span, f"{noun} {first.name} is not pinned: {advice(first.name)}")
        else:
            yield Hit.at(span, f"{noun}s {describe([p.name for p in packages])} are not pinned: "
                               f"{advice('<name>')} for each")
