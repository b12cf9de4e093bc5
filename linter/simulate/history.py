"""Change sets from git: ``--since REV`` and ``--history N``.

Only ``git`` plumbing is run (``rev-parse``, ``diff``, ``ls-files``, ``log``,
``diff-tree``, ``show``), read-only, in the repository the Dockerfile lives in.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass


class GitError(RuntimeError):
    """git is missing, the path is not in a repository, or a revision is unknown."""


def _git(directory: str, *args: str) -> str:
    try:
        result = subprocess.run(["git", "-C", directory, *args], capture_output=True, text=True, check=False)
    except OSError as error:
        raise GitError(f"git could not be run: {error}") from error
    if result.returncode != 0:
        raise GitError(result.stderr.strip().splitlines()[-1] if result.stderr.strip() else f"git {args[0]} failed")
    return result.stdout


@dataclass(frozen=True)
class Repository:
    top: str  # absolute path of the work tree
    dockerfile: str  # the Dockerfile's path relative to ``top``
    context: str  # the context root relative to ``top`` ("" for the top itself)

    @classmethod
    def locate(cls, dockerfile_path: str, context_root: str) -> Repository:
        directory = os.path.dirname(os.path.abspath(dockerfile_path))
        top = _git(directory, "rev-parse", "--show-toplevel").strip()
        top = os.path.realpath(top)
        relative_dockerfile = os.path.relpath(os.path.realpath(os.path.abspath(dockerfile_path)), top)
        relative_context = os.path.relpath(os.path.realpath(os.path.abspath(context_root)), top)
        if relative_context.startswith(".."):
            raise GitError(f"the build context {context_root} is outside the repository {top}")
        return cls(top, relative_dockerfile.replace(os.sep, "/"),
                   "" if relative_context == "." else relative_context.replace(os.sep, "/"))

    def to_context(self, paths: list[str]) -> frozenset[str]:
        """Repository paths as context paths; those outside the context are dropped."""
        if not self.context:
            return frozenset(paths)
        prefix = self.context + "/"
        return frozenset(path[len(prefix):] for path in paths if path.startswith(prefix))

    def changed_since(self, revision: str) -> list[str]:
        """Tracked files that differ between ``revision`` and the work tree, plus untracked files."""
        _git(self.top, "rev-parse", "--verify", "--quiet", revision + "^{commit}")
        changed = _git(self.top, "diff", "--name-only", "--no-renames", revision, "--").splitlines()
        untracked = _git(self.top, "ls-files", "--others", "--exclude-standard").splitlines()
        return sorted(set(changed) | set(untracked))

    def dockerfile_at(self, revision: str) -> str | None:
        """The Dockerfile's text at a revision; None when it did not exist there."""
        try:
            return _git(self.top, "show", f"{revision}:{self.dockerfile}")
        except GitError:
            return None

    def recent_commits(self, count: int) -> list[str]:
        """The last ``count`` commits of HEAD that have a parent, newest first."""
        if count <= 0:
            return []
        lines = _git(self.top, "log", f"-n{count}", "--format=%H %P").splitlines()
        return [line.split()[0] for line in lines if len(line.split()) > 1]

    def files_changed_by(self, commit: str) -> list[str]:
        return _git(self.top, "diff-tree", "--no-commit-id", "--name-only", "--no-renames", "-r", f"{commit}^",
                    commit).splitlines()

    def subject(self, commit: str) -> str:
        return _git(self.top, "log", "-n1", "--format=%s", commit).strip()
