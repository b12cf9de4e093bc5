""".dockerignore files read and matched with Docker's own rules.

Docker's rules differ from .gitignore's in ways that surprise people:

* a pattern is matched against the whole path relative to the context root, so
  ``*.pem`` excludes ``key.pem`` but not ``certs/key.pem`` (write ``**/*.pem``);
* a pattern that matches a directory excludes everything below it;
* ``!pattern`` re-includes, and the last matching line wins;
* each pattern is cleaned like Go's ``filepath.Clean`` (``./a/`` is ``a``, a leading
  ``/`` is dropped), and lines starting with ``#`` are comments.
"""

from __future__ import annotations

import heapq
import posixpath
import re
import warnings
from dataclasses import dataclass
from functools import cached_property
from operator import attrgetter

CATCH_ALL = frozenset({"*", "**", "**/*"})
_WILDCARD = re.compile(r"[*?\[\\]")


@dataclass(frozen=True, slots=True)
class Pattern:
    text: str  # cleaned, without the leading "!"
    exclusion: bool  # True for a "!" re-include line
    line: int  # 1-based line in the ignore file
    regex: re.Pattern[str] | None  # None when the pattern is invalid (Docker fails the build)
    error: str | None = None


def clean(path: str) -> str:
    """Go's ``filepath.Clean`` for slash-separated paths."""
    cleaned = posixpath.normpath(path) if path else "."
    if cleaned.startswith("//"):  # POSIX keeps a leading "//"; Go does not
        cleaned = "/" + cleaned.lstrip("/")
    return cleaned


def compile_pattern(pattern: str) -> re.Pattern[str]:
    """The regular expression Docker's pattern matcher builds for one pattern.

    ``**`` matches any number of path segments (``**/`` also none), ``*`` and ``?``
    stay within one segment, ``[...]`` is a character class, and ``\\`` escapes
    the next character. Raises ``re.error`` for an invalid pattern.
    """
    parts = ["^"]
    index, length = 0, len(pattern)
    while index < length:
        char = pattern[index]
        if char == "*":
            if index + 1 < length and pattern[index + 1] == "*":
                index += 1
                if index + 1 < length and pattern[index + 1] == "/":
                    index += 1
                parts.append(".*" if index + 1 >= length else "(.*/)?")
            else:
                parts.append("[^/]*")
        elif char == "?":
            parts.append("[^/]")
        elif char == "\\":
            if index + 1 >= length:
                raise re.error("trailing backslash in pattern")
            index += 1
            parts.append(re.escape(pattern[index]))
        elif char == "[":
            end = _class_end(pattern, index)
            body = pattern[index + 1:end]
            if body.startswith("!"):  # filepath.Match spells negation "^" only; "!" is literal there
                body = "\\" + body
            # A backslash or "[" inside a class is literal in Go; Python needs them escaped.
            parts.append("[" + body.replace("\\", "\\\\").replace("[", "\\[") + "]")
            index = end
        else:
            parts.append(re.escape(char))
        index += 1
    parts.append("$")
    with warnings.catch_warnings():
        # "--" or "&&" inside a class means what Go means today; Python only warns it might change.
        warnings.simplefilter("ignore", FutureWarning)
        return re.compile("".join(parts), re.DOTALL)


def _class_end(pattern: str, start: int) -> int:
    end = start + 1
    if end < len(pattern) and pattern[end] == "^":
        end += 1
    if end < len(pattern) and pattern[end] == "]":
        end += 1
    end = pattern.find("]", end)
    if end < 0:
        raise re.error("unterminated character class")
    return end


@dataclass(frozen=True)
class IgnoreFile:
    path: str  # where it was read from, for messages
    patterns: tuple[Pattern, ...]

    @classmethod
    def parse(cls, text: str, path: str = ".dockerignore") -> IgnoreFile:
        patterns = []
        for number, raw in enumerate(text.split("\n"), 1):
            line = raw.lstrip("\ufeff") if number == 1 else raw
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            exclusion = line.startswith("!")
            if exclusion:
                line = line[1:].strip()
            if line:
                line = clean(line)
                if len(line) > 1 and line.startswith("/"):
                    line = line[1:]
            try:
                regex, error = compile_pattern(line), None
            except re.error as problem:
                regex, error = None, str(problem)
            patterns.append(Pattern(line, exclusion, number, regex, error))
        return cls(path, tuple(patterns))

    @property
    def name(self) -> str:
        """The file name, for messages: ``.dockerignore`` or ``<Dockerfile>.dockerignore``."""
        return posixpath.basename(self.path.replace("\\", "/"))

    @cached_property
    def has_reinclusions(self) -> bool:
        return any(p.exclusion for p in self.patterns)

    @cached_property
    def has_catch_all(self) -> bool:
        return any(not p.exclusion and p.text in CATCH_ALL for p in self.patterns)

    def excludes(self, path: str) -> bool:
        """Whether Docker leaves ``path`` (relative to the context root) out of the context."""
        return self.matching_pattern(path) is not None

    def matching_pattern(self, path: str) -> Pattern | None:
        """The pattern that excludes ``path`` from the context, or None if the path is kept.

        As Docker does: a pattern matches the path itself or any of its parent
        directories, and later patterns override earlier ones.
        """
        path = clean(path).lstrip("/") or "."
        parents = _parents(path)
        decided: Pattern | None = None
        by_first_segment, anywhere = self._patterns_by_first_segment
        candidates = heapq.merge(by_first_segment.get(path.split("/", 1)[0], ()), anywhere, key=attrgetter("line"))
        for pattern in candidates:
            if pattern.regex is None or pattern.exclusion != (decided is not None):
                continue
            if pattern.regex.match(path) or any(pattern.regex.match(parent) for parent in parents):
                decided = None if pattern.exclusion else pattern
        return decided


    @cached_property
    def _patterns_by_first_segment(self) -> tuple[dict[str, list[Pattern]], list[Pattern]]:
        """The valid patterns by the literal first segment of every path they match, and those with a
        wildcard there: a path is tried against its own segment's patterns and the wildcard ones only,
        so a long ignore file costs time per matching candidate rather than per line."""
        by_first_segment: dict[str, list[Pattern]] = {}
        anywhere: list[Pattern] = []
        for pattern in self.patterns:
            if pattern.regex is None:
                continue
            first = pattern.text.split("/", 1)[0]
            if _WILDCARD.search(first):
                anywhere.append(pattern)
            else:
                by_first_segment.setdefault(first, []).append(pattern)
        return by_first_segment, anywhere


def _parents(path: str) -> list[str]:
    """``a``, ``a/b`` for ``a/b/c``: the directories above a relative path."""
    segments = path.split("/")[:-1]
    return ["/".join(segments[:i]) for i in range(1, len(segments) + 1)]
