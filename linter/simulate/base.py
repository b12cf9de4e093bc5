"""Base-image sizes: the shipped repo-info table, its documented fallbacks, and ``unknown`` otherwise.

Lookup order for ``image:tag`` (see docs/simulate.md, which also gives the
fallbacks' measured error):

1. the exact row (after removing a registry that only mirrors Docker Hub's
   official images, e.g. ``docker.io/library/``, ``mirror.gcr.io/``);
2. a fallback, labelled in the reason with the row used and how it was chosen:
   the same tag without a build date or Alpine pin; the same variant without the
   image's default Debian release; the same variant at the nearest version
   (``python:3.10-slim`` for ``python:3.9-slim``), the newest of a major for a
   major-only tag; the same family (alpine / slim / full) with the same flavours;
3. otherwise unknown, with the reason: not an image the table records (private or
   third-party), a Windows image, or no tag of that variant.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pydocklint.dockerfile.images import ImageReference, official_name
from pydocklint.simulate.tables import base_images, base_layers
from pydocklint.simulate.units import human as _mb

# Release codenames stand for their version when looking for the nearest recorded tag.
_DEBIAN_RELEASES = {"squeeze": (6,), "wheezy": (7,), "jessie": (8,), "stretch": (9,), "buster": (10,),
                    "bullseye": (11,), "bookworm": (12,), "trixie": (13,), "forky": (14,), "sid": (99,)}
_UBUNTU_RELEASES = {"precise": (12, 4), "trusty": (14, 4), "utopic": (14, 10), "vivid": (15, 4), "wily": (15, 10),
                    "xenial": (16, 4), "yakkety": (16, 10), "zesty": (17, 4), "artful": (17, 10), "bionic": (18, 4),
                    "cosmic": (18, 10), "disco": (19, 4), "eoan": (19, 10), "focal": (20, 4), "groovy": (20, 10),
                    "hirsute": (21, 4), "impish": (21, 10), "jammy": (22, 4), "kinetic": (22, 10), "lunar": (23, 4),
                    "mantic": (23, 10), "noble": (24, 4), "oracular": (24, 10), "plucky": (25, 4),
                    "questing": (25, 10), "resolute": (26, 4)}
CODENAMES = {**_DEBIAN_RELEASES, **_UBUNTU_RELEASES}
_DEBIAN = frozenset(_DEBIAN_RELEASES)
_UBUNTU = frozenset(_UBUNTU_RELEASES)
# Images with release names of their own: node's LTS lines (node:carbon is node 8).
_IMAGE_CODENAMES = {"node": {**CODENAMES, "argon": (4,), "boron": (6,), "carbon": (8,), "dubnium": (10,),
                             "erbium": (12,), "fermium": (14,), "gallium": (16,), "hydrogen": (18,), "iron": (20,),
                             "jod": (22,), "krypton": (24,)}}
_OS_IMAGES = frozenset({"debian", "ubuntu"})  # their codename is the version, never a droppable suffix
_UBUNTU_BASED = frozenset({"eclipse-temurin"})  # official images whose unnamed default release is Ubuntu's
# The flavour an image's tags leave unnamed: php:8.4 is php:8.4-cli, nextcloud:latest the apache one.
_DEFAULT_FLAVOUR = {"php": "cli", "openjdk": "jdk", "eclipse-temurin": "jdk", "nextcloud": "apache",
                    "drupal": "apache", "wordpress": "apache"}
_PINNED_ALPINE = re.compile(r"alpine\d+(\.\d+)*")
_DATE = re.compile(r"-?\b(19|20)\d{6}(\.\d+)?\b")  # a build date in a tag: trixie-20260803-slim, noble-20240904.1
_WINDOWS = re.compile(r"(^|/)(windows|nanoserver|servercore|windowsservercore)([/:-]|$)|nanoserver|servercore",
                      re.IGNORECASE)
# A version, an optional build suffix (25.0.3_9, 8u131) and the variant: 3.12-slim-bookworm.
_VERSION = re.compile(r"^v?(\d+(?:\.\d+)*)(?:[_+u][\w.]*)?(?:-(.*))?$")

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
    found = fallback_for(image, tag, tags)
    if found is None:
        return BaseSize(reference, None, None, False, "unknown",
                        f"{reference}: size unknown: no {image} tag of the same variant in the table", image, tag)
    fallback, how = found
    row = table[(image, fallback)]
    return _known(reference, row, "fallback", f"{image}:{tag} base: ~{_mb(row.compressed_bytes)} compressed "
                                              f"(fallback: table row {image}:{fallback}, {how})")


def nearest_tag(tag: str, tags: list[str], *, os_image: bool = False, image: str = "") -> str | None:
    """The recorded tag that best stands for ``tag`` (see :func:`fallback_for`), or None."""
    found = fallback_for(image, tag, tags, os_image=os_image)
    return found[0] if found else None


def fallback_for(image: str, tag: str, tags: list[str], *, os_image: bool | None = None) -> tuple[str, str] | None:
    """The recorded tag that best stands for ``tag``, with how it was chosen (quoted in the reason), or None.

    Same variant first, then same family; nearest version. A release codename
    counts as its version (``stretch-slim`` is 9-slim), a build date or an
    Alpine pin in a tag is ignored, an image's default flavour may be left
    unnamed (``php:8.4`` is ``8.4-cli``), a major-only tag (``python:3``) stands
    for the newest recorded version of that major, and an unversioned tag
    without a row (``latest``, ``slim``) for the newest recorded version of its
    variant. None when no tag of the variant's family and flavour is recorded.
    """
    if os_image is None:
        os_image = image in _OS_IMAGES
    unpinned = _PINNED_ALPINE.sub("alpine", _DATE.sub("", tag)) or "latest"  # 3.12-alpine3.24 is a 3.12-alpine
    if unpinned in tags:
        return unpinned, "the same tag without its build date or Alpine release"
    without_release = _without_default_release(image, unpinned, os_image)
    if without_release in tags:  # 3.9-slim-buster is the 3.9-slim variant, lts-buster the lts one
        return without_release, "the same variant on the image's default release"
    version, variant = release_version(unpinned, image)
    variant = canonical_variant(image, variant)
    distro = _distro(unpinned)
    # A Debian codename is not stood for by an Ubuntu one, nor the reverse; and a codename's version is
    # compared only with other codenames, except for the distributions' own images (debian:12 is bookworm).
    by_codename = distro is not None and split_tag(unpinned)[0] is None and not os_image
    parsed = [(t, v, canonical_variant(image, rest)) for t in tags
              if (distro is None or _distro(t) in (None, distro))
              and (not by_codename or (_distro(t) is not None and split_tag(t)[0] is None))
              for v, rest in (release_version(t, image),)]
    same_variant = [(t, v) for t, v, rest in parsed if rest == variant and v is not None]
    if same_variant:
        chosen = _nearest(version, same_variant)
        return chosen, "same variant, " + _version_note(version, dict(same_variant)[chosen])
    family = variant_family("", unpinned)
    same_family = [(t, v) for t, v, rest in parsed if variant_family("", t) == family and v is not None
                   and not _other_flavour(rest, variant)]
    if version is not None and same_family:
        chosen = _nearest(version, same_family)
        return chosen, f"same family ({family}), " + _version_note(version, dict(same_family)[chosen])
    # An unversioned tag of the family word only (latest, slim, alpine) is that family's newest build; a named
    # variant (sonarqube:lts, busybox:uclibc, archlinux:base-devel) is not stood for by it.
    plain = {"alpine": "alpine", "slim": "slim", "full": "latest"}[family]
    if plain in tags and canonical_variant(image, plain) == variant:
        return plain, f"same family ({family}), its unversioned tag"
    return None


def _version_note(wanted: tuple[int, ...] | None, chosen: tuple[int, ...]) -> str:
    if wanted is None:
        return "newest recorded version"
    if chosen == wanted:
        return "same version"
    if len(wanted) == 1 and chosen[0] == wanted[0]:
        return f"newest recorded {wanted[0]}.x"
    return "nearest recorded version"


def _without_default_release(image: str, tag: str, os_image: bool) -> str:
    """The tag without a codename of the image's default distribution (Debian, Ubuntu for some images).

    Only when something else remains: ``debian:jessie`` or ``buildpack-deps:bookworm`` name a release.
    """
    if os_image:
        return tag
    default = _default_release(image)
    parts = tag.split("-")
    kept = [part for part in parts if part not in default]
    return "-".join(kept) if kept and len(kept) < len(parts) else tag


def canonical_variant(image: str, variant: str) -> str:
    """The variant with its image's unnamed default spelled out as nothing: php ``cli-alpine`` is ``alpine``."""
    if variant == "latest":
        return ""
    default = _DEFAULT_FLAVOUR.get(image)
    release = _default_release(image)
    parts = [part for part in variant.split("-") if part and part != default and part not in release]
    return "-".join(_normal_flavour(part) for part in parts)


def _default_release(image: str) -> frozenset[str]:
    """The codenames an image's tags may leave unnamed: Debian's for official images, none for the OS images."""
    if image in _OS_IMAGES:
        return frozenset()
    return _UBUNTU if image in _UBUNTU_BASED else _DEBIAN


def _normal_flavour(part: str) -> str:
    """``jre8`` is the jre flavour (its Java version does not name another variant family)."""
    match = re.fullmatch(r"(jre|jdk)\d+", part)
    return match.group(1) if match else part


def _distro(tag: str) -> str | None:
    for part in tag.split("-"):
        if part in CODENAMES:
            return "ubuntu" if part in _UBUNTU else "debian"
    return None


def release_version(tag: str, image: str = "") -> tuple[tuple[int, ...] | None, str]:
    """Like :func:`split_tag`, with a leading (or only) codename read as its version: ``bullseye-scm`` → ((11,), "scm")."""
    version, variant = split_tag(tag)
    variant = _PINNED_ALPINE.sub("alpine", variant)  # 3.12-alpine3.24 is a 3.12-alpine
    if version is not None:
        return version, variant
    codenames = _IMAGE_CODENAMES.get(image, CODENAMES)
    parts = tag.split("-")
    for index, part in enumerate(parts):
        if part in codenames:
            rest = "-".join(parts[:index] + parts[index + 1:])
            return codenames[part], rest
        match = re.fullmatch(r"centos(\d+)", part)
        if match:
            return (int(match.group(1)),), "-".join(parts[:index] + parts[index + 1:])
    return None, tag


_FLAVOURS = ("apache", "fpm", "cli", "management", "jre", "jdk", "zts", "windowsservercore", "nanoserver",
             "onbuild", "lein", "slim", "alpine", "curl", "scm")


def _other_flavour(candidate: str, wanted: str) -> bool:
    """A php:8.3-apache does not stand for php:8.3-fpm: flavours must agree where both name one.

    buildpack-deps nests (curl within scm within the full image), so ``curl`` and ``scm`` are flavours too.
    """
    have = {_normal_flavour(part) for part in candidate.split("-")} & set(_FLAVOURS)
    want = {_normal_flavour(part) for part in wanted.split("-")} & set(_FLAVOURS)
    return have != want


def _nearest(version: tuple[int, ...] | None, candidates: list[tuple[str, tuple[int, ...]]]) -> str:
    if version is None:  # an unversioned tag: the newest recorded version stands for it
        return max(candidates, key=lambda item: (item[1], item[0]))[0]
    same_major = [item for item in candidates if item[1][0] == version[0]]
    if len(version) == 1 and same_major:  # python:3 floats to the newest 3.x
        return max(same_major, key=lambda item: (item[1], item[0]))[0]

    def distance(item: tuple[str, tuple[int, ...]]) -> tuple:
        other = item[1]
        if other[0] == version[0]:
            minor_gap = abs((other[1] if len(other) > 1 else 0) - (version[1] if len(version) > 1 else 0))
            return 0, minor_gap, -len(other), item[0]
        # Across majors the nearest release is the newest one below or the oldest one above.
        rest = tuple(-part for part in other[1:]) if other[0] < version[0] else other[1:]
        return abs(other[0] - version[0]), rest, -len(other), item[0]
    return min(candidates, key=distance)[0]


def _known(reference: str, row, how: str, reason: str) -> BaseSize:
    raw = round(row.compressed_bytes * expansion(row.image, row.tag))
    layers = base_layers().get((row.image, row.tag))
    if layers:  # the recorded breakdown: which of the base's own layers weigh
        biggest = sorted(layers, key=lambda layer: -layer[1])[:3]
        reason += "; its biggest layers: " + ", ".join(f"{what} {_mb(size)}" for _, size, what in biggest)
    return BaseSize(reference, row.compressed_bytes, raw, True, how, reason, row.image, row.tag)


