"""``pydocklint simulate`` through click: options, output schema, git change sets and history."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from pydocklint.simulate.command import simulate_command

APP = """\
FROM python:3.12-slim
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
COPY . .
RUN pip install --no-cache-dir -r requirements.txt
CMD ["python", "app.py"]
"""


def write(directory: Path, files: dict[str, str]) -> None:
    for name, content in files.items():
        path = directory / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content)


def invoke(*args: str, cwd: Path | None = None):
    runner = CliRunner()
    if cwd is None:
        return runner.invoke(simulate_command, list(args), catch_exceptions=False)
    old = os.getcwd()
    os.chdir(cwd)
    try:
        return runner.invoke(simulate_command, list(args), catch_exceptions=False)
    finally:
        os.chdir(old)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    write(tmp_path, {"Dockerfile": APP, "requirements.txt": "flask\n", "app.py": "print('hi')\n",
                     ".dockerignore": ".git\n"})
    return tmp_path


def test_json_schema_of_the_issue(project: Path) -> None:
    result = invoke(str(project / "Dockerfile"), "--format", "json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert set(doc) >= {"target", "image", "layers"}
    assert set(doc["image"]) >= {"bytes", "compressed_bytes", "wasted_bytes", "base", "base_known"}
    assert doc["image"]["base"] == "python:3.12-slim" and doc["image"]["base_known"] is True
    for layer in doc["layers"]:
        assert set(layer) >= {"stage", "line", "instruction", "creates_layer", "bytes", "compressed_bytes", "cache",
                              "reason"}
        assert layer["cache"] is None  # no change given
    assert [layer["line"] for layer in doc["layers"]] == [1, 2, 3, 4, 5, 6]
    assert [layer["creates_layer"] for layer in doc["layers"]] == [False, True, True, True, True, False]
    assert "history" not in doc


def test_text_report_shows_totals_and_biggest_layers(project: Path) -> None:
    result = invoke(str(project / "Dockerfile"))
    assert result.exit_code == 0
    assert "python:3.12-slim base: 43.2 MB compressed (table" in result.output
    assert "image estimate:" in result.output and "biggest layers:" in result.output
    assert "apt-get install curl: ~" in result.output


def test_changed_marks_hits_and_misses_and_advises_reordering(project: Path) -> None:
    result = invoke(str(project / "Dockerfile"), "--changed", "app.py", "--format", "json")
    doc = json.loads(result.output)
    cache = {layer["line"]: layer["cache"] for layer in doc["layers"]}
    assert cache == {1: None, 2: "hit", 3: "hit", 4: "miss", 5: "miss", 6: None}
    assert doc["cache"]["rebuilt_steps"] == 2 and doc["cache"]["layer_steps"] == 4
    advice = doc["advice"][0]
    assert advice["manifests"] == ["requirements.txt"]
    assert "makes this change reuse the cached" in advice["message"]


def test_changed_accepts_paths_relative_to_the_working_directory(project: Path) -> None:
    result = invoke("Dockerfile", "--changed", str(project / "app.py"), "--format", "json", cwd=project)
    doc = json.loads(result.output)
    assert doc["cache"]["changed"] == ["app.py"]


def test_context_listing_replaces_the_directory(project: Path, tmp_path_factory) -> None:
    listing = tmp_path_factory.mktemp("l") / "CONTEXT.txt"
    listing.write_text("app.py\t1000\nrequirements.txt\t10\nbig.tar\t-1\n")
    result = invoke(str(project / "Dockerfile"), "--context-listing", str(listing), "--format", "json")
    copy = next(layer for layer in json.loads(result.output)["layers"] if layer["line"] == 4)
    assert copy["bytes"] == 1010 + 4 * 1024 * 1024


def test_target_and_build_arg(tmp_path: Path) -> None:
    write(tmp_path, {"Dockerfile": "ARG V=3.22\nFROM alpine:$V AS base\nRUN true\nFROM base\nRUN true\n"})
    doc = json.loads(invoke(str(tmp_path / "Dockerfile"), "--target", "base", "--build-arg", "V=3.21",
                            "--format", "json").output)
    assert doc["target"] == "base" and doc["image"]["base"] == "alpine:3.21"
    assert [layer["line"] for layer in doc["layers"]] == [2, 3]


def test_unknown_target_is_an_error(project: Path) -> None:
    result = CliRunner().invoke(simulate_command, [str(project / "Dockerfile"), "--target", "nope"])
    assert result.exit_code != 0 and "no stage named 'nope'" in result.output


def test_output_file(project: Path) -> None:
    out = project / "report.json"
    invoke(str(project / "Dockerfile"), "--format", "json", "-o", str(out))
    assert json.loads(out.read_text())["image"]["base_known"] is True


# --- git ------------------------------------------------------------------------------------------------------

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(directory: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(directory), "-c", "user.name=t", "-c", "user.email=t@example.com",
                    "-c", "commit.gpgsign=false", *args], check=True, capture_output=True)


def commit(directory: Path, files: dict[str, str], message: str) -> None:
    write(directory, files)
    git(directory, "add", "-A")
    git(directory, "commit", "-q", "-m", message)


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    git(tmp_path, "init", "-q")
    commit(tmp_path, {"Dockerfile": APP, "requirements.txt": "flask\n", "app.py": "v0\n",
                      ".dockerignore": ".git\n"}, "initial")
    for number in range(1, 5):
        commit(tmp_path, {"app.py": f"v{number}\n"}, f"edit app {number}")
    commit(tmp_path, {"requirements.txt": "flask\nrequests\n"}, "add requests")
    commit(tmp_path, {"README.md": "docs\n"}, "docs only")
    return tmp_path


@needs_git
def test_since_takes_the_changed_files_from_git(repository: Path) -> None:
    write(repository, {"app.py": "work in progress\n"})
    doc = json.loads(invoke(str(repository / "Dockerfile"), "--since", "HEAD", "--format", "json").output)
    assert doc["cache"]["changed"] == ["app.py"]
    cache = {layer["line"]: layer["cache"] for layer in doc["layers"] if layer["creates_layer"]}
    assert cache == {2: "hit", 3: "hit", 4: "miss", 5: "miss"}


@needs_git
def test_since_with_an_edited_dockerfile(repository: Path) -> None:
    write(repository, {"Dockerfile": APP.replace("curl", "curl git")})
    doc = json.loads(invoke(str(repository / "Dockerfile"), "--since", "HEAD", "--format", "json").output)
    cache = {layer["line"]: layer["cache"] for layer in doc["layers"] if layer["creates_layer"]}
    assert cache == {2: "hit", 3: "miss", 4: "miss", 5: "miss"}


@needs_git
def test_since_unknown_revision_is_an_error(repository: Path) -> None:
    result = CliRunner().invoke(simulate_command, [str(repository / "Dockerfile"), "--since", "no-such-rev"])
    assert result.exit_code != 0 and "git:" in result.output


@needs_git
def test_history_reports_rebuild_shares_and_reorder_figures(repository: Path) -> None:
    doc = json.loads(invoke(str(repository / "Dockerfile"), "--history", "10", "--format", "json").output)
    history = doc["history"]
    assert history["commits"] == 6  # the root commit has no parent to compare with
    shares = {layer["line"]: (layer["rebuilt"], layer["strip"]) for layer in history["layers"]}
    # newest first: docs only (README is copied by COPY . .), add requests, edit app 4..1
    assert shares[2] == (0, "hhhhhh")
    assert shares[4] == (6, "mmmmmm")
    assert shares[5] == (6, "mmmmmm")
    advice = doc["advice"][0]
    assert (advice["rebuilds"], advice["rebuilds_after"]) == (6, 1)
    assert "turns 5 of 6 rebuilds" in advice["message"]


@needs_git
def test_history_text_output(repository: Path) -> None:
    result = invoke(str(repository / "Dockerfile"), "--history", "3")
    assert "history: 3 commits replayed" in result.output
    assert "rebuilt in 3/3 commits" in result.output


@needs_git
def test_history_with_dockerfile_edits(repository: Path) -> None:
    commit(repository, {"Dockerfile": APP.replace("curl", "curl git")}, "add git")
    doc = json.loads(invoke(str(repository / "Dockerfile"), "--history", "1", "--format", "json").output)
    strips = {layer["line"]: layer["strip"] for layer in doc["history"]["layers"]}
    assert strips == {2: "h", 3: "m", 4: "m", 5: "m"}


def test_git_outside_a_repository_is_an_error(project: Path) -> None:
    result = CliRunner().invoke(simulate_command, [str(project / "Dockerfile"), "--history", "3"])
    assert result.exit_code != 0 and "git" in result.output


def test_changed_values_are_normalised_and_may_be_comma_separated(project: Path) -> None:
    doc = json.loads(invoke(str(project / "Dockerfile"), "--changed", "./.env,src/../app.py", "--changed", "b c",
                            "--format", "json").output)
    assert doc["cache"]["changed"] == [".env", "app.py", "b", "c"]


def test_unknown_base_still_reports_what_the_layers_add(tmp_path: Path) -> None:
    write(tmp_path, {"Dockerfile": "FROM example.com/private/base:1\nCOPY big.bin /\n", "big.bin": "x" * 5000})
    doc = json.loads(invoke(str(tmp_path / "Dockerfile"), "--format", "json").output)
    assert doc["image"]["base_known"] is False and doc["image"]["bytes"] is None
    assert doc["image"]["layers_bytes"] == 5000
    text = invoke(str(tmp_path / "Dockerfile")).output
    assert "image estimate: unknown: example.com/private/base:1: size unknown: not an official image" in text


@needs_git
def test_history_html_has_a_strip_per_layer(repository: Path) -> None:
    out = repository / "report.html"
    invoke(str(repository / "Dockerfile"), "--history", "4", "--format", "html", "-o", str(out))
    html = out.read_text()
    assert html.count('<svg class="strip"') == 4 and "History: 4 commits" in html
