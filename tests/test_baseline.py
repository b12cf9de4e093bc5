"""Baselines: record today's findings, fail only on new ones."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from pydocklint.baseline import fingerprint
from pydocklint.cli import lint

BAD = "FROM python:latest\nMAINTAINER me\n"


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "Dockerfile").write_text(BAD)
    return tmp_path


def run(*args: str):
    return CliRunner().invoke(lint, ["--isolated", "--select", "PDL102,PDL201", *args], catch_exceptions=False)


def test_write_baseline_records_path_code_and_fingerprint(project):
    result = run("--write-baseline", "baseline.json", "Dockerfile")
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == "Wrote 2 findings to the baseline baseline.json.\n"
    assert json.loads((project / "baseline.json").read_text()) == {
        "version": 1, "tool": "pydocklint", "findings": [
            {"path": "Dockerfile", "code": "PDL102", "fingerprint": fingerprint("FROM python:latest"), "count": 1},
            {"path": "Dockerfile", "code": "PDL201", "fingerprint": fingerprint("MAINTAINER me"), "count": 1},
        ]}


def test_baselined_findings_are_left_out_even_when_lines_move(project):
    run("--write-baseline", "baseline.json", "Dockerfile")
    (project / "Dockerfile").write_text("# a new comment\n\nFROM   python:latest\nMAINTAINER me\nFROM python:latest\n")
    result = run("--baseline", "baseline.json", "Dockerfile")
    # The re-spaced FROM is still known; the second one is new (the baseline counted one).
    assert (result.exit_code, result.stdout) == (
        1, "Dockerfile:5:6: warning: Base image python:latest uses the floating `latest` tag: pin a version [PDL102]\n")
    assert result.stderr == "Found 1 finding (1 warning) in 1 of 1 file (2 suppressed).\n"


def test_a_clean_run_against_the_baseline_exits_zero(project):
    run("--write-baseline", "baseline.json", "Dockerfile")
    result = run("--baseline", "baseline.json", "--format", "sarif", "Dockerfile")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["runs"][0]["results"] == []


def test_a_changed_instruction_is_new(project):
    run("--write-baseline", "baseline.json", "Dockerfile")
    (project / "Dockerfile").write_text("FROM python:latest\nMAINTAINER someone else\n")
    result = run("--baseline", "baseline.json", "Dockerfile")
    assert [line.rsplit(" ", 1)[-1] for line in result.stdout.splitlines()] == ["[PDL201]"]


def test_unreadable_or_invalid_baseline_is_an_error(project):
    result = run("--baseline", "missing.json", "Dockerfile")
    assert result.exit_code == 2
    assert result.stderr.startswith("pydocklint: error: missing.json: cannot read baseline:")
    (project / "bad.json").write_text('{"version": 1, "findings": [{"path": "x"}]}')
    result = run("--baseline", "bad.json", "Dockerfile")
    assert result.exit_code == 2
    assert result.stderr == "pydocklint: error: bad.json: not a pydocklint baseline file (KeyError: 'code')\n"


def test_fingerprint_ignores_whitespace_only():
    assert fingerprint("RUN a  \\\n    b") == fingerprint("RUN a \\ b")
    assert fingerprint("RUN a") != fingerprint("RUN b")
    assert len(fingerprint("RUN a")) == 16
