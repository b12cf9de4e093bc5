"""The Dockerfile as rules see it: instructions with parsed flags, grouped into stages.

Built from the parser's nodes by :mod:`pydocklint.dockerfile.instructions`; rules
only read it. Every position is 1-based and every end column exclusive.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cached_property
from typing import TYPE_CHECKING

from pydocklint.dockerfile.ast import Node, ParsedDockerfile

if TYPE_CHECKING:
    from pydocklint.context import BuildContext

Span = tuple[int, int, int, int]  # line, column, end_line, end_column (exclusive)

_WORD = re.compile(r"\S+")
# Sources that name the whole build context (`*` matches dotfiles too in BuildKit's copy).
WHOLE_CONTEXT_SOURCES = frozenset({".", "./", "/", "*", "./*", "/*"})


def written_span(node: Node, offset: int, length: int) -> Span | None:
    """The span of ``length`` characters of ``node.original`` at ``offset`` when they sit together
    on one physical line, so that a fix may replace them; None when they cross a line continuation."""
    line, column = node.position(offset)
    if length == 0:
        return line, column, line, column
    # The last character's position, not the one after it: a word can end a continued line.
    last_line, last_column = node.position(offset + length - 1)
    if last_line != line or last_column - column != length - 1:
        return None
    return line, column, line, last_column + 1


@dataclass(frozen=True, slots=True)
class Flag:
    name: str  # without the leading dashes
    value: str | None  # None for a bare boolean flag such as --link
    offset: int  # where the flag word starts in the instruction's logical line
    length: int  # length of the flag word as written


@dataclass(frozen=True, slots=True)
class Problem:
    """Something that makes Docker refuse the file, or a parser warning.

    ``kind`` names the syntax rule that reports it, so each rule can be
    selected, documented and ignored on its own.
    """

    kind: str
    message: str
    span: Span


@dataclass(frozen=True, eq=False)
class Instruction:
    node: Node
    flags: tuple[Flag, ...]
    stage: int | None  # index of its stage; None for ARGs before the first FROM
    args_offset: int  # where the arguments start in the logical line (after keyword and flags)

    @property
    def name(self) -> str:
        """Upper-cased keyword (the trigger's for ONBUILD is in ``node.trigger``)."""
        return self.node.name

    @property
    def keyword(self) -> str:
        return self.node.keyword

    @property
    def args(self) -> tuple[str, ...]:
        return self.node.args

    @property
    def line(self) -> int:
        return self.node.start_line

    def flag(self, name: str) -> Flag | None:
        """The last flag of that name (BuildKit keeps the last of a non-repeatable flag)."""
        for flag in reversed(self.flags):
            if flag.name == name:
                return flag
        return None

    def flag_values(self, name: str) -> list[str]:
        return [f.value for f in self.flags if f.name == name and f.value is not None]

    def span_at(self, offset: int, length: int) -> Span:
        """The span of ``length`` characters of the logical line starting at ``offset``."""
        line, column = self.node.position(offset)
        end_line, end_column = self.node.position(offset + length)
        return line, column, end_line, end_column

    def written_span(self, offset: int, length: int) -> Span | None:
        """``span_at``, when those characters are written as-is on one physical line (else None)."""
        return written_span(self.node, offset, length)

    @property
    def span(self) -> Span:
        """From the keyword to the end of the logical line (heredoc bodies excluded)."""
        return self.span_at(0, len(self.node.original))

    @property
    def keyword_span(self) -> Span:
        return self.span_at(0, len(self.node.keyword))

    def flag_span(self, flag: Flag) -> Span:
        return self.span_at(flag.offset, flag.length)

    def argument_words(self) -> list[tuple[int, str]]:
        """Whitespace-separated argument words with their offsets in the logical line.

        This is how BuildKit splits FROM, EXPOSE and shell-form COPY/ADD/VOLUME
        (quotes are not honoured there).
        """
        text = self.node.original
        return [(m.start(), m.group()) for m in _WORD.finditer(text, self.args_offset)]


@dataclass(frozen=True, eq=False)
class Stage:
    index: int
    from_instruction: Instruction
    image: str  # the image reference as written (variables not expanded)
    name: str | None  # lower-cased, as BuildKit stores it
    instructions: tuple[Instruction, ...]  # everything after FROM up to the next FROM

    @property
    def platform(self) -> str | None:
        flag = self.from_instruction.flag("platform")
        return flag.value if flag else None


@dataclass(frozen=True, eq=False)
class Dockerfile:
    path: str
    parsed: ParsedDockerfile
    instructions: tuple[Instruction, ...]  # every instruction, in file order
    global_args: tuple[Instruction, ...]  # ARGs before the first FROM
    stages: tuple[Stage, ...]
    problems: tuple[Problem, ...]
    context: BuildContext | None = None  # the build context, when the run knows it

    def with_context(self, context: BuildContext) -> Dockerfile:
        return replace(self, context=context)

    @cached_property
    def whole_context_copies(self) -> tuple[tuple[Instruction, int, str], ...]:
        """COPY/ADD instructions that copy the whole build context, with the source word and its offset."""
        found = []
        for instruction in self.instructions:
            if instruction.name not in ("COPY", "ADD") or instruction.flag("from") or instruction.node.json:
                continue
            for offset, word in instruction.argument_words()[:-1]:
                if word in WHOLE_CONTEXT_SOURCES:
                    found.append((instruction, offset, word))
                    break
        return tuple(found)

    @property
    def copies_whole_context(self) -> bool:
        return bool(self.whole_context_copies)

    @property
    def escape(self) -> str:
        return self.parsed.escape

    @property
    def lines(self) -> tuple[str, ...]:
        return self.parsed.lines

    def problems_of(self, kind: str) -> list[Problem]:
        return [problem for problem in self.problems if problem.kind == kind]

    @cached_property
    def stage_names(self) -> dict[str, Stage]:
        """Named stages by their lower-cased name; the first of a duplicate wins, as in BuildKit."""
        names: dict[str, Stage] = {}
        for stage in self.stages:
            if stage.name is not None:
                names.setdefault(stage.name, stage)
        return names

    def earlier_stage(self, reference: str, before: int) -> Stage | None:
        """The stage a ``FROM <name>`` in stage ``before`` refers to, if any.

        BuildKit looks stage names up lower-cased (as for ``COPY --from``), among
        the stages defined earlier.
        """
        stage = self.stage_names.get(reference.lower())
        if stage is not None and stage.index < before:
            return stage
        return None
