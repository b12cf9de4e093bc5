"""End-of-life releases of Docker Hub official images, from ``pydocklint/data/eol_images.tsv``.

The table is read once, the first time a rule asks (the linter never reads it
otherwise). A tag is matched by release prefix: its first ``-``-separated part
(after a leading ``lts-``) is the release (``3.8.12-alpine3.14`` is python 3.8),
and the other parts are variants, some of which name an operating system release
(``slim-buster``, ``alpine3.14``, ``focal``) that has an end of life of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources

from pydocklint.dockerfile.images import ImageReference

_TABLE = "eol_images.tsv"
_ALPINE_VARIANT = re.compile(r"alpine(\d+\.\d+)(?:\.\d+)*")
_BUILD_DATE = re.compile(r"(?:19|20)\d{6}")  # focal-20240530: a snapshot of the old release only
# Images whose codenames (debian buster, ubuntu focal) name OS variants of other images' tags.
_OS_IMAGES = ("debian", "ubuntu")


@dataclass(frozen=True, slots=True)
class EolRelease:
    image: str
    release: str  # a version prefix, a codename, or "*" for every tag
    eol: date
    replacement: str  # a release in the same tag style, or "image[:tag]" of another image
    name: str  # "Python 3.8", "Debian 10 buster"

    @property
    def other_image(self) -> bool:
        return self.release == "*" or ":" in self.replacement


@dataclass(frozen=True, slots=True)
class EolMatch:
    """What is past its end of life in one image reference, and the tag to use instead."""

    releases: tuple[EolRelease, ...]  # the image's release first, then OS variants
    suggestion: str


@cache
def eol_table() -> dict[str, tuple[EolRelease, ...]]:
    """The table's rows by image, longest release first (so 2.6 wins over 2)."""
    text = resources.files("pydocklint").joinpath("data", _TABLE).read_text(encoding="utf-8")
    rows: dict[str, list[EolRelease]] = {}
    lines = (line for line in text.splitlines() if line and not line.startswith("#"))
    next(lines)  # the header
    for line in lines:
        image, release, eol, replacement, name = line.split("\t")
        rows.setdefault(image, []).append(EolRelease(image, release, date.fromisoformat(eol), replacement, name))
    return {image: tuple(sorted(found, key=lambda row: -len(row.release))) for image, found in rows.items()}


def end_of_life(image: str, reference: ImageReference, today: date) -> EolMatch | None:
    """What in ``image`` (an official image name) and the reference's tag was past its end on ``today``."""
    table = eol_table()
    parts = (reference.tag or "latest").split("-")
    release_at = 1 if parts[0] == "lts" and len(parts) > 1 else 0
    own = _release_row(table.get(image, ()), parts[release_at], today)
    variants = {index: row for index, part in enumerate(parts)
                if (index != release_at or own is None) and (row := _os_variant(table, part, today))}
    if image in _OS_IMAGES:
        variants = {}  # debian:buster's codename is its release, not a variant
    if own is None and not variants:
        return None
    found = ((own,) if own else ()) + tuple(variants.values())
    return EolMatch(found, _suggestion(image, parts, release_at, own, variants))


def _release_row(rows: tuple[EolRelease, ...], part: str, today: date) -> EolRelease | None:
    for row in rows:
        if (row.release == "*" or part == row.release or part.startswith(row.release + ".")) and row.eol <= today:
            return row
    return None


def _os_variant(table: dict[str, tuple[EolRelease, ...]], part: str, today: date) -> EolRelease | None:
    """The OS release a tag part names (buster, focal, alpine3.14) when it is past its end."""
    alpine = _ALPINE_VARIANT.fullmatch(part)
    if alpine:
        return _release_row(table.get("alpine", ()), alpine.group(1), today)
    if part.isalpha():
        for image in _OS_IMAGES:
            row = next((row for row in table.get(image, ()) if row.release == part), None)
            if row is not None:
                return row if row.eol <= today else None
    return None


def _suggestion(image: str, parts: list[str], release_at: int, own: EolRelease | None,
                variants: dict[int, EolRelease]) -> str:
    """The nearest supported tag of the same variant: the release and OS variants replaced."""
    if own is not None and own.other_image:
        return own.replacement
    suggested = list(parts)
    if own is not None:
        suggested[release_at] = own.replacement
    for index, row in variants.items():
        suggested[index] = "alpine" + row.replacement if row.image == "alpine" else row.replacement
    return f"{image}:{'-'.join(part for part in suggested if not _BUILD_DATE.fullmatch(part))}"
