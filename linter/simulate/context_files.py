"""Which build-context files a COPY/ADD source selects, and what they weigh.

Sources are matched as BuildKit does: relative to the context root (a leading
``/`` or ``./`` is dropped), a directory selects everything below it, and
wildcards follow Go's ``filepath.Match`` (``*`` and ``?`` stay within one path
segment). Only files the ``.dockerignore`` keeps are in the context.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from functools import lru_cache

from pydocklint.context import BuildContext, ContextFile

# Files already compressed: gzip gains nothing on them.
_COMPRESSED = (".gz", ".tgz", ".zip", ".jar", ".war", ".whl", ".xz", ".bz2", ".zst", ".7z", ".rar", ".jpg", ".jpeg",
               ".png", ".gif", ".webp", ".mp4", ".mp3", ".woff", ".woff2", ".pdf", ".deb", ".rpm", ".apk", ".nupkg",
               ".egg", ".ico", ".avif", ".mov", ".ogg")
_BINARY = (".so", ".dll", ".exe", ".bin", ".a", ".o", ".pyc", ".class", ".wasm", ".node", ".db", ".sqlite")
TEXT_RATIO = 0.30  # source and text (simulation.md 5.1: 0.25-0.35)
BINARY_RATIO = 0.45
LARGE_FILE = 4 * 1024 * 1024  # the corpus listings record files >= 4 MiB as size -1


@dataclass(frozen=True, slots=True)
class Selection:
    files: tuple[ContextFile, ...]  # kept files the source selects
    bytes: int  # known sizes summed (files of unknown size counted at 0)
    compressed_bytes: int
    unknown: int  # files (or whole directories) whose size is not known
    large: int  # files recorded only as "large" (>= 4 MiB), counted at 4 MiB


def normalise_source(source: str) -> str:
    """A source as a path relative to the context root ("" for the root itself)."""
    cleaned = posixpath.normpath("/" + source.replace("\\", "/")).lstrip("/")
    return "" if cleaned in (".", "") else cleaned


@lru_cache(maxsize=512)
def _glob(pattern: str) -> re.Pattern[str]:
    parts = []
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if char == "*":
            parts.append("[^/]*")
        elif char == "?":
            parts.append("[^/]")
        elif char == "[":
            end = pattern.find("]", index + 1)
            if end < 0:
                parts.append(re.escape(char))
            else:
                body = pattern[index + 1:end]
                if body.startswith("^"):
                    body = "!" + body[1:]
                parts.append("[" + ("^" + re.escape(body[1:]) if body.startswith("!") else re.escape(body)) + "]")
                index = end
        elif char == "\\" and index + 1 < len(pattern):
            index += 1
            parts.append(re.escape(pattern[index]))
        else:
            parts.append(re.escape(char))
        index += 1
    return re.compile("".join(parts) + "(/.*)?$")


def selects(source: str, path: str) -> bool:
    """Whether a COPY source (normalised) selects a context path (a file, or a directory ending in ``/``)."""
    path = path.rstrip("/")
    if source == "":
        return True
    if not any(char in source for char in "*?["):
        return path == source or path.startswith(source + "/") or source.startswith(path + "/")
    return bool(_glob(source).match(path))


def select(context: BuildContext, sources: list[str]) -> Selection:
    """The kept files the sources select, with their summed sizes."""
    normalised = [normalise_source(source) for source in sources]
    files = []
    raw = compressed = unknown = large = 0
    if "" in normalised:  # the whole context: no per-path matching needed
        normalised = [""]
    for entry in context.kept_files:
        if not any(selects(source, entry.path) for source in normalised):
            continue
        files.append(entry)
        if entry.size is None:
            if entry.path.endswith("/"):
                unknown += 1
            else:
                large += 1
                raw += LARGE_FILE
                compressed += LARGE_FILE * ratio(entry.path)
            continue
        raw += entry.size
        compressed += entry.size * ratio(entry.path)
    return Selection(tuple(files), raw, round(compressed), unknown, large)


def ratio(path: str) -> float:
    lowered = path.lower()
    if lowered.endswith(_COMPRESSED):
        return 1.0
    if lowered.endswith(_BINARY):
        return BINARY_RATIO
    return TEXT_RATIO


def changed_selected(context: BuildContext | None, sources: list[str], changed: frozenset[str]) -> tuple[str, ...]:
    """The changed paths a source selects, .dockerignore applied (a new or deleted file counts too)."""
    if not changed:
        return ()
    normalised = [normalise_source(source) for source in sources]
    ignore = context.ignore if context is not None else None
    found = []
    for path in sorted(changed):
        if ignore is not None and ignore.excludes(path):
            continue
        if any(selects(source, path) for source in normalised):
            found.append(path)
    return tuple(found)
