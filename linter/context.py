"""The build context a Dockerfile is built with: its root, its ignore file and, when known, its files.

Rules read a :class:`BuildContext`; only :func:`load_build_context` touches the disk.
Without other information the context is the Dockerfile's directory, which is
what ``docker build -f dir/Dockerfile dir`` and Compose's default ``build: dir``
use.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cached_property, lru_cache

from pydocklint.dockerignore import IgnoreFile

# Directories Docker would send whole, which a walk records without descending into.
OPAQUE_DIRECTORIES = frozenset({".git", "node_modules", ".hg", ".svn", ".venv", "venv", "__pycache__", ".tox"})
MAX_LISTED_FILES = 20_000


@dataclass(frozen=True, slots=True)
class ContextFile:
    path: str  # relative to the context root, "/"-separated; a directory recorded whole ends with "/"
    size: int | None  # bytes; None when unknown (a directory recorded whole, an unreadable file)


@dataclass(frozen=True)
class BuildContext:
    root: str  # as shown in messages
    ignore: IgnoreFile | None
    files: tuple[ContextFile, ...] | None = None  # None: not known
    complete: bool = True  # False when the listing stopped at MAX_LISTED_FILES
    other_ignore_files: tuple[str, ...] = ()  # .dockerignore files in parent directories

    @cached_property
    def kept_files(self) -> tuple[ContextFile, ...]:
        """The listed files Docker sends to the builder (those the ignore file keeps), matched once."""
        return tuple(entry for entry in self.files or ()
                     if self.ignore is None or not self.ignore.excludes(entry.path.rstrip("/")))


# Names that usually hold credentials. Certificates and public keys are left out on purpose:
# a cert.pem or id_rsa.pub in an image is not a leak.
_SECRET_NAMES = frozenset({".npmrc", ".pypirc", ".netrc", ".git-credentials", "id_rsa", "id_dsa", "id_ecdsa",
                           "id_ed25519", "privkey.pem", "key.pem"})
_SECRET_SUFFIXES = (".key", ".p12", ".pfx", "-key.pem", "_key.pem", ".key.pem")
_SAMPLE_ENV_SUFFIXES = (".example", ".sample", ".template", ".dist", ".defaults", ".tmpl", ".empty")
# What a context should rarely send: history, host-built dependencies, caches.
JUNK_DIRECTORIES = {".git": "git history", "node_modules": "host-installed node_modules",
                    "__pycache__": "Python bytecode caches", ".venv": "a local virtualenv",
                    "venv": "a local virtualenv", ".tox": "tox environments"}


def looks_secret(path: str) -> bool:
    """Whether a context path is named like a credential file."""
    name = path.rsplit("/", 1)[-1]
    if name == ".env" or (name.startswith(".env.") and not name.endswith(_SAMPLE_ENV_SUFFIXES)):
        return True
    if path.endswith((".aws/credentials", ".docker/config.json")):
        return True
    lowered = name.lower()
    return lowered in _SECRET_NAMES or lowered.endswith(_SECRET_SUFFIXES) or (
        lowered.endswith(".pem") and ("key" in lowered.split(".")[0].split("-") or lowered.startswith("key.")))


def junk_directory(path: str) -> str | None:
    """The kind of junk a context path belongs to (its top junk directory), or None."""
    for segment in path.rstrip("/").split("/"):
        if segment in JUNK_DIRECTORIES:
            return segment
    return None


def ignore_file_for(dockerfile_path: str, context_root: str) -> str | None:
    """The ignore file Docker uses: ``<Dockerfile>.dockerignore`` beside it wins over the context's."""
    specific = dockerfile_path + ".dockerignore"
    if os.path.isfile(specific):
        return specific
    general = os.path.join(context_root, ".dockerignore")
    return general if os.path.isfile(general) else None


def load_build_context(dockerfile_path: str, root: str | None = None, *, list_files: bool = False) -> BuildContext:
    """Read the ignore file (and, if asked, the file listing) of a Dockerfile's context."""
    root = root if root is not None else (os.path.dirname(dockerfile_path) or ".")
    ignore = None
    ignore_path = ignore_file_for(dockerfile_path, root)
    if ignore_path is not None:
        try:
            with open(ignore_path, encoding="utf-8", errors="replace") as handle:
                ignore = IgnoreFile.parse(handle.read(), ignore_path)
        except OSError:
            ignore = None
    files, complete = (_list_files(root) if list_files else (None, True))
    return BuildContext(root, ignore, files, complete, _ignore_files_above(root))


def context_from_files(files: tuple[tuple[str, str], ...], root: str = ".") -> BuildContext:
    """A context made of in-memory (path, content) files, e.g. a rule's documented example."""
    ignore_text = dict(files).get(".dockerignore")
    ignore = IgnoreFile.parse(ignore_text) if ignore_text is not None else None
    listing = tuple(ContextFile(path, len(content.encode())) for path, content in files)
    return BuildContext(root, ignore, listing)


def read_listing(text: str) -> tuple[ContextFile, ...]:
    """A listing of ``path<TAB>bytes`` lines (size -1: unknown), as the corpus CONTEXT.txt files hold."""
    files = []
    for line in text.splitlines():
        path, _, size = line.rpartition("\t")
        if path:
            files.append(ContextFile(path, int(size) if size.lstrip("-").isdigit() and int(size) >= 0 else None))
    return tuple(files)


@lru_cache(maxsize=64)  # several Dockerfiles often share one context
def _list_files(root: str) -> tuple[tuple[ContextFile, ...] | None, bool]:
    files: list[ContextFile] = []
    for directory, subdirectories, filenames in os.walk(root):
        relative = os.path.relpath(directory, root)
        prefix = "" if relative == "." else relative.replace(os.sep, "/") + "/"
        for name in sorted(subdirectories):
            if name in OPAQUE_DIRECTORIES:
                files.append(ContextFile(prefix + name + "/", None))
        subdirectories[:] = sorted(d for d in subdirectories if d not in OPAQUE_DIRECTORIES)
        for name in sorted(filenames):
            try:
                size: int | None = os.lstat(os.path.join(directory, name)).st_size
            except OSError:
                size = None
            files.append(ContextFile(prefix + name, size))
            if len(files) >= MAX_LISTED_FILES:
                return tuple(files), False
    return tuple(files), True


@lru_cache(maxsize=1024)
def _ignore_files_above(root: str) -> tuple[str, ...]:
    """``.dockerignore`` files in the parent directories, up to the repository root.

    Their presence suggests the real build context may be a parent directory.
    """
    found = []
    directory = os.path.abspath(root)
    while True:
        if os.path.isdir(os.path.join(directory, ".git")):
            break
        parent = os.path.dirname(directory)
        if parent == directory:
            break
        directory = parent
        candidate = os.path.join(directory, ".dockerignore")
        if os.path.isfile(candidate):
            found.append(candidate)
    return tuple(found)
