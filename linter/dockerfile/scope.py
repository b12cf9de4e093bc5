"""Which ARG and ENV names are defined where: BuildKit's variable scoping, for rules.

BuildKit gives each stage its own environment. It starts from the base: an
earlier stage's final environment (``FROM <stage>``), nothing (``FROM scratch``)
or an image's config, which this file cannot see: such a stage is *open*, any
name may be defined there. ARGs declared before the first FROM are visible only
to FROM lines until a stage re-declares them with ``ARG NAME``. Automatic args
(``TARGETARCH``...) are likewise only visible in a stage after ``ARG TARGETARCH``.
A stage built ``FROM <stage>`` inherits that stage's ENVs and, in BuildKit, its
declared ARGs too (moby/buildkit#5381; Podman does not inherit ARGs): both count
as defined, so rules never report what Docker would see.

:func:`stage_scopes` answers these questions once per file; rules ask
``scope.defined(name, instruction)`` and ``scope.open``.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Mapping
from dataclasses import dataclass, field
from itertools import islice
from types import MappingProxyType

from pydocklint.dockerfile.model import Dockerfile, Instruction, Stage

# Defined by BuildKit for every build; usable in FROM without a declaration.
AUTOMATIC_ARGS = frozenset({
    "TARGETPLATFORM", "TARGETOS", "TARGETARCH", "TARGETVARIANT", "TARGETOSVERSION", "TARGETSTAGE",
    "BUILDPLATFORM", "BUILDOS", "BUILDARCH", "BUILDVARIANT", "BUILDOSVERSION",
})  # fmt: skip

# Always defined in a stage's environment (BuildKit supplies a default PATH even on scratch).
ALWAYS_DEFINED = frozenset({"PATH"})

_INHERITED = 0  # the "line" of a name a stage got from its parent stage


def global_arg_defaults(dockerfile: Dockerfile) -> dict[str, str | None]:
    """Global ARGs (before the first FROM) with their default values as BuildKit expands them.

    None means declared without a default, or a default that cannot be known
    statically; such an ARG gets its value from ``--build-arg`` at build time.
    Computed once per file; callers get their own copy.
    """
    cached = _GLOBAL_ARGS.get(dockerfile)
    if cached is None:
        cached = _GLOBAL_ARGS[dockerfile] = _global_arg_defaults(dockerfile)
    return dict(cached)


def known_global_args(dockerfile: Dockerfile) -> Mapping[str, str]:
    """The global ARGs whose default value is known, with it (read-only, computed once per file)."""
    cached = _KNOWN_GLOBAL_ARGS.get(dockerfile)
    if cached is None:
        values = global_arg_defaults(dockerfile)
        cached = _KNOWN_GLOBAL_ARGS[dockerfile] = MappingProxyType(
            {name: value for name, value in values.items() if value is not None})
    return cached


def _global_arg_defaults(dockerfile: Dockerfile) -> dict[str, str | None]:
    from pydocklint.dockerfile.variables import ExpansionError, expand

    values: dict[str, str | None] = {}
    known: dict[str, str] = {}  # the values known so far, for expanding later defaults
    for instruction in dockerfile.global_args:
        for word in instruction.args:
            name, has_default, default = word.partition("=")
            if not has_default:
                values.setdefault(name, None)
                continue
            try:
                expansion = expand(default, known, escape=dockerfile.escape)
            except ExpansionError:
                expansion = None
            value = None if expansion is None or expansion.unmatched else expansion.value
            values[name] = value
            if value is None:
                known.pop(name, None)
            else:
                known[name] = value
    return values


_GLOBAL_ARGS: weakref.WeakKeyDictionary[Dockerfile, dict[str, str | None]] = weakref.WeakKeyDictionary()
_KNOWN_GLOBAL_ARGS: weakref.WeakKeyDictionary[Dockerfile, Mapping[str, str]] = weakref.WeakKeyDictionary()


def suggest_name(name: str, candidates, limit: int = 50) -> str | None:
    """A candidate within a small edit distance of ``name`` (a "did you mean"), or None.

    Only candidates of similar length are compared, and none when there are more
    than ``limit`` of them, so files with thousands of variables stay linear.
    """
    from pydocklint.dockerfile.instructions import did_you_mean

    slack = max(1, len(name) // 3)
    similar = list(islice((c for c in candidates if abs(len(c) - len(name)) <= slack), limit + 1))
    return did_you_mean(name, tuple(similar)) if len(similar) <= limit else None


@dataclass(frozen=True, eq=False)
class StageScope:
    """The names one stage defines, and from which line on."""

    stage: Stage
    parent: Stage | None  # the earlier stage named by FROM, if any
    open: bool  # the base is an image (or unknowable): its config may define any ENV
    # name -> line of the first ARG/ENV defining it in this stage (0: inherited from the parent stage)
    defined_at: dict[str, int] = field(default_factory=dict)
    # ARG names declared in this stage (or its parent stages) -> line of the first declaration
    args_at: dict[str, int] = field(default_factory=dict)

    def defined(self, name: str, instruction: Instruction) -> bool:
        """Whether this file defines ``name`` for ``instruction`` (by ARG, ENV or inheritance)."""
        return name in ALWAYS_DEFINED or self.defined_at.get(name, instruction.line) < instruction.line

    def arg_declared(self, name: str, instruction: Instruction) -> bool:
        """Whether an ``ARG name`` of this stage (or a parent stage) comes before ``instruction``."""
        return self.args_at.get(name, instruction.line) < instruction.line

    def defined_later(self, name: str, instruction: Instruction) -> int | None:
        """The line of a definition of ``name`` after ``instruction`` in this stage, if that is the first one."""
        line = self.defined_at.get(name)
        return line if line is not None and line > instruction.line else None


_SCOPES: weakref.WeakKeyDictionary[Dockerfile, tuple[StageScope, ...]] = weakref.WeakKeyDictionary()


def stage_scopes(dockerfile: Dockerfile) -> tuple[StageScope, ...]:
    """One scope per stage, in stage order (computed once per file, in one pass)."""
    cached = _SCOPES.get(dockerfile)
    if cached is None:
        cached = _SCOPES[dockerfile] = tuple(_build_scopes(dockerfile))
    return cached


def _build_scopes(dockerfile: Dockerfile) -> list[StageScope]:
    from pydocklint.dockerfile.images import resolve_base_image

    scopes: list[StageScope] = []
    for stage in dockerfile.stages:
        image = resolve_base_image(dockerfile, stage)
        parent = dockerfile.earlier_stage(image, stage.index) if image is not None else None
        if parent is not None:
            inherited = scopes[parent.index]
            scope = StageScope(stage, parent, inherited.open, dict.fromkeys(inherited.defined_at, _INHERITED),
                               dict.fromkeys(inherited.args_at, _INHERITED))
        else:
            scope = StageScope(stage, None, image != "scratch")
        for instruction in stage.instructions:
            for name in defined_names(instruction):
                scope.defined_at.setdefault(name, instruction.line)
                if instruction.name == "ARG":
                    scope.args_at.setdefault(name, instruction.line)
        scopes.append(scope)
    return scopes


def defined_names(instruction: Instruction) -> list[str]:
    """The names an ARG or ENV instruction defines (none for other instructions)."""
    if instruction.name == "ARG":
        return [word.partition("=")[0] for word in instruction.args]
    if instruction.name == "ENV":
        return list(instruction.args[0::3])  # the parser gives ENV as name, value, separator triples
    return []


def definition_offsets(instruction: Instruction) -> list[tuple[str, int]]:
    """(name, offset in the logical line) of each name an ARG or ENV defines, in order."""
    original = instruction.node.original
    legacy = instruction.name == "ENV" and instruction.args[2:3] == ("",)  # `ENV NAME value`
    position = instruction.args_offset
    found = []
    for name in defined_names(instruction):
        offset = _find_name(original, name, position, "" if legacy else "=")
        if offset < 0:
            offset = instruction.args_offset
        else:
            position = offset + len(name)
        found.append((name, offset))
    return found


def _find_name(text: str, name: str, start: int, then: str) -> int:
    """Where ``name`` starts a word followed by ``then`` (skipping values that contain the name)."""
    offset = text.find(name + then, start)
    while offset > 0 and not text[offset - 1].isspace():
        offset = text.find(name + then, offset + 1)
    if offset < 0 and then:  # `ARG NAME` without a default
        return _find_name(text, name, start, "")
    return offset


# --- stages referring to stages ------------------------------------------------------------------

_MOUNT_FROM = re.compile(r"(?:^|,)from=([^,]*)")


def stage_by_reference(dockerfile: Dockerfile, reference: str) -> Stage | None:
    """The stage a ``COPY --from`` / ``--mount from=`` value names: a stage name or index, any position.

    BuildKit looks names up case-insensitively among all stages; a number is a stage index.
    """
    stage = dockerfile.stage_names.get(reference.lower())
    if stage is not None:
        return stage
    if reference.isdigit() and int(reference) < len(dockerfile.stages):
        return dockerfile.stages[int(reference)]
    return None


def copy_sources(instruction: Instruction) -> list[str]:
    """The stage-or-image references an instruction reads from: COPY ``--from``, RUN ``--mount from=``."""
    if instruction.name == "COPY":
        return [flag.value for flag in instruction.flags if flag.name == "from" and flag.value]
    if instruction.name == "RUN":
        return [match.group(1) for value in instruction.flag_values("mount")
                for match in _MOUNT_FROM.finditer(value) if match.group(1)]
    return []


def stage_dependencies(dockerfile: Dockerfile) -> list[set[int]] | None:
    """For each stage, the indexes of the stages it needs (its FROM stage, COPY --from, mounts).

    None when a reference cannot be resolved statically (a FROM or mount using a
    variable without a known value): then any stage may be needed.
    """
    from pydocklint.dockerfile.images import resolve_base_image

    needs: list[set[int]] = []
    for stage in dockerfile.stages:
        image = resolve_base_image(dockerfile, stage)
        if image is None:
            return None
        stage_needs: set[int] = set()
        parent = dockerfile.earlier_stage(image, stage.index)
        if parent is not None:
            stage_needs.add(parent.index)
        for instruction in stage.instructions:
            for reference in copy_sources(instruction):
                if "$" in reference:
                    return None
                source = stage_by_reference(dockerfile, reference)
                if source is not None:
                    stage_needs.add(source.index)
        needs.append(stage_needs)
    return needs


def stages_needed_by(needs: list[set[int]], target: int) -> set[int]:
    """Every stage ``target`` depends on, directly or not, itself included."""
    seen = {target}
    pending = [target]
    while pending:
        for needed in needs[pending.pop()]:
            if needed not in seen:
                seen.add(needed)
                pending.append(needed)
    return seen


# --- where an instruction refers to variables ----------------------------------------------------

# Instructions whose arguments BuildKit expands itself (FROM is handled separately, EXPOSE is not
# checked by BuildKit's UndefinedVar; the shell expands RUN, CMD and ENTRYPOINT at run time).
EXPANDED_BY_BUILDKIT = frozenset({"ENV", "LABEL", "ARG", "ADD", "COPY", "WORKDIR", "USER", "VOLUME", "STOPSIGNAL"})
# Instructions that run or are processed at build time, where an ARG's value matters.
BUILD_TIME = EXPANDED_BY_BUILDKIT | {"RUN", "EXPOSE"}


@dataclass(frozen=True, slots=True)
class Use:
    """One variable reference in an instruction's logical line."""

    name: str
    offset: int  # of the `$` in the instruction's ``node.original``
    length: int
    modifier: str | None  # ":-" for ``${NAME:-default}``, etc.; None for a plain reference

    @property
    def handles_unset(self) -> bool:
        """``${NAME:-d}``, ``${NAME+x}``, ``${NAME:?msg}``...: the author planned for NAME being unset."""
        return self.modifier in (":-", "-", ":+", "+", ":?", "?")


def variable_uses(instruction: Instruction, escape: str, *, shell: bool) -> list[Use]:
    """The variable references of an instruction that are expanded at build time.

    With ``shell=False``, only what BuildKit expands itself (its UndefinedVar
    scope): arguments of ENV, LABEL, ARG, COPY, ADD, WORKDIR, USER, VOLUME and
    STOPSIGNAL, their flags (not ``--from``), and RUN's ``--mount`` values. With
    ``shell=True``, also RUN's command (the shell expands it during the build)
    and EXPOSE. Heredoc bodies are not included.
    """
    from pydocklint.dockerfile.variables import references

    name = instruction.name
    wanted = BUILD_TIME if shell else EXPANDED_BY_BUILDKIT | {"RUN"}
    if name not in wanted:
        return []
    original = instruction.node.original
    regions = [(flag.offset, flag.offset + flag.length) for flag in instruction.flags
               if flag.name != "from" and (name != "RUN" or flag.name == "mount")]
    if name != "RUN" or shell:
        regions.append((instruction.args_offset, len(original)))
    uses = []
    for start, end in regions:
        text = original[start:end]
        if "$" not in text:
            continue
        for reference in references(text, escape=escape):
            uses.append(Use(reference.name, start + reference.start, reference.end - reference.start,
                            reference.modifier))
    return uses
