"""Image references as Docker reads them: ``[registry/]repository[:tag][@digest]``."""

from __future__ import annotations

import re
from collections.abc import Iterator
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


# Docker's reference grammar (distribution/reference): path components, an optional registry
# host first, a tag, a digest. Only lower-case repositories are valid.
_COMPONENT = r"[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*"
_HOST = r"(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[0-9a-fA-F:]+\])"
_REFERENCE = re.compile(
    rf"(?:{_HOST}(?::[0-9]+)?/)?{_COMPONENT}(?:/{_COMPONENT})*"
    r"(?::[\w][\w.-]{0,127})?"
    r"(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?"
)
_MAX_NAME_LENGTH = 255


def reference_error(reference: str) -> str | None:
    """Why Docker would refuse ``reference`` as an image reference, or None if it is valid."""
    if not reference:
        return "the image reference is empty"
    if not _REFERENCE.fullmatch(reference):
        if reference.lower() != reference and _REFERENCE.fullmatch(reference.lower()):
            return "repository names must be lower-case"
        return "it is not a valid image reference ([registry/]name[:tag][@digest])"
    if len(ImageReference.parse(reference).repository) > _MAX_NAME_LENGTH:
        return f"the repository name is longer than {_MAX_NAME_LENGTH} characters"
    return None


# Tags that move to new versions by design. A tag is floating when one of its `-`-separated
# parts is one of these and no part starts with a digit (`lts-alpine` floats, `2.452.2-lts` does not).
FLOATING_TAG_WORDS = frozenset({
    "latest", "stable", "edge", "lts", "current", "rolling", "mainline", "nightly", "testing",
    "unstable", "sid", "canary", "beta", "alpha", "master", "main", "trunk", "next",
})  # fmt: skip
# Floating only as the whole tag: as a part they name a variant (`12.4-devel-ubuntu22.04`).
FLOATING_WHOLE_TAGS = frozenset({"devel", "dev", "insider", "preview"})


def floating_tag_word(tag: str) -> str | None:
    """The floating word a tag is made of (``lts`` for ``lts-alpine``), or None for a pinned tag."""
    lowered = tag.lower()
    if lowered in FLOATING_WHOLE_TAGS:
        return lowered
    parts = re.split(r"[-_]", lowered)
    if any(part[:1].isdigit() for part in parts):
        return None
    return next((part for part in parts if part in FLOATING_TAG_WORDS), None)


def resolve_base_image(dockerfile: Dockerfile, stage: Stage) -> str | None:
    """The stage's FROM image with global ARG defaults substituted, or None if unknowable.

    Unknowable means a variable without a default (a ``--build-arg`` decides it at
    build time) or a substitution BuildKit would reject. Rules stay quiet then.
    """
    if "$" not in stage.image:
        return stage.image
    from pydocklint.dockerfile.scope import known_global_args
    from pydocklint.dockerfile.variables import ExpansionError, expand

    try:
        expansion = expand(stage.image, known_global_args(dockerfile), escape=dockerfile.escape)
    except ExpansionError:
        return None
    if expansion.unmatched:
        return None
    return expansion.value


def is_image(dockerfile: Dockerfile, stage: Stage, reference: str) -> bool:
    """False for ``scratch`` and for a reference to an earlier stage."""
    return reference != "scratch" and dockerfile.earlier_stage(reference, stage.index) is None


def base_images(dockerfile: Dockerfile) -> Iterator[tuple[Stage, str, ImageReference]]:
    """(stage, image, parsed reference) of each stage built on an image: its FROM resolved through ARG
    defaults, and neither ``scratch``, an earlier stage, nor unknowable. What the base-image rules check."""
    for stage in dockerfile.stages:
        image = resolve_base_image(dockerfile, stage)
        if image and is_image(dockerfile, stage, image):
            yield stage, image, ImageReference.parse(image)


# Registries that serve Docker Hub's official images unchanged, and vendors' own copies of them.
_MIRROR_PREFIXES = ("docker.io/library/", "index.docker.io/library/", "registry-1.docker.io/library/",
                    "docker.io/", "index.docker.io/", "library/", "mirror.gcr.io/", "public.ecr.aws/docker/library/",
                    "mcr.microsoft.com/mirror/docker/library/")
_VENDOR_COPIES = {"ghcr.io/oracle/oraclelinux": "oraclelinux"}
# Docker Hub's per-architecture copies of the official images (amd64/alpine is alpine built for amd64).
_ARCH_NAMESPACES = ("amd64/", "arm64v8/", "arm32v7/", "arm32v6/", "arm32v5/", "i386/", "ppc64le/", "s390x/",
                    "riscv64/", "mips64le/")


def official_name(repository: str) -> str:
    """The Docker Hub official image a repository names, when it is one (or a mirror of one)."""
    lowered = repository.lower()
    if lowered in _VENDOR_COPIES:
        return _VENDOR_COPIES[lowered]
    for prefix in _MIRROR_PREFIXES:
        if lowered.startswith(prefix) and "/" not in lowered[len(prefix):]:
            lowered = lowered[len(prefix):]
            break
    for prefix in _ARCH_NAMESPACES:
        if lowered.startswith(prefix) and "/" not in lowered[len(prefix):]:
            return lowered[len(prefix):]
    return lowered
