"""Safe fixes (issue #8): MAINTAINER, keyword casing, AS casing, legacy ENV/LABEL, --platform=$TARGETPLATFORM,
relative WORKDIR on scratch, and the Compose version key and port quoting.

Each fix is compared byte for byte, re-parsed (``instructions``) to check that only the
intended change happened, and applied twice to check that it is idempotent.
"""

from __future__ import annotations

import pytest

from pydocklint.compose.lint import lint_compose
from pydocklint.dockerfile.variables import expand
from pydocklint.fixes import compose_still_valid, fix_text
from pydocklint.rule import all_rules
from tests.support import fixed, instructions, lint


def fixes_to(before: str, after: str, code: str) -> None:
    """``before`` fixes to ``after``, and fixing again changes nothing."""
    assert fixed(before, code) == after
    assert fixed(after, code) == after
    assert lint(after, code) == []


def no_fix(text: str, code: str) -> None:
    """The rule reports the text but offers no fix."""
    assert lint(text, code)
    assert fixed(text, code) == text


def changed(before: str, after: str) -> list[tuple[dict, dict]]:
    """The (before, after) parse dumps of the instructions that differ."""
    old, new = instructions(before), instructions(after)
    assert len(old) == len(new)
    keys = ("cmd", "sub_cmd", "flags", "value", "json", "start_line", "end_line", "heredocs", "prev_comment")
    return [(o, n) for o, n in zip(old, new) if any(o[k] != n[k] for k in keys)]


# --------------------------------------------------------------------------- PDL201 maintainer-deprecated


def test_maintainer_becomes_an_authors_label():
    before = "FROM alpine:3.20\nMAINTAINER Jane Doe <jane@example.com>\n"
    after = 'FROM alpine:3.20\nLABEL org.opencontainers.image.authors="Jane Doe <jane@example.com>"\n'
    fixes_to(before, after, "PDL201")
    ((_, label),) = changed(before, after)
    assert label["value"] == ["org.opencontainers.image.authors", '"Jane Doe <jane@example.com>"', "="]


@pytest.mark.parametrize("escape", ["\\", "`"])
def test_maintainer_quotes_dollar_quote_and_escape_so_the_label_reads_the_same(escape):
    directive = "# escape=`\n" if escape == "`" else ""
    value = 'Jo "J" $USER C:\\x `y` ${X:-z}'
    before = f"{directive}FROM alpine:3.20\nMAINTAINER {value}\n"
    after = fixed(before, "PDL201")
    e = escape
    quoted = value.replace(e, e + e).replace('"', e + '"').replace("$", e + "$")
    assert after == f'{directive}FROM alpine:3.20\nLABEL org.opencontainers.image.authors="{quoted}"\n'
    label = instructions(after)[1]["value"][1]
    assert expand(label, {"USER": "root", "X": "x"}, escape=escape).value == value
    assert fixed(after, "PDL201") == after


def test_maintainer_fix_keeps_lower_case_crlf_indentation_and_missing_newline():
    before = "from alpine:3.20\r\n  maintainer  jane   <j@x>  \r\nrun true"
    after = 'from alpine:3.20\r\n  label org.opencontainers.image.authors="jane   <j@x>"  \r\nrun true'
    fixes_to(before, after, "PDL201")


def test_maintainer_over_several_lines_gets_no_fix():
    no_fix("FROM alpine:3.20\nMAINTAINER Jane \\\n  # who\n  <j@x>\n", "PDL201")


# --------------------------------------------------------------------------- PDL202 inconsistent-instruction-casing


def test_keywords_take_the_files_majority_case():
    before = "FROM alpine:3.20\r\nrun true\r\nRun true\r\nCOPY a /a\r\nonbuild RUN x"
    after = "FROM alpine:3.20\r\nRUN true\r\nRUN true\r\nCOPY a /a\r\nONBUILD RUN x"
    fixes_to(before, after, "PDL202")
    assert [(o["cmd"], n["cmd"]) for o, n in changed(before, after)] == [
        ("run", "RUN"), ("Run", "RUN"), ("onbuild", "ONBUILD")]
    assert [o["value"] for o in instructions(before)] == [n["value"] for n in instructions(after)]


def test_lower_case_majority_and_continuation_lines():
    before = "from alpine:3.20\nRUN apk add \\\n    curl\ncopy a /a\n"
    after = "from alpine:3.20\nrun apk add \\\n    curl\ncopy a /a\n"
    fixes_to(before, after, "PDL202")


# --------------------------------------------------------------------------- PDL204 from-as-casing


def test_as_takes_the_case_of_from():
    before = "FROM alpine:3.20 as build\nfrom alpine:3.20 AS other\nFROM build\n"
    after = "FROM alpine:3.20 AS build\nfrom alpine:3.20 as other\nFROM build\n"
    fixes_to(before, after, "PDL204")
    assert [(o["value"], n["value"]) for o, n in changed(before, after)] == [
        (["alpine:3.20", "as", "build"], ["alpine:3.20", "AS", "build"]),
        (["alpine:3.20", "AS", "other"], ["alpine:3.20", "as", "other"])]


def test_as_on_a_continuation_line_and_split_by_one():
    fixes_to("FROM alpine:3.20 \\\n  as build\n", "FROM alpine:3.20 \\\n  AS build\n", "PDL204")
    fixes_to("FROM alpine:3.20 as\\\n build\n", "FROM alpine:3.20 AS\\\n build\n", "PDL204")
    no_fix("FROM alpine:3.20 a\\\ns build\n", "PDL204")


# --------------------------------------------------------------------------- PDL205 legacy-key-value-format


@pytest.mark.parametrize(("before", "after"), [
    ("ENV APP_HOME /app\n", "ENV APP_HOME=/app\n"),
    ("ENV PATH /opt/bin:$PATH\n", "ENV PATH=/opt/bin:$PATH\n"),
    ("ENV A  a  b  \n", 'ENV A="a  b"  \n'),
    ('LABEL title "My App"\n', 'LABEL title="My App"\n'),
    ("LABEL version 1.0\r\n", "LABEL version=1.0\r\n"),
    ("env A x\\ y", "env A=x\\ y"),
    ("ENV A 'it is'\n", "ENV A='it is'\n"),
    ("ENV A =b\n", "ENV A==b\n"),
    ("ENV A a \\\n    b\n", 'ENV A="a \\\n    b"\n'),
    ("ENV A \\\n    b c\n", None),
    ("ENV A a \"b\" c\n", None),
    ("ENV A a\\ b c\n", 'ENV A="a b c"\n'),
    ("ENV JAVA C:\\\\Program Files\\\\Java\n", 'ENV JAVA="C:\\\\Program Files\\\\Java"\n'),
    ("ENV A a \\\"b\\\" \\'c\\' \\$X\n", 'ENV A="a \\"b\\" \'c\' \\$X"\n'),
    ("ENV A a\\x \\\n  b\n", None),
    ("ONBUILD ENV A a b\n", 'ONBUILD ENV A="a b"\n'),
])
def test_legacy_env_and_label_are_rewritten_with_the_same_value(before, after):
    text = "FROM alpine:3.20\n" + before
    if after is None:
        no_fix(text, "PDL205")
        return
    fixes_to(text, "FROM alpine:3.20\n" + after, "PDL205")
    ((old, new),) = changed(text, "FROM alpine:3.20\n" + after)
    old_name, old_value, _ = old["value"]
    new_name, new_value, separator = new["value"]
    assert (new_name, separator) == (old_name, "=")
    env = {"PATH": "/bin"}
    assert expand(new_value, env).value == expand(old_value, env).value


def test_legacy_value_with_the_backtick_escape():
    before = "# escape=`\nFROM alpine:3.20\nENV DIR C:\\app\\bin\nENV B a b\n"
    after = '# escape=`\nFROM alpine:3.20\nENV DIR=C:\\app\\bin\nENV B="a b"\n'
    fixes_to(before, after, "PDL205")
    assert instructions(after)[1]["value"] == ["DIR", "C:\\app\\bin", "="]


def test_value_with_spaces_and_the_backtick_escape_character():
    before = "# escape=`\nFROM alpine:3.20\nENV A a `b c:\\x ``\n"
    fixes_to(before, '# escape=`\nFROM alpine:3.20\nENV A="a b c:\\x ``"\n', "PDL205")
    assert expand(instructions(before)[1]["value"][1], {}, escape="`").value == "a b c:\\x `"


# --------------------------------------------------------------------------- PDL107 redundant-target-platform


def test_target_platform_flag_is_removed_with_its_space():
    before = "FROM --platform=$TARGETPLATFORM alpine:3.20 AS a\r\nFROM  --platform=${TARGETPLATFORM}\tb\r\n"
    after = "FROM alpine:3.20 AS a\r\nFROM  b\r\n"
    fixes_to(before, after, "PDL107")
    assert [(o["flags"], n["flags"]) for o, n in changed(before, after)] == [
        (["--platform=$TARGETPLATFORM"], []), (["--platform=${TARGETPLATFORM}"], [])]


def test_target_platform_before_a_continuation_and_quoted():
    fixes_to('FROM --platform="$TARGETPLATFORM" \\\n  alpine:3.20', "FROM \\\n  alpine:3.20", "PDL107")


def test_no_platform_fix_when_a_global_arg_or_another_platform_flag_may_count():
    no_fix("ARG TARGETPLATFORM=linux/arm64\nFROM --platform=$TARGETPLATFORM alpine:3.20\n", "PDL107")
    no_fix("FROM --platform=linux/arm64 --platform=$TARGETPLATFORM alpine:3.20\n", "PDL107")


# --------------------------------------------------------------------------- PDL500 workdir-relative-path


def test_relative_workdir_gets_no_fix_its_absolute_path_is_unknown():
    no_fix("FROM python:3.12-slim\nWORKDIR app\n", "PDL500")
    no_fix("FROM scratch\nWORKDIR app\n", "PDL500")


# --------------------------------------------------------------------------- Compose: PDC601, PDC605


def compose_fixed(text: str, code: str, files: dict[str, str] | None = None) -> str:
    rules = [r for r in all_rules() if r.code == code]
    files = {"compose.yaml": text, **(files or {})}

    def lint_text(t: str):
        return lint_compose(t, "compose.yaml", rules, load_file={**files, "compose.yaml": t}.get)

    outcome = fix_text(text, lint_text, unsafe=False, still_valid=compose_still_valid)
    return outcome.text


SERVICE = "services:\n  web:\n    image: nginx:1.27\n"


@pytest.mark.parametrize(("before", "after"), [
    ('version: "3.8"\n' + SERVICE, SERVICE),
    ("version: '3'\r\n\r\nservices: {}\r\n", "\r\nservices: {}\r\n"),
    ("# top\nversion: 3  # old\nservices: {}", "# top\nservices: {}"),
    ("services: {}\nversion: '3'\n", "services: {}\n"),
    ("services: {}\nversion: '3'", None),
    ("version:\n  '3'\nservices: {}\n", None),
])
def test_obsolete_version_line_is_deleted(before, after):
    assert compose_fixed(before, "PDC601") == (before if after is None else after)
    if after is not None:
        assert compose_fixed(after, "PDC601") == after


def test_version_in_an_extended_file_is_not_fixed_from_this_one():
    text = "services:\n  web:\n    extends: {file: base.yml, service: web}\n"
    base = "version: '3'\nservices:\n  web:\n    image: nginx:1.27\n"
    rules = [r for r in all_rules() if r.code == "PDC601"]
    findings = lint_compose(text, "compose.yaml", rules, load_file={"base.yml": base}.get).findings
    assert [(f.path, f.line, f.fix) for f in findings] == [("base.yml", 1, None)]
    assert compose_fixed(text, "PDC601", {"base.yml": base}) == text


def test_port_mappings_are_quoted():
    before = "services:\n  git:\n    image: git:2\n    ports:\n      - 2222:22  # ssh\n      - 8080:80\n" \
             "      - '22:22'\n    expose: [1:59]\n"
    after = before.replace("- 2222:22", '- "2222:22"')
    assert compose_fixed(before, "PDC605") == after
    assert compose_fixed("services:\n  a:\n    image: x:1\n    ports: [1:59, 80]\r\n", "PDC605") == \
        'services:\n  a:\n    image: x:1\n    ports: ["1:59", 80]\r\n'


def test_interpolated_or_extended_ports_are_not_quoted():
    # `${P}:22` is a string to any YAML reader, whatever it expands to: nothing to report or quote.
    text = "services:\n  a:\n    image: x:1\n    ports:\n      - ${P}:22\n"
    rules = [r for r in all_rules() if r.code == "PDC605"]
    findings = lint_compose(text, "compose.yaml", rules, load_file={".env": "P=2222\n"}.get).findings
    assert findings == []
    extended = "services:\n  a:\n    extends: {file: base.yml, service: a}\n"
    base = "services:\n  a:\n    image: x:1\n    ports:\n      - 2222:22\n"
    assert compose_fixed(extended, "PDC605", {"base.yml": base}) == extended
