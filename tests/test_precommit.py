"""The pre-commit hooks this repository publishes, run for real with `pre-commit try-repo`.

pre-commit builds the hook's environment by pip-installing this repository, so the
test needs a package index (PyPI in CI) and takes a few seconds: it is marked slow
(`pytest -m "not slow"` skips it) but runs in the default `pytest`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import REPO

pytestmark = pytest.mark.slow

HOOKS = REPO / ".pre-commit-hooks.yaml"
GIT_ENV = {"GIT_AUTHOR_NAME": "test", "GIT_AUTHOR_EMAIL": "test@example.com", "GIT_COMMITTER_NAME": "test",
           "GIT_COMMITTER_EMAIL": "test@example.com", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}


def git(*args: str, cwd: Path) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True,
                          env={**os.environ, **GIT_ENV}).stdout


def test_manifest_is_valid():
    result = subprocess.run([sys.executable, "-m", "pre_commit", "validate-manifest", str(HOOKS)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory) -> Path:
    """A committed copy of this working tree: try-repo clones commits, and new files may not be committed yet."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    copy = tmp_path_factory.mktemp("hook-repo")
    listed = git("ls-files", "--cached", "--others", "--exclude-standard", "-z", cwd=REPO).split("\0")
    for name in filter(None, listed):
        source = REPO / name
        if source.is_file() and not name.startswith(("benchmarks/", "tests/")):
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, copy / name)
    git("init", "-q", cwd=copy)
    git("add", "-A", cwd=copy)
    git("commit", "-q", "-m", "hooks under test", cwd=copy)
    return copy


@pytest.fixture
def user_repo(tmp_path) -> Path:
    repo = tmp_path / "user"
    repo.mkdir()
    git("init", "-q", cwd=repo)
    # Only the syntax and base-image rules, so that rules added later cannot make the good file fail.
    (repo / ".pydocklint.toml").write_text('select = ["PDL0", "PDL1"]\n')
    (repo / "compose.yaml").write_text("services:\n  web:\n    build: .\n")
    (repo / "Dockerfile.dockerignore").write_text("FROM python:latest\n")  # an ignore file, not linted
    return repo


def try_repo(hook_repo: Path, user_repo: Path) -> subprocess.CompletedProcess:
    """Run every hook of the manifest (they share one environment, which try-repo builds afresh each time)."""
    git("add", "-A", cwd=user_repo)
    env = {**os.environ, **GIT_ENV, "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(hook_repo), "--all-files",
                           "--verbose", "--color", "never"], cwd=user_repo, capture_output=True, text=True,
                          env=env, timeout=900)


def hook_sections(output: str) -> dict[str, str]:
    """pre-commit's output split per hook: the hook's name line and what follows it."""
    sections: dict[str, str] = {}
    current = None
    for line in output.splitlines():
        if line.startswith("pydocklint ("):
            current = line.split("...", 1)[0]
            sections[current] = line + "\n"
        elif current is not None:
            sections[current] += line + "\n"
    return sections


def test_hooks_fail_on_a_bad_dockerfile_and_pass_on_a_good_one(hook_repo, user_repo):
    (user_repo / "Dockerfile").write_text("FROM python:latest\n")
    (user_repo / "docker-compose.override.yml").write_text("services: {}\n")
    (user_repo / "config.yaml").write_text("a: 1\n")
    failed = try_repo(hook_repo, user_repo)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    sections = hook_sections(failed.stdout)
    dockerfile_hook = sections["pydocklint (Dockerfile)"]
    assert "Failed" in dockerfile_hook.splitlines()[0]
    assert ("Dockerfile:1:6: warning: Base image python:latest uses the floating `latest` tag: pin a version "
            "[PDL102]") in dockerfile_hook
    assert "Dockerfile.dockerignore" not in dockerfile_hook
    # The Compose hook gets the compose files (not config.yaml) and lints the Dockerfile the web service
    # builds, so it fails on the same finding; with a good Dockerfile below, it passes.
    compose_hook = sections["pydocklint (Compose)"]
    assert "Failed" in compose_hook.splitlines()[0]
    assert ("Dockerfile:1:6: warning: Base image python:latest uses the floating `latest` tag: pin a version "
            "[PDL102]") in compose_hook
    assert "config.yaml" not in compose_hook

    (user_repo / "Dockerfile").write_text("FROM python:3.12-slim\n")
    passed = try_repo(hook_repo, user_repo)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    sections = hook_sections(passed.stdout)
    assert "Passed" in sections["pydocklint (Dockerfile)"].splitlines()[0]
    assert "No findings in 1 file." in sections["pydocklint (Dockerfile)"]
