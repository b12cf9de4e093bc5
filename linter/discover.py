"""Which files a run lints, and what kind each one is."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

SKIPPED_DIRECTORIES = frozenset({".git", "node_modules"})

_DOCKERFILE = re.compile(r"^(?:(?:docker|container)file(?:[._-].+)?|.+[._-](?:docker|container)file)$", re.IGNORECASE)
# Files named like Dockerfiles that are something else: ignore files, templates, docs, scripts.
_NOT_A_DOCKERFILE = re.compile(
    r"\.(?:dockerignore|md|txt|rst|py|go|sh|bash|ps1|json|ya?ml|toml|cfg|ini|xml|html|j2|jinja2?|tmpl|tpl|"
    r"template|in|erb|orig|bak|swp|rej|patch|diff|lock)$",
    re.IGNORECASE,
)
# compose.yaml, docker-compose.override.yml, compose.prod.yaml, docker-compose-mysql.yml (not composer.yml).
_COMPOSE = re.compile(r"^(?:docker-)?compose(?:[.-][\w.-]+)?\.ya?ml$")


@dataclass(frozen=True, slots=True)
class Target:
    path: str  # as shown in output: as given, or joined onto the directory given
    kind: str  # "dockerfile", "compose" or "dockerignore"
    stdin: bool = False  # read from standard input; ``path`` is the name to report
    context_root: str | None = None  # a Dockerfile's build context when a Compose service names it


@dataclass(frozen=True, slots=True)
class DiscoveryError:
    path: str
    message: str


def kind_of(filename: str) -> str | None:
    """The kind of file a directory walk picks up by its name, or None."""
    if filename == ".dockerignore" or filename.endswith(".dockerignore"):
        return "dockerignore"
    if _COMPOSE.match(filename):
        return "compose"
    if _DOCKERFILE.match(filename) and not _NOT_A_DOCKERFILE.search(filename):
        return "dockerfile"
    return None


def discover(paths: Iterable[str]) -> Iterator[Target | DiscoveryError]:
    """Targets in a stable order: paths as given; directories walked in sorted order.

    A file named explicitly is linted whatever its name (as a Compose file or
    ignore file when its name says so, otherwise as a Dockerfile).
    """
    for path in paths:
        if os.path.isdir(path):
            yield from _walk(path)
        elif os.path.exists(path) or os.path.islink(path):
            yield Target(path, kind_of(os.path.basename(path)) or "dockerfile")
        else:
            yield DiscoveryError(path, "no such file or directory")


def _walk(top: str) -> Iterator[Target | DiscoveryError]:
    def on_error(error: OSError) -> None:
        errors.append(DiscoveryError(error.filename or top, f"cannot read directory: {error.strerror}"))

    errors: list[DiscoveryError] = []
    # followlinks=False: a symlink loop cannot make the walk endless.
    for directory, subdirectories, filenames in os.walk(top, onerror=on_error):
        subdirectories[:] = sorted(d for d in subdirectories if d not in SKIPPED_DIRECTORIES)
        yield from errors
        errors.clear()
        for filename in sorted(filenames):
            kind = kind_of(filename)
            if kind is not None:
                yield Target(os.path.join(directory, filename), kind)
    yield from errors
