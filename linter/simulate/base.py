"""Base-image sizes: the shipped repo-info table, its documented fallbacks, and ``unknown`` otherwise.

Lookup order for ``image:tag`` (see docs/simulate.md):

1. the exact row (after removing a registry that only mirrors Docker Hub's
   official images, e.g. ``docker.io/library/``, ``mirror.gcr.io/``);
2. the same image and variant at the nearest version (``python:3.10-slim`` for
   ``python:3.9-slim`` if only the former were listed);
3. the same image and variant family (alpine / slim / full) at the nearest version,
   or that family's unversioned tag (``alpine``, ``slim``, ``latest``);
4. otherwise unknown, with the reason: not an image the table records (private or
   third-party), a Windows image, or no tag of that variant.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pydocklint.dockerfile.images import ImageReference
from pydocklint.simulate.tables import base_images, base_layers
from pydocklint.simulate.units import human as _mb

# Registries that serve Docker Hub's official images unchanged, and vendors' own copies of them.
_MIRROR_PREFIXES = ("docker.io/library/", "index.docker.io/library/", "registry-1.docker.io/library/",
                    "docker.io/", "index.docker.io/", "library/", "mirror.gcr.io/", "public.ecr.aws/docker/library/",
                    "mcr.microsoft.com/mirror/docker/library/")
_VENDOR_COPIES = {"ghcr.io/oracle/oraclelinux": "oraclelinux"}
# Docker Hub's per-architecture copies of the official images (amd64/alpine is alpine built for amd64).
_ARCH_NAMESPACES = ("amd64/", "arm64v8/", "arm32v7/", "arm32v6/", "arm32v5/", "i386/", "ppc64le/", "s390x/",
                    "riscv64/", "mips64le/")
# Release codenames stand for their version when looking for the nearest recorded tag.
CODENAMES = {"jessie": (8,), "stretch": (9,), "buster": (10,), "bullseye": (11,), "bookworm": (12,),
             "trixie": (13,), "forky": (14,), "sid": (99,), "trusty": (14, 4), "xenial": (16, 4), "bionic": (18, 4),
             "focal": (20, 4), "jammy": (22, 4), "noble": (24, 4), "plucky": (25, 4), "questing": (25, 10),
             "resolute": (26, 4)}
_UBUNTU = frozenset({"trusty", "xenial", "bionic", "focal", "jammy", "noble", "plucky", "questing", "resolute"})
_PINNED_ALPINE = re.compile(r"alpine\d+(\.\d+)*")
_DATE = re.compile(r"-?\b(19|20)\d{6}\b")  # a build date in a tag: trixie-20260803-slim
_WINDOWS = re.compile(r"(^|/)(windows|nanoserver|servercore|windowsservercore)([/:-]|$)|nanoserver|servercore",
                      re.IGNORECASE)
_VERSION = re.compile(r"^v?(\d+(?:\.\d+)*)(?:-(.*))?$")

# Uncompressed / compressed: measured 2.2-2.4 for alpine, 2.4-2.7 for Debian rootfs (simulation.md 3.2).
ALPINE_EXPANSION = 2.3
DEFAULT_EXPANSION = 2.6


@dataclass(frozen=True, slots=True)
class BaseSize:
    reference: str  # as resolved (variables substituted)
    compressed_bytes: int | None  # None: unknown
    bytes: int | None  # uncompressed estimate
    known: bool
    how: str  # "table", "fallback", "scratch", "unknown"
    reason: str  # one line for the report
    image: str = ""  # the official image name the row belongs to ("" when unknown)
    tag: str = ""  # the tag of the row used

    @property
    def family(self) -> str:
        return variant_family(self.image, self.tag)


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


def is_windows(reference: str) -> bool:
    return bool(_WINDOWS.search(reference))


def split_tag(tag: str) -> tuple[tuple[int, ...] | None, str]:
    """``3.12-slim-bookworm`` → ((3, 12), "slim-bookworm"); ``bookworm-slim`` → (None, "bookworm-slim")."""
    match = _VERSION.match(tag)
    if not match:
        return None, tag
    return tuple(int(part) for part in match.group(1).split(".")), match.group(2) or ""


def variant_family(image: str, tag: str) -> str:
    """alpine, slim (docs and build tools left out) or full."""
    lowered = f"{image}:{tag}".lower()
    if "alpine" in lowered:
        return "alpine"
    if any(word in lowered for word in ("slim", "minimal", "musl", "busybox")):
        return "slim"
    return "full"


def expansion(image: str, tag: str) -> float:
    return ALPINE_EXPANSION if variant_family(image, tag) == "alpine" or image == "busybox" else DEFAULT_EXPANSION


def lookup(reference: str) -> BaseSize:
    """The size of a base image reference (``scratch``, ``image[:tag][@digest]``)."""
    if reference == "scratch":
        return BaseSize(reference, 0, 0, True, "scratch", "scratch: empty base, 0 bytes", "scratch", "")
    parsed = ImageReference.parse(reference)
    image = official_name(parsed.repository)
    tag = parsed.tag or "latest"
    table = base_images()
    row = table.get((image, tag))
    if row is not None:
        pinned = " (digest pinned; size of the tag's recorded build)" if parsed.digest else ""
        return _known(reference, row, "table", f"{image}:{tag} base: {_mb(row.compressed_bytes)} compressed "
                                               f"(table, built {row.built}){pinned}")
    tags = [t for (name, t) in table if name == image]
    if not tags or is_windows(reference):
        if is_windows(reference):
            why = "a Windows base image (the table records linux/amd64 images only)"
        elif "/" in image:
            why = "not an official image the table records (a private or third-party image)"
        else:
            why = "no size recorded for this image (not an official image the table records, or one built elsewhere)"
        return BaseSize(reference, None, None, False, "unknown", f"{reference}: size unknown: {why}")
    fallback = nearest_tag(tag, tags, os_image=image in ("debian", "ubuntu"))
    if fallback is None:
        return BaseSize(reference, None, None, False, "unknown",
                        f"{reference}: size unknown: no {image} tag of the same variant in the table", image, tag)
    row = table[(image, fallback)]
    return _known(reference, row, "fallback", f"{image}:{tag} base: ~{_mb(row.compressed_bytes)} compressed "
                                              f"(fallback: {image}:{fallback}, the nearest recorded tag of that variant)")


def nearest_tag(tag: str, tags: list[str], *, os_image: bool = False) -> str | None:
    """The recorded tag that best stands for ``tag``: same variant, then same family; nearest version.

    A release codename counts as its version (``stretch-slim`` is 9-slim), a
    build date in a tag is ignored, and an unversioned tag without a row
    (``latest``, ``slim``) stands for the newest recorded version of its variant.
    """
    tag = _PINNED_ALPINE.sub("alpine", _DATE.sub("", tag)) or "latest"  # 3.12-alpine3.24 is a 3.12-alpine
    if tag in tags:
        return tag
    # Official images default to Debian: only a Debian codename may be dropped.
    without_release = "-".join(part for part in tag.split("-") if part not in CODENAMES or part in _UBUNTU) or "latest"
    if without_release in tags:  # 3.9-slim-buster is the 3.9-slim variant, lts-buster the lts one
        return without_release
    version, variant = release_version(tag)
    distro = _distro(tag)
    # A Debian codename is not stood for by an Ubuntu one, nor the reverse; and a codename's version is
    # compared only with other codenames, except for the distributions' own images (debian:12 is bookworm).
    by_codename = distro is not None and split_tag(tag)[0] is None and not os_image
    parsed = [(t, *release_version(t)) for t in tags if (distro is None or _distro(t) in (None, distro))
              and (not by_codename or (_distro(t) is not None and split_tag(t)[0] is None))]
    if version is None and variant in ("", "latest"):
        variant = ""
    same_variant = [(t, v) for t, v, rest in parsed if rest == variant and v is not None]
    if same_variant:
        return _nearest(version, same_variant)
    family = variant_family("", tag)
    same_family = [(t, v) for t, v, rest in parsed if variant_family("", t) == family and v is not None
                   and not _other_flavour(rest, variant)]
    if version is not None and same_family:
        return _nearest(version, same_family)
    plain = {"alpine": "alpine", "slim": "slim", "full": "latest"}[family]
    if plain in tags and not _other_flavour(plain if family != "full" else "", variant):
        return plain
    return None


def _distro(tag: str) -> str | None:
    for part in tag.split("-"):
        if part in CODENAMES:
            return "ubuntu" if part in _UBUNTU else "debian"
    return None


def release_version(tag: str) -> tuple[tuple[int, ...] | None, str]:
    """Like :func:`split_tag`, with a leading (or only) codename read as its version: ``bullseye-scm`` → ((11,), "scm")."""
    version, variant = split_tag(tag)
    variant = _PINNED_ALPINE.sub("alpine", variant)  # 3.12-alpine3.24 is a 3.12-alpine
    if version is not None:
        return version, variant
    parts = tag.split("-")
    for index, part in enumerate(parts):
        if part in CODENAMES:
            rest = "-".join(parts[:index] + parts[index + 1:])
            return CODENAMES[part], rest
        match = re.fullmatch(r"centos(\d+)", part)
        if match:
            return (int(match.group(1)),), "-".join(parts[:index] + parts[index + 1:])
    return None, tag


_FLAVOURS = ("apache", "fpm", "cli", "management", "jre", "jdk", "zts", "windowsservercore", "nanoserver",
             "onbuild", "lein", "slim", "alpine")


def _flavoured(variant: str) -> bool:
    return any(flavour in variant.split("-") for flavour in _FLAVOURS)


def _other_flavour(candidate: str, wanted: str) -> bool:
    """A php:8.3-apache does not stand for php:8.3-fpm: flavours must agree where both name one."""
    have = {part for part in candidate.split("-") if part in _FLAVOURS}
    want = {part for part in wanted.split("-") if part in _FLAVOURS}
    return have != want


def _nearest(version: tuple[int, ...] | None, candidates: list[tuple[str, tuple[int, ...]]]) -> str:
    if version is None:  # an unversioned tag: the newest recorded version stands for it
        return max(candidates, key=lambda item: (item[1], item[0]))[0]

    def distance(item: tuple[str, tuple[int, ...]]) -> tuple:
        other = item[1]
        major_gap = abs(other[0] - version[0])
        minor_gap = abs((other[1] if len(other) > 1 else 0) - (version[1] if len(version) > 1 else 0))
        return major_gap, minor_gap, -len(other), item[0]
    return min(candidates, key=distance)[0]


def _known(reference: str, row, how: str, reason: str) -> BaseSize:
    raw = round(row.compressed_bytes * expansion(row.image, row.tag))
    layers = base_layers().get((row.image, row.tag))
    if layers:  # the recorded breakdown: which of the base's own layers weigh
        biggest = sorted(layers, key=lambda layer: -layer[1])[:3]
        reason += "; its biggest layers: " + ", ".join(f"{what} {_mb(size)}" for _, size, what in biggest)
    return BaseSize(reference, row.compressed_bytes, raw, True, how, reason, row.image, row.tag)


