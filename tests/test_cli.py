"""The command line: output formats, exit codes, discovery, stdin and the subcommands."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from pydocklint import __version__
from pydocklint.cli import lint, parse_command, rule_command, rules_command

BAD = "FROM python:latest\nMAINTAINER me\n"
CLEAN = "FROM python:3.12-slim\nCMD [\"python\"]\n"


def run(command, args, stdin=None, env=None):
    return CliRunner().invoke(command, args, input=stdin, env=env, catch_exceptions=False)


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "Dockerfile").write_text(BAD)
    (tmp_path / "clean").mkdir()
    (tmp_path / "clean" / "Dockerfile").write_text(CLEAN)
    return tmp_path


def test_text_output_and_summary(project):
    result = run(lint, ["Dockerfile"])
    assert result.exit_code == 1
    assert result.stdout == (
        "Dockerfile:1:6: warning: Base image python:latest uses the floating `latest` tag: pin a version [PDL102]\n"
        'Dockerfile:2:1: warning: [*] MAINTAINER is deprecated: use LABEL org.opencontainers.image.authors="..." '
        "instead [PDL201]\n"
    )
    assert result.stderr == "Found 2 findings (2 warnings) in 1 of 1 file. [*] 1 fixable with --fix.\n"


def test_json_document(project):
    result = run(lint, ["--format", "json", "Dockerfile", "clean/Dockerfile"])
    assert result.exit_code == 1
    assert json.loads(result.stdout) == {
        "tool": {"name": "pydocklint", "version": __version__},
        "findings": [
            {"code": "PDL102", "name": "base-image-latest-tag", "severity": "warning",
             "message": "Base image python:latest uses the floating `latest` tag: pin a version",
             "path": "Dockerfile", "line": 1, "column": 6, "end_line": 1, "end_column": 19},
            {"code": "PDL201", "name": "maintainer-deprecated", "severity": "warning",
             "message": 'MAINTAINER is deprecated: use LABEL org.opencontainers.image.authors="..." instead',
             "path": "Dockerfile", "line": 2, "column": 1, "end_line": 2, "end_column": 14,
             "fix": {"description": "Replace MAINTAINER with an authors LABEL", "applicability": "safe",
                     "edits": [{"line": 2, "column": 1, "end_line": 2, "end_column": 14,
                                "replacement": 'LABEL org.opencontainers.image.authors="me"'}]}},
        ],
    }


def test_clean_file_exits_zero(project):
    result = run(lint, ["clean/Dockerfile"])
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "No findings in 1 file.\n")


def test_fail_level_and_exit_zero(project):
    assert run(lint, ["--fail-level", "error", "Dockerfile"]).exit_code == 0
    assert run(lint, ["--fail-level", "style", "Dockerfile"]).exit_code == 1
    assert run(lint, ["--exit-zero", "Dockerfile"]).exit_code == 0


def test_select_and_ignore_accept_codes_names_prefixes_and_covered_ids(project):
    def codes(*args):
        return [f["code"] for f in json.loads(run(lint, ["--format", "json", *args, "Dockerfile"]).stdout)["findings"]]

    assert codes("--select", "PDL102") == ["PDL102"]
    assert codes("--select", "maintainer-deprecated") == ["PDL201"]
    assert codes("--select", "PDL2") == ["PDL201"]
    assert codes("--ignore", "DL3007,DL4000") == []
    assert codes("--ignore", "MaintainerDeprecated") == ["PDL102"]


def test_unknown_rule_reference_is_a_usage_error(project):
    result = run(lint, ["--ignore", "PDL999", "Dockerfile"])
    assert result.exit_code == 2
    assert "unknown rule 'PDL999'" in result.stderr


def test_directory_walk_finds_dockerfiles_and_compose_files_by_name(tmp_path):
    for name in ("Dockerfile", "Containerfile", "Dockerfile.dev", "api.Dockerfile", "web.dockerfile",
                 "Dockerfile.dockerignore", "Dockerfile.j2", "README.md"):
        (tmp_path / name).write_text("FROM python\n")
    for name in ("compose.yaml", "docker-compose-mysql.yml", "composer.yml"):
        (tmp_path / name).write_text("services:\n  web:\n    image: nginx\n")
    for skipped in (".git", "node_modules"):
        (tmp_path / skipped).mkdir()
        (tmp_path / skipped / "Dockerfile").write_text("FROM python\n")
    result = run(lint, ["--format", "json", "--select", "PDL101,PDC301", str(tmp_path)])
    paths = [os.path.relpath(f["path"], tmp_path) for f in json.loads(result.stdout)["findings"]]
    assert paths == ["Containerfile", "Dockerfile", "Dockerfile.dev", "api.Dockerfile", "compose.yaml",
                     "docker-compose-mysql.yml", "web.dockerfile"]


def test_a_compose_service_build_lints_its_dockerfile_once_with_the_services_context(tmp_path):
    (tmp_path / "compose.yaml").write_text("services:\n  a:\n    build: app\n  b:\n    build: app\n")
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "Dockerfile").write_text("FROM python:3.12-slim\nCOPY . /app\n")
    result = run(lint, ["--format", "json", "--select", "PDL450", str(tmp_path / "compose.yaml"),
                        str(tmp_path / "app" / "Dockerfile")])
    assert [(os.path.relpath(f["path"], tmp_path), f["line"]) for f in json.loads(result.stdout)["findings"]] == [
        ("app/Dockerfile", 2)]
    (tmp_path / "app" / ".dockerignore").write_text(".git\n")
    result = run(lint, ["--format", "json", "--select", "PDL450", str(tmp_path)])
    assert json.loads(result.stdout)["findings"] == []


def test_stdin_with_a_filename(project):
    result = run(lint, ["--stdin-filename", "svc/Dockerfile", "-"], stdin=BAD)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0].startswith("svc/Dockerfile:1:6: warning:")


def test_missing_and_unreadable_files_are_reported_and_the_rest_still_linted(project):
    result = run(lint, ["missing/Dockerfile", "Dockerfile"])
    assert result.exit_code == 2
    assert "pydocklint: missing/Dockerfile: no such file or directory\n" in result.stderr
    assert "[PDL102]" in result.stdout


def test_binary_file_is_a_located_error(project):
    (project / "blob").write_bytes(b"FROM x\n\x00\x01\x02")
    result = run(lint, ["blob", "Dockerfile"])
    assert result.exit_code == 2
    assert "pydocklint: blob:2: error: binary file: contains a NUL byte, so it is not a Dockerfile\n" in result.stderr
    assert "[PDL102]" in result.stdout


def test_a_parse_error_is_a_finding_not_a_crash(project):
    (project / "Dockerfile").write_text('FROM alpine\nCMD ["a", 1]\n')
    result = run(lint, ["Dockerfile"])
    assert result.exit_code == 1
    assert result.stdout.startswith("Dockerfile:2:1: error: when using JSON array syntax, arrays must be comprised "
                                    "of strings only [PDL001]")


def test_colour_only_when_asked_and_never_with_no_color(project):
    coloured = run(lint, ["--color", "always", "Dockerfile"])
    assert "\x1b[33mwarning\x1b[0m" in coloured.stdout
    assert "\x1b[" not in run(lint, ["--color", "always", "Dockerfile"], env={"NO_COLOR": "1"}).stdout
    assert "\x1b[" not in run(lint, ["Dockerfile"]).stdout  # not a terminal


def test_parse_subcommand_prints_the_oracle_schema(project):
    result = run(parse_command, ["clean/Dockerfile"])
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert document["error"] is None
    assert [(i["cmd"], i["start_line"], i["value"], i["json"]) for i in document["instructions"]] == [
        ("FROM", 1, ["python:3.12-slim"], False),
        ("CMD", 2, ["python"], True),
    ]


def test_rules_and_rule_subcommands(project):
    listing = json.loads(run(rules_command, ["--format", "json"]).stdout)
    latest = next(r for r in listing if r["code"] == "PDL102")
    assert latest == {"code": "PDL102", "name": "base-image-latest-tag", "severity": "warning",
                      "family": "base-image", "summary": "Base image uses the `latest` tag", "covers": ["DL3007"],
                      "enabled_by_default": True, "fix": None}
    explained = run(rule_command, ["DL3007"])
    assert explained.stdout.startswith("# PDL102 base-image-latest-tag\n\nSeverity: warning. Family: base-image.")
    assert "## Why is this bad?" in explained.stdout
    assert run(rule_command, ["nope"]).exit_code == 2


def _pydocklint(*args, **kwargs):
    return subprocess.run([sys.executable, "-m", "pydocklint", *args], capture_output=True, text=True, **kwargs)


def test_version_and_subcommand_dispatch_through_the_real_entry_point(project):
    assert _pydocklint("--version").stdout == f"pydocklint {__version__}\n"
    assert _pydocklint("rule", "PDL101").stdout.startswith("# PDL101 base-image-untagged")


def test_closed_stdout_is_not_a_traceback(tmp_path):
    dockerfile = tmp_path / "Dockerfile"
    dockerfile.write_text("FROM python\n" * 2000)
    process = subprocess.Popen([sys.executable, "-m", "pydocklint", str(dockerfile)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.readline()
    process.stdout.close()
    stderr = process.stderr.read().decode()
    process.wait()
    assert "Traceback" not in stderr


def test_off_by_default_rules_run_only_when_selected(project):
    (project / "Dockerfile").write_text("# builds things\nFROM alpine:3.20 AS build\n")

    def codes(*args):
        return [f["code"] for f in json.loads(run(lint, ["--format", "json", *args, "Dockerfile"]).stdout)["findings"]
                if f["code"] == "PDL206"]

    assert codes() == []
    assert codes("--extend-select", "PDL206") == ["PDL206"]
    assert codes("--select", "InvalidDefinitionDescription") == ["PDL206"]
