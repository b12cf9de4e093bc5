"""Which image a stage's FROM names, as BuildKit would resolve it, for the base-image size.

BuildKit expands a FROM line with the global ARGs (defaults or ``--build-arg``
values) and the automatic platform ARGs, which need no declaration there. The
size table is ``linux/amd64``, so the platform ARGs are taken as an amd64
build's and the reason says so when they decide the image. A variable without
a value is unresolved (a ``--build-arg`` decides it at build time), unless the
reference says what to use then (``${BASE:-alpine}``).
"""

from __future__ import annotations

from dataclasses import dataclass

from pydocklint.dockerfile.model import Dockerfile, Stage
from pydocklint.dockerfile.variables import ExpansionError, expand, references

# BuildKit's automatic platform ARGs for a build on and for linux/amd64 (the platform the size table records).
AMD64_PLATFORM_ARGS = {"TARGETPLATFORM": "linux/amd64", "TARGETOS": "linux", "TARGETARCH": "amd64",
                       "TARGETVARIANT": "", "BUILDPLATFORM": "linux/amd64", "BUILDOS": "linux",
                       "BUILDARCH": "amd64", "BUILDVARIANT": ""}
TABLE_PLATFORM = "linux/amd64"
# Modifiers that give an unset variable a determinate value (the default, or nothing).
_DETERMINATE_WHEN_UNSET = frozenset({":-", "-", ":+", "+", "#", "##", "%", "%%", "/", "//"})


@dataclass(frozen=True, slots=True)
class FromImage:
    reference: str  # the image (or stage name) after substitution; partial when unresolved
    unresolved: tuple[str, ...] = ()  # variables without a value that decide it
    note: str = ""  # what was assumed, for the reason ("" when nothing)
    invalid: bool = False  # a substitution BuildKit rejects

    @property
    def resolved(self) -> bool:
        return not self.unresolved and not self.invalid

    @property
    def why_unresolved(self) -> str:
        if self.invalid:
            return "an invalid variable substitution (BuildKit refuses the FROM line)"
        return f"no value for {', '.join(self.unresolved)} (no default; set it with --build-arg)"


def from_image(dockerfile: Dockerfile, stage: Stage, global_values: dict[str, str]) -> FromImage:
    """The image ``stage`` is built FROM, with ``global_values`` (global ARGs after ``--build-arg``) substituted."""
    if "$" not in stage.image:
        return FromImage(stage.image, note=_platform_note(dockerfile, stage, global_values))
    env = {**AMD64_PLATFORM_ARGS, **global_values}
    try:
        expansion = expand(stage.image, env, escape=dockerfile.escape)
        found = references(stage.image, escape=dockerfile.escape)
    except ExpansionError:
        return FromImage(stage.image, invalid=True)
    undecided = tuple(sorted({reference.name for reference in found if reference.name in expansion.unmatched
                              and reference.modifier not in _DETERMINATE_WHEN_UNSET}))
    note = _platform_note(dockerfile, stage, global_values)
    assumed = sorted(name for name in expansion.referenced if name in AMD64_PLATFORM_ARGS and name not in global_values)
    if assumed and not undecided:
        note = "; ".join(filter(None, [f"{', '.join(assumed)} of a {TABLE_PLATFORM} build", note]))
    return FromImage(expansion.value, undecided, note)


def _platform_note(dockerfile: Dockerfile, stage: Stage, global_values: dict[str, str]) -> str:
    """A ``FROM --platform`` other than linux/amd64: the size quoted is still the table's amd64 one."""
    if not stage.platform:
        return ""
    try:
        platform = expand(stage.platform, {**AMD64_PLATFORM_ARGS, **global_values}, escape=dockerfile.escape).value
    except ExpansionError:
        return ""
    if not platform or platform.lower() == TABLE_PLATFORM:
        return ""
    return f"the {TABLE_PLATFORM} size; this stage is built for {platform}"
