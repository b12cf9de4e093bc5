"""Every output format, with exact expected documents, and -o."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from pydocklint import __version__
from pydocklint.cli import lint
from pydocklint.emit import Run
from pydocklint.emit.json import finding_document
from pydocklint.findings import Edit, Finding, Fix, Severity
from pydocklint.rule import find_rule
from tests.support import SHARED

BAD = 'FROM python:latest\nMAINTAINER me, "you"\n'
RULES = ["--isolated", "--select", "PDL102,PDL201"]
LATEST_MESSAGE = "Base image python:latest uses the floating `latest` tag: pin a version"
MAINTAINER_MESSAGE = 'MAINTAINER is deprecated: use LABEL org.opencontainers.image.authors="..." instead'


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "Dockerfile").write_text(BAD)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "Dockerfile").write_text("FROM alpine:3.20\n")
    return tmp_path


def run(*args: str, stdin: str | None = None):
    return CliRunner().invoke(lint, [*RULES, *args], input=stdin, catch_exceptions=False)


def test_text(project):
    result = run("Dockerfile", "sub/Dockerfile")
    assert (result.exit_code, result.stdout) == (1, (
        f"Dockerfile:1:6: warning: {LATEST_MESSAGE} [PDL102]\n"
        f"Dockerfile:2:1: warning: [*] {MAINTAINER_MESSAGE} [PDL201]\n"))
    assert result.stderr == "Found 2 findings (2 warnings) in 1 of 2 files. [*] 1 fixable with --fix.\n"


def test_show_source_underlines_the_span(project):
    (project / "Dockerfile").write_text('FROM alpine:3.20\n\tMAINTAINER me \\\n   you\n' + "FROM python:latest\n" * 8)
    result = CliRunner().invoke(lint, ["--isolated", "--show-source", "--select", "PDL201", "Dockerfile"])
    assert result.stdout == (
        f"Dockerfile:2:2: warning: {MAINTAINER_MESSAGE} [PDL201]\n"
        "2 | \tMAINTAINER me \\\n"
        "  | \t^^^^^^^^^^^^^^^\n")
    result = CliRunner().invoke(lint, ["--isolated", "--show-source", "--select", "PDL102", "Dockerfile"])
    assert result.stdout.splitlines()[-3:] == [
        f"Dockerfile:11:6: warning: {LATEST_MESSAGE} [PDL102]",
        "11 | FROM python:latest",
        "   |      ^^^^^^^^^^^^^"]


def test_statistics_counts_per_rule(project):
    (project / "Dockerfile").write_text("FROM python:latest\nMAINTAINER a\nFROM python:latest\nFROM python:latest\n")
    result = run("--statistics", "Dockerfile")
    assert (result.exit_code, result.stdout) == (1, (
        "    3  PDL102  warning  base-image-latest-tag\n"
        "    1  PDL201  warning  maintainer-deprecated\n"))


def test_statistics_is_a_text_only_table(project):
    result = run("--statistics", "--format", "json", "Dockerfile")
    assert result.exit_code == 2 and "--statistics prints a table" in result.stderr


def test_json_without_and_with_a_fix(project):
    result = run("--format", "json", "Dockerfile", "sub/Dockerfile")
    assert json.loads(result.stdout) == {
        "tool": {"name": "pydocklint", "version": __version__},
        "findings": [
            {"code": "PDL102", "name": "base-image-latest-tag", "severity": "warning", "message": LATEST_MESSAGE,
             "path": "Dockerfile", "line": 1, "column": 6, "end_line": 1, "end_column": 19},
            {"code": "PDL201", "name": "maintainer-deprecated", "severity": "warning", "message": MAINTAINER_MESSAGE,
             "path": "Dockerfile", "line": 2, "column": 1, "end_line": 2, "end_column": 21,
             # The rule's own fix: MAINTAINER's literal value, quoted for a LABEL.
             "fix": {"description": "Replace MAINTAINER with an authors LABEL", "applicability": "safe",
                     "edits": [{"line": 2, "column": 1, "end_line": 2, "end_column": 21,
                                "replacement": 'LABEL org.opencontainers.image.authors="me, \\"you\\""'}]}},
        ],
    }
    fixed = Finding("PDL201", "maintainer-deprecated", Severity.WARNING, "m", "Dockerfile", 2, 1, 2, 21,
                    Fix("Use a LABEL", (Edit(2, 1, 2, 21, 'LABEL a="b"'),), safe=False))
    assert finding_document(fixed)["fix"] == {
        "description": "Use a LABEL", "applicability": "unsafe",
        "edits": [{"line": 2, "column": 1, "end_line": 2, "end_column": 21, "replacement": 'LABEL a="b"'}]}


def test_github_workflow_commands(project):
    (project / "Dockerfile").write_text("FROM python:latest\nMAINTAINER me\n")
    result = run("--format", "github", "Dockerfile")
    assert result.stdout == (
        f"::warning file=Dockerfile,line=1,col=6,endLine=1,endColumn=19,title=PDL102 base-image-latest-tag::"
        f"{LATEST_MESSAGE}\n"
        "::warning file=Dockerfile,line=2,col=1,endLine=2,endColumn=14,title=PDL201 maintainer-deprecated::"
        f"{MAINTAINER_MESSAGE}\n")


def test_github_escapes_data_and_properties():
    from pydocklint.emit.github import write

    finding = Finding("PDL001", "invalid-syntax", Severity.ERROR, "50% off\nnow", "a,b:c.Dockerfile", 3, 1, 4, 2)
    stream = io.StringIO()
    write(Run([finding]), stream)
    assert stream.getvalue() == ("::error file=a%2Cb%3Ac.Dockerfile,line=3,col=1,endLine=4,endColumn=2,"
                                 "title=PDL001 invalid-syntax::50%25 off%0Anow\n")


def test_gnu_ranges_are_inclusive(project):
    result = run("--format", "gnu", "Dockerfile")
    assert result.stdout == (f"Dockerfile:1.6-18: warning: {LATEST_MESSAGE} [PDL102]\n"
                             f"Dockerfile:2.1-20: warning: {MAINTAINER_MESSAGE} [PDL201]\n")
    from pydocklint.emit.gnu import location

    def at(*span):
        return location(Finding("PDL001", "n", Severity.INFO, "m", "D", *span))

    assert (at(1, 5, 1, 6), at(1, 5, 1, 5), at(2, 3, 4, 7), at(2, 3, 4, 1)) == ("1.5", "1.5", "2.3-4.6", "2.3-3")


def test_checkstyle_lists_every_file(project):
    result = run("--format", "checkstyle", "Dockerfile", "sub/Dockerfile")
    assert result.stdout == (
        '<?xml version="1.0" encoding="UTF-8"?>\n<checkstyle version="4.3">\n'
        '  <file name="Dockerfile">\n'
        f'    <error line="1" column="6" severity="warning" message="{LATEST_MESSAGE}" source="pydocklint.PDL102"/>\n'
        f"    <error line=\"2\" column=\"1\" severity=\"warning\" message='{MAINTAINER_MESSAGE}' "
        'source="pydocklint.PDL201"/>\n'
        "  </file>\n"
        '  <file name="sub/Dockerfile"/>\n'
        "</checkstyle>\n")
    import xml.etree.ElementTree as ElementTree

    assert len(ElementTree.fromstring(result.stdout).findall("file/error")) == 2


def test_codeclimate_for_gitlab(project):
    (project / "Dockerfile").write_text("FROM python:latest\nFROM python:latest\n")
    result = run("--format", "codeclimate", "Dockerfile")
    issues = json.loads(result.stdout)
    fingerprints = [issue.pop("fingerprint") for issue in issues]
    assert issues == [
        {"type": "issue", "check_name": "PDL102", "description": f"{LATEST_MESSAGE} [PDL102]",
         "categories": ["Bug Risk"], "severity": "major",
         "location": {"path": "Dockerfile", "positions": {"begin": {"line": line, "column": 6},
                                                          "end": {"line": line, "column": 19}}}}
        for line in (1, 2)]
    # Identical instructions get distinct fingerprints; moving them keeps the fingerprints.
    assert len(set(fingerprints)) == 2 and all(len(f) == 32 for f in fingerprints)
    (project / "Dockerfile").write_text("# moved\n\nFROM python:latest\nFROM python:latest\n")
    moved = [issue["fingerprint"] for issue in json.loads(run("--format", "codeclimate", "Dockerfile").stdout)]
    assert moved == fingerprints


def test_output_file_is_written_atomically(project):
    (project / "out.json").write_text("old")
    result = run("--format", "json", "-o", "out.json", "Dockerfile")
    assert result.exit_code == 1 and result.stdout == ""
    assert [f["code"] for f in json.loads((project / "out.json").read_text())["findings"]] == ["PDL102", "PDL201"]
    assert sorted(os.listdir(project)) == ["Dockerfile", "out.json", "sub"]  # no temporary file left


def test_output_file_in_a_missing_directory_is_an_error(project):
    result = run("-o", "missing/out.txt", "Dockerfile")
    assert result.exit_code == 2 and "missing/out.txt: error: cannot write output" in result.stderr


# ---------------------------------------------------------------------------- SARIF

SCHEMA = SHARED / "schemas" / "sarif-schema-2.1.0.json"


def assert_valid_sarif(document: dict) -> None:
    if not SCHEMA.exists():
        pytest.skip("../shared/schemas/sarif-schema-2.1.0.json is absent")
    from jsonschema import Draft4Validator

    validator = Draft4Validator(json.loads(SCHEMA.read_text()))
    assert [error.message for error in validator.iter_errors(document)] == []
    run_ = document["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    assert isinstance(run_["results"], list)
    for result in run_["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert "\\" not in uri and not uri.startswith(("/", "./"))


def rule_descriptor(code: str, what_it_does: str, tags: list[str], precision: str = "high") -> dict:
    rule = find_rule(code)
    return {
        "id": code, "name": rule.name,
        "shortDescription": {"text": rule.summary}, "fullDescription": {"text": what_it_does},
        "help": {"text": rule.docs, "markdown": rule.docs},
        "helpUri": f"https://github.com/pydocklint/pydocklint/blob/main/docs/rules.md#{code.lower()}-{rule.name}",
        "defaultConfiguration": {"level": "warning"},
        "properties": {"tags": tags, "precision": precision, "problem.severity": "warning"},
    }


def test_sarif_document(project):
    (project / "sub" / "my file.Dockerfile").write_text("FROM python:latest\n")
    (project / "pyproject.toml").write_text('[tool.pydocklint]\nseverity = {PDL201 = "info"}\n')
    result = CliRunner().invoke(lint, ["--select", "PDL102,PDL201", "--format", "sarif", "Dockerfile",
                                       "sub/my file.Dockerfile"], catch_exceptions=False)
    document = json.loads(result.stdout)
    assert_valid_sarif(document)

    def result_(code, level, message, uri, line, column, end_column):
        return {"ruleId": code, "ruleIndex": ["PDL102", "PDL201"].index(code), "level": level,
                "message": {"text": message},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": uri, "uriBaseId": "%SRCROOT%"},
                    "region": {"startLine": line, "startColumn": column, "endLine": line,
                               "endColumn": end_column}}}]}

    assert document == {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "pydocklint", "version": __version__, "semanticVersion": __version__,
                "informationUri": "https://github.com/pydocklint/pydocklint",
                "rules": [
                    rule_descriptor("PDL102", "Reports a `FROM` image tagged `latest` without a digest. Variables "
                                    "are resolved through the defaults of the ARGs declared before the first "
                                    "`FROM`, as for `base-image-untagged`.", ["dockerfile", "base-image"]),
                    rule_descriptor("PDL201", "Reports every `MAINTAINER` instruction. The fix rewrites it as "
                                    "`LABEL org.opencontainers.image.authors=\"...\"` with the same text: `MAINTAINER` "
                                    "takes its value literally while a `LABEL` value is expanded, so `\"`, `$` and the "
                                    "escape character are escaped. A `MAINTAINER` written over several lines keeps "
                                    "its finding but gets no fix (comments between the lines would be lost).",
                                    ["dockerfile", "style"]),
                ]}},
            "columnKind": "unicodeCodePoints",
            "originalUriBaseIds": {"%SRCROOT%": {"uri": project.as_uri() + "/"}},
            "invocations": [{"executionSuccessful": True}],
            "results": [
                result_("PDL102", "warning", LATEST_MESSAGE, "Dockerfile", 1, 6, 19),
                # The configured severity is the result's explicit level; the rule keeps its default.
                result_("PDL201", "note", MAINTAINER_MESSAGE, "Dockerfile", 2, 1, 21),
                result_("PDL102", "warning", LATEST_MESSAGE, "sub/my%20file.Dockerfile", 1, 6, 19),
            ],
        }],
    }


def test_sarif_of_a_clean_run_has_an_empty_results_array_and_the_category_when_asked(project):
    result = run("--format", "sarif", "--sarif-category", "docker", "sub/Dockerfile")
    document = json.loads(result.stdout)
    assert_valid_sarif(document)
    assert document["runs"][0]["results"] == []
    assert document["runs"][0]["automationDetails"] == {"id": "docker/"}
    assert [r["id"] for r in document["runs"][0]["tool"]["driver"]["rules"]] == ["PDL102", "PDL201"]
    assert "automationDetails" not in json.loads(run("--format", "sarif", "sub/Dockerfile").stdout)["runs"][0]


def test_sarif_leaves_suppressed_findings_out_and_reports_unreadable_files(project):
    (project / "Dockerfile").write_text("# pydocklint: ignore\nFROM python:latest\n")
    (project / "binary.Dockerfile").write_bytes(b"FROM \x00")
    result = run("--format", "sarif", "Dockerfile", "binary.Dockerfile")
    document = json.loads(result.stdout)
    assert_valid_sarif(document)
    assert result.exit_code == 2
    assert document["runs"][0]["results"] == []
    assert document["runs"][0]["invocations"] == [{
        "executionSuccessful": False,
        "toolExecutionNotifications": [{
            "level": "error",
            "message": {"text": "binary file: contains a NUL byte, so it is not a Dockerfile"},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": "binary.Dockerfile",
                                                                     "uriBaseId": "%SRCROOT%"}}}]}]}]


def test_sarif_security_rules_get_a_security_severity():
    from pydocklint.emit.sarif import _descriptor, to_sarif
    from pydocklint.rule import Rule

    rule = Rule("PDL999", "secret-in-env", Severity.ERROR, "A secret", "security", (), "## What it does\nX.",
                lambda d: (), None, ("secrets",))
    properties = to_sarif(_descriptor(rule))["properties"]
    assert properties == {"tags": ["dockerfile", "security", "secrets"], "precision": "high",
                          "problem.severity": "error", "security-severity": "8.0"}


def test_sarif_paths_outside_the_working_directory_are_absolute_file_uris(tmp_path):
    from pydocklint.emit.sarif import artifact, to_sarif

    inside = tmp_path / "repo"
    assert to_sarif(artifact(str(inside / "a b" / "Dockerfile"), str(inside))) == {
        "uri": "a%20b/Dockerfile", "uriBaseId": "%SRCROOT%"}
    assert to_sarif(artifact(str(tmp_path / "other" / "Dockerfile"), str(inside))) == {
        "uri": (tmp_path / "other" / "Dockerfile").as_uri()}


def test_sarif_serialiser_keeps_an_explicit_warning_level():
    import sarif_om as om

    from pydocklint.emit.sarif import to_sarif

    result = om.Result(message=om.Message(text="m"), level="warning", rule_id="PDL102", rule_index=0)
    assert to_sarif(result) == {"ruleId": "PDL102", "ruleIndex": 0, "level": "warning", "message": {"text": "m"}}


@pytest.mark.slow
def test_sarif_of_the_whole_corpus_validates(monkeypatch):
    if not (SHARED / "corpus").is_dir():
        pytest.skip("../shared/corpus is absent")
    from pydocklint.discover import discover
    from pydocklint.emit.sarif import sarif_document
    from pydocklint.engine import lint_dockerfile, select_rules
    from pydocklint.rule import all_rules
    from pydocklint.source import SourceError, read_source

    monkeypatch.chdir(SHARED)  # so that URIs are relative to %SRCROOT%
    run_ = Run([], rules=all_rules())
    rules = select_rules()
    for target in discover(["corpus"]):
        if getattr(target, "kind", None) != "dockerfile":
            continue
        try:
            text = read_source(target.path)
        except SourceError as error:
            run_.errors.append((target.path, error.message))
            continue
        run_.findings.extend(lint_dockerfile(text, target.path, rules).findings)
    document = sarif_document(run_)
    assert len(document["runs"][0]["results"]) > 1000
    assert_valid_sarif(document)


def test_default_run_does_not_import_the_heavy_modules(project):
    import subprocess
    import sys

    code = ("import sys\nfrom pydocklint.cli import main\n"
            "try:\n    main(['--isolated', 'Dockerfile'])\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('sarif_om', 'jsonschema', 'tomllib', 'tomli', 'ruamel', 'attr') "
            "if m in sys.modules))")
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=project).stdout
    assert output.splitlines()[-1] == "[]"
    assert Path(project / "Dockerfile").exists()


def test_the_readme_problem_matchers_read_the_text_format(project):
    import re

    from tests.support import REPO

    readme = (REPO / "README.md").read_text()
    vscode = json.loads('"' + re.search(r'"regexp": "(.*)",', readme).group(1) + '"')
    line = run("Dockerfile").stdout.splitlines()[0]
    match = re.match(vscode, line)
    assert match.groups() == ("Dockerfile", "1", "6", "warning", LATEST_MESSAGE, "PDL102")
