"""Applying fixes: edits byte for byte, overlaps, the re-lint loop, and the CLI's --fix, --diff and [*]."""

from __future__ import annotations

import os
import stat

import pytest
from click.testing import CliRunner

from pydocklint.cli import lint
from pydocklint.findings import Edit, Fix
from pydocklint.fixes import apply, dockerfile_still_valid, fix_text, unified_diff, write_fixed
from tests.support import fixed, instructions


def edit_fix(*edits: Edit, safe: bool = True) -> Fix:
    return Fix("test", tuple(edits), safe)


def run(args, env=None):
    return CliRunner().invoke(lint, args, env=env, catch_exceptions=False)


# --------------------------------------------------------------------------- apply


def test_edits_keep_crlf_bom_and_missing_final_newline():
    text = "\ufeffFROM a\r\nADD x /x\r\nADD y /y"
    changed, applied = apply(text, [edit_fix(Edit(2, 1, 2, 4, "COPY")), edit_fix(Edit(3, 1, 3, 4, "COPY"))])
    assert changed == "\ufeffFROM a\r\nCOPY x /x\r\nCOPY y /y"
    assert len(applied) == 2


def test_an_edit_to_the_end_of_a_crlf_line_keeps_its_line_ending():
    text = "RUN a\r\nRUN b\r\n"
    changed, _ = apply(text, [edit_fix(Edit.inserting(1, 6, " && c"))])
    assert changed == "RUN a && c\r\nRUN b\r\n"


def test_overlapping_fixes_are_applied_one_per_pass():
    text = "RUN a b c\n"
    first = edit_fix(Edit(1, 5, 1, 8, "X"))
    second = edit_fix(Edit(1, 7, 1, 10, "Y"))
    changed, applied = apply(text, [second, first])
    assert (changed, applied) == ("RUN X c\n", [first])


def test_two_insertions_at_one_point_do_not_both_apply():
    text = "RUN a\n"
    first, second = edit_fix(Edit.inserting(1, 6, " 1")), edit_fix(Edit.inserting(1, 6, " 2"))
    assert apply(text, [first, second]) == ("RUN a 1\n", [first])


def test_a_fix_pointing_outside_the_text_is_skipped():
    text = "RUN a\n"
    assert apply(text, [edit_fix(Edit(3, 1, 3, 2, "x")), edit_fix(Edit(1, 9, 1, 10, "x"))]) == (text, [])


def test_a_fix_with_several_edits_applies_all_or_nothing():
    text = "RUN a\nRUN b\n"
    both = edit_fix(Edit(1, 5, 1, 6, "A"), Edit(2, 5, 2, 6, "B"))
    blocked = edit_fix(Edit(1, 1, 1, 4, "CMD"), Edit(2, 5, 2, 6, "C"))
    # Fixes go in the order of their first edit: ``blocked`` comes first, so none of ``both`` applies.
    assert apply(text, [both, blocked]) == ("CMD a\nRUN C\n", [blocked])


# --------------------------------------------------------------------------- the loop


class Report:
    def __init__(self, findings):
        self.findings = findings


class FakeFinding:
    def __init__(self, fix):
        self.fix = fix


def test_the_loop_re_lints_until_nothing_is_left_and_counts_the_fixes():
    # Each pass finds the first lower-case "add" and fixes it: two overlapping-free passes are needed.
    def lint(text):
        index = text.find("add")
        if index < 0:
            return Report([])
        line = text.count("\n", 0, index) + 1
        column = index - (text.rfind("\n", 0, index) + 1) + 1
        return Report([FakeFinding(edit_fix(Edit(line, column, line, column + 3, "ADD")))])

    outcome = fix_text("add\nadd\n", lint, unsafe=False, still_valid=lambda before, after: True)
    assert (outcome.text, outcome.fixed, outcome.findings) == ("ADD\nADD\n", 2, [])


def test_a_fix_that_would_break_the_file_is_not_applied():
    # Turning the FROM into something else would change the number of stages.
    def lint(text):
        return Report([FakeFinding(edit_fix(Edit(1, 1, 1, 5, "RUN")))] if text.startswith("FROM") else [])

    outcome = fix_text("FROM a\n", lint, unsafe=False, still_valid=dockerfile_still_valid)
    assert (outcome.text, outcome.fixed) == ("FROM a\n", 0)


def test_unsafe_fixes_only_when_asked():
    def lint(text):
        return Report([FakeFinding(edit_fix(Edit(1, 1, 1, 2, "b"), safe=False))] if text == "a" else [])

    valid = lambda before, after: True  # noqa: E731
    assert fix_text("a", lint, unsafe=False, still_valid=valid).text == "a"
    assert fix_text("a", lint, unsafe=True, still_valid=valid).text == "b"


def test_a_real_rule_fix_changes_only_the_intended_instruction():
    before = "FROM alpine:3.20\nADD app.py /app/\nRUN true\n"
    after = fixed(before, "PDL501")
    assert after == "FROM alpine:3.20\nCOPY app.py /app/\nRUN true\n"
    old, new = instructions(before), instructions(after)
    assert [i for i in old if i["cmd"] != "ADD"] == [i for i in new if i["cmd"] != "COPY"]
    assert fixed(after, "PDL501") == after


# --------------------------------------------------------------------------- diff and writing


def test_unified_diff_marks_a_missing_final_newline():
    assert unified_diff("Dockerfile", "FROM a\nADD x /", "FROM a\nCOPY x /") == (
        "--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1,2 +1,2 @@\n FROM a\n-ADD x /\n\\ No newline at end of file\n"
        "+COPY x /\n\\ No newline at end of file\n")


def test_write_fixed_keeps_mode_and_latin1_bytes(tmp_path):
    path = tmp_path / "Dockerfile"
    path.write_bytes(b"FROM a\nLABEL x=\xe9\nADD y /y\n")
    path.chmod(0o751)
    write_fixed(str(path), "FROM a\nLABEL x=\xe9\nADD y /y\n", "FROM a\nLABEL x=\xe9\nCOPY y /y\n")
    assert path.read_bytes() == b"FROM a\nLABEL x=\xe9\nCOPY y /y\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o751
    assert [p.name for p in tmp_path.iterdir()] == ["Dockerfile"]  # no temporary file left behind


def test_write_fixed_refuses_a_file_that_changed_meanwhile(tmp_path):
    path = tmp_path / "Dockerfile"
    path.write_text("FROM b\n")
    with pytest.raises(OSError, match="changed while it was linted"):
        write_fixed(str(path), "FROM a\n", "FROM c\n")
    assert path.read_text() == "FROM b\n"


def test_write_fixed_never_overwrites_when_creating(tmp_path):
    path = tmp_path / ".dockerignore"
    path.write_text("keep\n")
    with pytest.raises(FileExistsError):
        write_fixed(str(path), None, ".git\n")
    assert path.read_text() == "keep\n"


# --------------------------------------------------------------------------- the command line

FIXABLE = "FROM alpine:3.20\r\nADD a.txt /a.txt\r\nADD b.txt /b.txt"


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "Dockerfile").write_bytes(FIXABLE.encode())
    for name in ("a.txt", "b.txt", ".dockerignore"):
        (tmp_path / name).write_text("")
    return tmp_path


def test_text_output_marks_fixable_findings_and_the_summary_counts_them(project):
    result = run(["--select", "PDL501,PDL102", "Dockerfile"])
    assert result.stdout == (
        "Dockerfile:2:1: warning: [*] ADD of local a.txt: use COPY, which copies without extracting archives "
        "or fetching URLs [PDL501]\n"
        "Dockerfile:3:1: warning: [*] ADD of local b.txt: use COPY, which copies without extracting archives "
        "or fetching URLs [PDL501]\n")
    assert result.stderr == "Found 2 findings (2 warnings) in 1 of 1 file. [*] 2 fixable with --fix.\n"


def test_diff_prints_the_change_and_writes_nothing(project):
    result = run(["--select", "PDL501", "--diff", "Dockerfile"])
    assert result.exit_code == 1
    assert result.stdout_bytes == (  # bytes: click's .stdout would turn CRLF into LF
        b"--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1,3 +1,3 @@\n FROM alpine:3.20\r\n-ADD a.txt /a.txt\r\n"
        b"-ADD b.txt /b.txt\n\\ No newline at end of file\n+COPY a.txt /a.txt\r\n+COPY b.txt /b.txt\n"
        b"\\ No newline at end of file\n")
    assert result.stderr == "Would fix 2 findings in 1 file.\n"
    assert (project / "Dockerfile").read_bytes() == FIXABLE.encode()


def test_fix_writes_the_file_and_reports_what_remains(project):
    (project / "Dockerfile").chmod(0o640)
    result = run(["--select", "PDL501,PDL101", "--fix", "Dockerfile"])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == "Fixed 2 findings. No findings in 1 file.\n"
    assert (project / "Dockerfile").read_bytes() == FIXABLE.replace("ADD", "COPY").encode()
    assert stat.S_IMODE((project / "Dockerfile").stat().st_mode) == 0o640
    again = run(["--select", "PDL501", "--fix", "Dockerfile"])
    assert (again.exit_code, again.stderr) == (0, "No findings in 1 file.\n")
    assert (project / "Dockerfile").read_bytes() == FIXABLE.replace("ADD", "COPY").encode()


def test_a_file_that_fails_to_parse_is_never_fixed(project):
    broken = "FROM alpine:3.20\nADD a.txt /a.txt\nRUN <<EOF\n"  # an unterminated heredoc
    (project / "Dockerfile").write_text(broken)
    run(["--select", "PDL501", "--fix", "Dockerfile"])
    assert (project / "Dockerfile").read_text() == broken


def test_unsafe_fixes_need_fix_or_diff(project):
    result = CliRunner().invoke(lint, ["--unsafe-fixes", "Dockerfile"])
    assert result.exit_code == 2
    assert "--unsafe-fixes goes with --fix or --diff" in result.output


# --------------------------------------------------------------------------- --jobs

TREE = {
    "a/Dockerfile": "FROM python:latest\nMAINTAINER me\nRUN apt-get update\n",
    "b/Dockerfile": "FROM ubuntu\nADD x /x\n",
    "c/Dockerfile": "FROM node:22\nCMD node app.js\n",
    "d/Dockerfile": "FROM alpine:3.20\nRUN apk add curl\n",
    "e/Dockerfile": "FROM scratch\nCOPY . /\n",
    "f/Dockerfile": "FROM debian\nUSER root\n",
    "g/Dockerfile": "FROM a AS b\nFROM b\nWORKDIR app\n",
    "h/Dockerfile": "FROM golang:1.23\nRUN go build ./...\n",
    "svc/compose.yaml": "services:\n  web:\n    build: ../h\n    ports:\n      - 80:80\n",
    "broken/Dockerfile": "FROM a\x00\n",
}


@pytest.mark.parametrize("output_format", ["text", "json", "sarif"])
def test_jobs_give_the_same_output_as_one_process(tmp_path, monkeypatch, output_format):
    monkeypatch.chdir(tmp_path)
    for name, text in TREE.items():
        os.makedirs(os.path.dirname(name), exist_ok=True)
        with open(name, "w") as handle:
            handle.write(text)
    one = run(["--format", output_format, "-j", "1", "."])
    two = run(["--format", output_format, "-j", "2", "."])
    assert (two.exit_code, two.stdout, two.stderr) == (one.exit_code, one.stdout, one.stderr)
    assert one.exit_code == 2  # the binary file
    if output_format == "text":
        paths = [line.split(":")[0] for line in one.stdout.splitlines()]
        # Compose files first, then Dockerfiles, each in path order.
        assert paths == sorted(paths, key=lambda p: (not p.endswith(".yaml"), p))


# --------------------------------------------------------------------------- progress


def test_progress_shows_only_after_a_second_and_clears_itself(monkeypatch):
    import io

    from pydocklint import cli

    stderr = io.StringIO()
    monkeypatch.setattr(cli.sys, "stderr", stderr)
    progress = cli._Progress(4)
    now = [0.0]
    progress.clock, progress.started = (lambda: now[0]), 0.0
    progress.advance()  # 0 s: too early to show
    assert stderr.getvalue() == ""
    now[0] = 1.5
    progress.advance()
    assert stderr.getvalue() == "\r[###############               ] 2/4 files"
    progress.clear()
    assert stderr.getvalue().endswith("\r\x1b[K")


def test_no_progress_in_pipes_ci_or_machine_formats(monkeypatch):
    from pydocklint import cli

    class Terminal:
        def isatty(self):
            return True

    monkeypatch.setattr(cli.sys, "stderr", Terminal())
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    assert cli._wants_progress("text", False)
    assert not cli._wants_progress("json", False)
    assert not cli._wants_progress("text", True)
    monkeypatch.setenv("CI", "true")
    assert not cli._wants_progress("text", False)


def test_a_created_file_is_written_once_at_the_end_and_its_findings_count_as_fixed(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name in ("Dockerfile", "Dockerfile.dev"):
        (tmp_path / name).write_text("FROM alpine:3.22\nCOPY . /app\nUSER 10001\n")
    (tmp_path / "app.py").write_text("")
    diff = run(["--select", "PDL450", "--diff", "--unsafe-fixes", "."])
    assert diff.stdout.count("+++ b/./.dockerignore") == 1  # proposed by both Dockerfiles, shown once
    assert diff.stderr == "Would fix 2 findings in 2 files.\n"
    assert not (tmp_path / ".dockerignore").exists()
    fixing = run(["--select", "PDL450", "--fix", "--unsafe-fixes", "."])
    assert (fixing.exit_code, fixing.stdout, fixing.stderr) == (0, "", "Fixed 2 findings. No findings in 2 files.\n")
    assert (tmp_path / ".dockerignore").read_text().startswith("# Starter .dockerignore written by pydocklint")
