"""apt install layers: the dependency closure from Debian's index, sized and compressed.

``raw = Σ Installed-Size × k + pyc bonus + dpkg/debconf overhead`` over the packages
the install adds to the base's package set, ``gz = raw × r`` with r per kind of
package (simulation.md 5.1, calibrated on apt_layer_measurements.tsv: see
docs/simulate.md for the measured errors).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from pydocklint.simulate.tables import AptIndex, apt_index

# Files written vs Installed-Size: slim bases drop docs, man pages and locales (dpkg path-exclude).
SLIM_FACTOR = 0.90
FULL_FACTOR = 1.0
# py3compile writes .pyc files Installed-Size does not count (+46 % measured for python3 + python3-pip).
PYC_BONUS = 0.55
# dpkg status, debconf cache and logs an install rewrites.
OVERHEAD_BYTES = 1_000_000
GENERIC_RATIO = 0.40  # gzip -6 / raw for binaries and libraries
DENSE_RATIO = 0.33  # toolchains, Perl, Python sources, locales
_DENSE_PREFIXES = ("python3", "libpython3", "perl", "libperl", "gcc", "g++", "cpp", "libgcc-", "libstdc++-",
                   "binutils", "libbinutils", "libgprofng", "libasan", "libtsan", "liblsan", "libubsan", "libhwasan",
                   "libitm", "libquadmath", "libcc1", "libjs-", "linux-libc-dev", "libc6-dev", "libc-dev",
                   "libctf", "libgomp", "libatomic")

# Packages the buildpack-deps layers install (docker-library/buildpack-deps Dockerfiles), which the
# full official images (python:3.12, node:22, golang, ruby ...) are built on.
BUILDPACK_CURL = ("ca-certificates", "curl", "gnupg", "netbase", "sq", "wget")
BUILDPACK_SCM = ("git", "mercurial", "openssh-client", "subversion", "procps")
BUILDPACK_FULL = ("autoconf", "automake", "bzip2", "default-libmysqlclient-dev", "dpkg-dev", "file", "g++", "gcc",
                  "imagemagick", "libbz2-dev", "libc6-dev", "libcurl4-openssl-dev", "libdb-dev", "libevent-dev",
                  "libffi-dev", "libgdbm-dev", "libglib2.0-dev", "libgmp-dev", "libjpeg-dev", "libkrb5-dev",
                  "liblzma-dev", "libmagickcore-dev", "libmagickwand-dev", "libmaxminddb-dev", "libncurses5-dev",
                  "libncursesw5-dev", "libpng-dev", "libpq-dev", "libreadline-dev", "libsqlite3-dev", "libssl-dev",
                  "libtool", "libwebp-dev", "libxml2-dev", "libxslt-dev", "libyaml-dev", "make", "patch", "unzip",
                  "xz-utils", "zlib1g-dev")
SLIM_EXTRAS = ("ca-certificates", "netbase", "tzdata")  # what python/node/ruby -slim add to debian-slim


@dataclass(frozen=True, slots=True)
class AptEstimate:
    added: tuple[str, ...]  # the packages the install adds, named ones and dependencies
    missing: tuple[str, ...]  # named packages the index does not know (other release, Ubuntu-only, typos)
    installed_bytes: int  # Σ Installed-Size of ``added``
    bytes: int
    compressed_bytes: int
    per_package: tuple[tuple[str, int, int], ...] = ()  # (name, bytes, compressed) of each added package


def _is_python(name: str) -> bool:
    return name.startswith(("python3", "libpython3")) and not name.endswith(("-dev", "-doc"))


def _is_dense(name: str) -> bool:
    return name.startswith(_DENSE_PREFIXES)


def closure(names: list[str], installed: set[str], recommends: bool, index: AptIndex
            ) -> tuple[list[str], list[str]]:
    """What ``apt-get install names`` adds on top of ``installed``, and the names the index lacks."""
    added: list[str] = []
    have = set(installed)
    missing: list[str] = []
    pending: list[str] = []
    for name in names:
        real = _real(name, have, index)
        if real is None:
            missing.append(name)
        elif real not in have:
            have.add(real)
            pending.append(real)
    while pending:
        name = pending.pop()
        added.append(name)
        package = index.get(name)
        if package is None:
            continue
        groups = package.depends + (package.recommends if recommends else ())
        for group in groups:
            if any(alternative in have or _provided(alternative, have, index) for alternative in group):
                continue
            for alternative in group:
                real = _real(alternative, have, index)
                if real is not None:
                    have.add(real)
                    pending.append(real)
                    break
    return added, missing


def _provided(virtual: str, have: set[str], index: AptIndex) -> bool:
    return any(provider in have for provider in index.providers.get(virtual, ()))


def _real(name: str, have: set[str], index: AptIndex) -> str | None:
    """The real package apt would pick for a name: itself, or its first provider."""
    if index.get(name) is not None:
        return name
    providers = index.providers.get(name, [])
    for provider in providers:
        if provider in have:
            return provider
    return providers[0] if providers else None


@lru_cache(maxsize=16)
def base_packages(kind: str, release: str = "bookworm") -> frozenset[str]:
    """The packages a base image of that kind already has.

    ``minbase``: Priority required plus apt, with their dependencies (debootstrap's
    minbase, which debian and debian-slim are); ``slim-extras`` adds what the
    language -slim images install; ``buildpack-curl``/``-scm``/``-full`` add the
    buildpack-deps layers.
    """
    index = apt_index(release)
    # debootstrap installs usr-is-merged itself; apt would otherwise satisfy "usrmerge | usr-is-merged"
    # with usrmerge, which pulls in perl.
    required = index.with_priority("required") + ["apt", "usr-is-merged"]
    have, _ = closure(required, set(), recommends=False, index=index)
    extra: tuple[str, ...] = ()
    if kind == "slim-extras":
        extra = SLIM_EXTRAS
    elif kind == "buildpack-curl":
        extra = BUILDPACK_CURL
    elif kind == "buildpack-scm":
        extra = BUILDPACK_CURL + BUILDPACK_SCM
    elif kind == "buildpack-full":
        extra = BUILDPACK_CURL + BUILDPACK_SCM + BUILDPACK_FULL
    if extra:
        more, _ = closure(list(extra), set(have), recommends=False, index=index)
        have = have + more
    return frozenset(have)


def estimate(names: list[str], installed: set[str], *, recommends: bool, slim: bool,
             release: str = "bookworm") -> AptEstimate:
    """The layer an ``apt-get install`` of ``names`` writes (lists and caches not included)."""
    index = apt_index(release)
    added, missing = closure(names, installed, recommends, index)
    factor = SLIM_FACTOR if slim else FULL_FACTOR
    raw = 0.0
    compressed = 0.0
    installed_bytes = 0
    per_package = []
    for name in added:
        package = index.get(name)
        size = package.installed_bytes if package else 0
        installed_bytes += size
        written = size * factor * (1 + PYC_BONUS if _is_python(name) else 1)
        ratio = DENSE_RATIO if _is_dense(name) else GENERIC_RATIO
        raw += written
        compressed += written * ratio
        per_package.append((name, round(written), round(written * ratio)))
    if added:
        raw += OVERHEAD_BYTES
        compressed += OVERHEAD_BYTES * GENERIC_RATIO
    return AptEstimate(tuple(added), tuple(missing), installed_bytes, round(raw), round(compressed),
                       tuple(per_package))
