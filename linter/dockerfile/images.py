"""Image references as Docker reads them: ``[registry/]repository[:tag][@digest]``."""

from __future__ import annotations

from dataclasses import dataclass

from pydocklint.dockerfile.model import Dockerfile, Stage


@dataclass(frozen=True, slots=True)
class ImageReference:
    repository: str  # everything before the tag and digest, registry included
    tag: str | None
    digest: str | None

    @classmethod
    def parse(cls, reference: str) -> ImageReference:
        name, _, digest = reference.partition("@")
        # A colon after the last slash starts the tag; one before it belongs to a registry port.
        slash = name.rfind("/")
        colon = name.rfind(":")
        if colon > slash:
            return cls(name[:colon], name[colon + 1:], digest or None)
        return cls(name, None, digest or None)


def resolve_base_image(dockerfile: Dockerfile, stage: Stage) -> str | None:
    """The stage's FROM image with global ARG defaults substituted, or None if unknowable.

    Unknowable means a variable without a default (a ``--build-arg`` decides it at
    build time) or a substitution BuildKit would reject. Rules stay quiet then.
    """
    if "$" not in stage.image:
        return stage.image
    from pydocklint.dockerfile.scope import global_arg_defaults
    from pydocklint.dockerfile.variables import ExpansionError, expand

    defaults = global_arg_defaults(dockerfile)
    known = {name: value for name, value in defaults.items() if value is not None}
    try:
        expansion = expand(stage.image, known, escape=dockerfile.escape)
    except ExpansionError:
        return None
    if expansion.unmatched:
        return None
    return expansion.value


def is_image(dockerfile: Dockerfile, stage: Stage, reference: str) -> bool:
    """False for ``scratch`` and for a reference to an earlier stage."""
    return reference != "scratch" and dockerfile.earlier_stage(reference, stage.index) is None
