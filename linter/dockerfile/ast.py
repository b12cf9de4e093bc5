"""What BuildKit's Dockerfile parser produces: logical instructions with their raw parts.

This is the first of the three layers BuildKit applies (see ``instructions`` for the
second). Nothing here is interpreted yet: an unknown keyword is still a ``Node``, and
flags are the raw ``--name=value`` words in the order written.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Heredoc:
    """One ``<<NAME`` body attached to a RUN/COPY/ADD instruction."""

    name: str
    file_descriptor: int  # 0 unless written as ``3<<EOF``
    expand: bool  # False when any part of the delimiter was quoted
    chomp: bool  # True for ``<<-`` (leading tabs are stripped at build time)
    content: str  # raw body lines with their line endings, terminator excluded


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of ``Node.original`` copied from one physical line.

    ``original`` is the logical line: the first physical line without its leading
    whitespace, then each continuation line appended with its indentation kept
    and its trailing escape removed. Each piece of it has a segment, in order, so
    an offset in ``original`` maps back to a physical line and column.
    """

    offset: int  # where the run starts in Node.original (0-based)
    line: int  # 1-based physical line
    column: int  # 1-based column (in characters) on that line where the run starts


@dataclass(frozen=True, slots=True)
class Node:
    """One instruction as the parser reads it (BuildKit's AST node)."""

    keyword: str  # as written: "RUN", "run", "Foo"
    flags: tuple[str, ...]  # "--name=value" / "--name" words, quotes removed
    args: tuple[str, ...]  # the oracle's "value": arguments as the parser splits them
    json: bool  # exec (JSON array) form
    original: str  # the joined logical line, without heredoc bodies
    heredocs: tuple[Heredoc, ...]
    prev_comment: tuple[str, ...]  # comment block directly above the instruction
    start_line: int
    end_line: int  # last physical line, heredoc terminators included
    segments: tuple[Segment, ...]
    trigger: Node | None = None  # ONBUILD's inner instruction (keyword, flags and args live there)

    @property
    def name(self) -> str:
        """The keyword upper-cased: how BuildKit matches it.

        Only ASCII is folded, as Go's strings.ToLower comparison does in effect:
        Python would turn ``uſer`` into ``USER``, which BuildKit does not know.
        """
        return self.keyword.upper() if self.keyword.isascii() else self.keyword

    def position(self, offset: int) -> tuple[int, int]:
        """Physical (line, column), both 1-based, of ``original[offset]``.

        An offset at or past the end of ``original`` maps just after its last
        character, so end positions of the last word are valid too.
        """
        chosen = self.segments[0]
        for segment in self.segments:
            if segment.offset <= offset:
                chosen = segment
            else:
                break
        return chosen.line, chosen.column + (offset - chosen.offset)


@dataclass(frozen=True, slots=True)
class ParseWarning:
    """A non-fatal parser message, e.g. an empty line inside a continuation."""

    message: str
    line: int


@dataclass(frozen=True, slots=True)
class ParseError:
    """Why BuildKit's parser refuses the file, with where it noticed."""

    message: str
    line: int
    column: int = 1
    end_line: int | None = None
    end_column: int | None = None


@dataclass(frozen=True, slots=True)
class Directive:
    """A parser directive from the leading block (``# escape=`` etc.)."""

    key: str  # lower-cased: "syntax", "escape", "check"
    value: str
    line: int


@dataclass(frozen=True, slots=True)
class ParsedDockerfile:
    """The whole parse: either nodes, or the one error that stopped it."""

    nodes: tuple[Node, ...]
    escape: str
    directives: tuple[Directive, ...]
    warnings: tuple[ParseWarning, ...]
    error: ParseError | None
    lines: tuple[str, ...] = field(default=(), repr=False)  # physical lines, line endings removed
