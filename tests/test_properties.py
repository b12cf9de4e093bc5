"""Property tests: no exception escapes, every position lands inside the file, and output is deterministic.

Each target is a ``check_*`` function over one generated example; the short run
here and the long fuzz run (``benchmarks/fuzz.py``) both use these strategies and
checks, so they are defined once. The Dockerfile parser, the variable expander
and the ``.dockerignore`` matcher have their own property tests beside their unit
tests; their strategies are reused here for the fuzz run.
"""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from pydocklint.compose.lint import lint_compose
from pydocklint.compose.yamlload import yaml_lines
from pydocklint.dockerfile.dump import dumps, to_oracle
from pydocklint.dockerfile.instructions import build
from pydocklint.dockerfile.parser import _DockerfileParser, parse
from pydocklint.dockerfile.shell import analyse
from pydocklint.dockerfile.variables import ExpansionError, expand, expand_words, references
from pydocklint.dockerfile.windows_shell import windows_run_scripts
from pydocklint.dockerignore import IgnoreFile
from pydocklint.engine import lint_dockerfile, select_rules
from pydocklint.rule import all_rules
from tests.dockerfile.test_parser import DOCKERFILES as dockerfiles
from tests.dockerfile.test_parser import FRAGMENTS as PARSER_FRAGMENTS
from tests.dockerfile.test_variables import _env as variable_envs
from tests.dockerfile.test_variables import _text as variable_words
from tests.test_dockerignore import _paths as context_paths
from tests.test_dockerignore import _pattern_text as ignore_texts

SHORT_RUN = settings(max_examples=150, deadline=None)


def inside(lines: list[str] | tuple[str, ...], line: int, column: int) -> bool:
    """Whether (line, column) is a character of the file or just past the end of its line."""
    return 1 <= line <= max(len(lines), 1) and 1 <= column <= len(lines[line - 1] if lines else "") + 1


def assert_span_inside(lines, span: tuple[int, int, int, int]) -> None:
    line, column, end_line, end_column = span
    assert inside(lines, line, column), (span, len(lines))
    assert (line, column) <= (end_line, end_column), span
    # An end column is exclusive: it may sit one past the last character of its line.
    assert 1 <= end_line <= max(len(lines), 1) and 1 <= end_column <= len(lines[end_line - 1] if lines else "") + 2


# --- Dockerfile parser --------------------------------------------------------------------------------------------

# Realistic lines beside the parser tests' odd ones, so that the rules get past the parse to real work.
LINT_FRAGMENTS = st.sampled_from([
    "FROM alpine:3.20 AS base", "FROM base", "ARG V=1", "FROM ${V}", "USER ${U:-root}", "WORKDIR $W",
    "SHELL [\"/bin/bash\", \"-c\"]", "SHELL [\"pwsh\"]", "EXPOSE 80/tcp 9000-9010", "VOLUME /data",
    "STOPSIGNAL SIGTERM", "COPY --link . /app", "COPY --from=base /a /b", "ADD https://example.com/a.tgz /tmp/",
    "RUN --mount=type=cache,target=/root/.cache pip install -r requirements.txt", "MAINTAINER me",
    "RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*", "USER 1000:1000",
    "RUN sh -c 'cd /x && make \"$T\"' || exit 1", "CMD python app.py", "ENTRYPOINT [\"/init\"]",
    "RUN pip install flask==3.0.0 && npm install -g x && yum install -y y", "LABEL org.opencontainers.image.version=1",
])
linted_dockerfiles = st.lists(PARSER_FRAGMENTS | LINT_FRAGMENTS | st.text(max_size=12), max_size=14).map("\n".join)


def check_parser(text: str) -> None:
    """The parser never raises, positions map into the text, and the `pydocklint parse` dump is deterministic."""
    parsed = _DockerfileParser(text).parse()  # not parse(): its safety net would hide a bug
    lines = parsed.lines
    for top in parsed.nodes:
        node = top
        while node is not None:
            assert 1 <= node.start_line <= node.end_line <= max(len(lines), 1)
            if node.original and "\ufffd" not in node.original:
                for offset in (0, len(node.original) - 1):
                    line, column = node.position(offset)
                    assert lines[line - 1][column - 1] == node.original[offset]
            node = node.trigger
    dump = json.dumps(to_oracle(parsed), ensure_ascii=False)
    assert json.dumps(to_oracle(_DockerfileParser(text).parse()), ensure_ascii=False) == dump
    assert dumps(parse(text)) == dumps(parse(text))


# --- variable expander --------------------------------------------------------------------------------------------

escapes = st.sampled_from(["\\", "`"])


def check_variables(word: str, env: dict[str, str], escape: str) -> None:
    """References lie inside the word and start at a `$`; expansion fails only with an ExpansionError inside it."""
    found = references(word, escape=escape)
    for reference in found:
        assert 0 <= reference.start < reference.end <= len(word)
        assert word[reference.start] == "$"
    try:
        first = expand(word, env, escape=escape)
    except ExpansionError as error:
        assert 0 <= error.offset <= len(word)
    else:
        assert first == expand(word, env, escape=escape)
        assert first.referenced == {r.name for r in found}
    try:
        expand_words(word, env, escape=escape)
    except ExpansionError:
        pass


# --- shell splitter -----------------------------------------------------------------------------------------------

SHELL_FRAGMENTS = [
    "echo hi", "&&", "||", ";", "|", "&", "\n", " ", "\\\n", "'", "\"", "`", "$(", ")", "(", "{", "}", "${X}",
    "$((1+2))", "if true; then", "fi", "for x in a b; do", "done", "while :; do", "case $x in", "a)", ";;", "esac",
    "sh -c 'apt-get install -y x'", "bash -c \"cd /a && make\"", "sudo -u root env -i A=1 exec nice ls",
    "apt-get install -y curl=7.*", "> /dev/null 2>&1", "<<EOF", "<<-'E'", "<(cat a)", ">(tee b)", "$'a\\'b'",
    "x=1", "A=\"$(date)\"", "#", "# comment", "function f() { :; }", "!", "\t", "é", "\u00a0", "*", "?", "~",
]
shell_scripts = st.lists(st.sampled_from(SHELL_FRAGMENTS) | st.text(max_size=6), max_size=16).map(" ".join)
shell_forms = st.sampled_from(["RUN {}", "RUN --mount=type=cache,target=/c {}", "ONBUILD RUN {}",
                               "RUN <<EOF\n{}\nEOF", "RUN sh <<EOF\n{}\nEOF", "RUN [\"sh\", \"-c\", {json}]",
                               "HEALTHCHECK CMD {}"])


def run_dockerfile(form: str, script: str) -> str:
    return "FROM alpine:3.20\n" + form.replace("{json}", json.dumps(script)).replace("{}", script) + "\n"


def _split(instruction) -> list[tuple]:
    script = analyse(instruction)
    return [(tuple((w.value, w.text, w.start, w.end) for w in command.words), command.name, command.before,
             command.after, command.depth) for command in script.commands]


def check_shell(form: str, script: str) -> None:
    """Splitting any script never raises, every word's span is inside the file, and the split is deterministic."""
    text = run_dockerfile(form, script)
    dockerfile = build(parse(text), "Dockerfile")
    lines = dockerfile.lines
    for stage in dockerfile.stages:
        for instruction in stage.instructions:
            analysed = analyse(instruction)
            for command in analysed.commands:
                for word in (*command.assignments, *command.wrappers, *command.words):
                    assert word.start <= word.end or word.text == "", word
                    if word.text:
                        assert_span_inside(lines, analysed.span(word))
            assert _split(instruction) == _split(instruction)


WINDOWS_FRAGMENTS = [
    "$env:PATH", "`", "`\"", "('{0}' -f $v)", "$(Get-Item x)", "(", ")", "{", "}", "powershell -Command \"",
    "pwsh -c", "cmd /c", "^&", "%PATH%", "cd /d C:\\app", "pip install flask", "npm i -g yarn", ";", "&",
    "C:\\Program Files\\x.exe", "'", "\"", "\"\"", "-File a.ps1",
]
windows_scripts = st.lists(st.sampled_from(WINDOWS_FRAGMENTS + SHELL_FRAGMENTS) | st.text(max_size=6),
                           max_size=16).map(" ".join)
windows_shells = st.sampled_from(['["powershell", "-Command"]', '["cmd", "/S", "/C"]', '["pwsh.exe", "-c"]'])


def check_windows_shell(shell: str, script: str) -> None:
    """Splitting any cmd or PowerShell RUN never raises and every word's span is inside the file."""
    text = f"FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL {shell}\nRUN {script}\n"
    dockerfile = build(parse(text), "Dockerfile")
    for _, _, analysed in windows_run_scripts(dockerfile):
        for command in analysed.commands:
            for word in command.words:
                assert word.start <= word.end, word
                assert_span_inside(dockerfile.lines, analysed.span(word))


# --- .dockerignore matcher ----------------------------------------------------------------------------------------

def check_dockerignore(text: str, paths: list[str]) -> None:
    """Any ignore file parses; each pattern has a valid line; matching never raises and is deterministic."""
    ignore = IgnoreFile.parse(text)
    lines = text.split("\n")
    for pattern in ignore.patterns:
        assert 1 <= pattern.line <= len(lines)
        assert (pattern.regex is None) == (pattern.error is not None)
    for path in paths:
        decided = ignore.matching_pattern(path)
        assert ignore.excludes(path) == (decided is not None)
        assert decided is None or not decided.exclusion
        assert ignore.matching_pattern(path) == decided


# --- Compose loader -----------------------------------------------------------------------------------------------

COMPOSE_FRAGMENTS = [
    "services:", "  web:", "    image: nginx:1.27", "    build: .", "    build:", "      context: ..",
    "      dockerfile: Dockerfile", "    ports:", "      - \"80:80\"", "      - 8080", "    environment:",
    "      - A=${X:-1}", "      B: ${", "    depends_on: [db]", "  db: &db", "    image: postgres", "  copy: *db",
    "  other:", "    <<: *db", "    extends: web", "    extends:", "      file: ../base.yaml",
    "      service: web", "include:", "  - other.yaml", "---", "...", "x-a: &a [1, 2]", "x-b: [*a, *a]",
    "volumes:", "  data:", "networks: {front: {}}", "- a", "  - b", "{", "}", "[", "]", "key: value",
    "key: value", "'quoted: key': 1", "? complex", ": value", "!reset []", "    ports: !reset []",
    "    image: !override x", "%YAML 1.2", "&anchor", "*alias", "\t", "#", "# comment", "|", ">-", "  text",
    "    healthcheck:", "      test: [\"CMD\", \"true\"]", "      test: 7", "    user: 0", "    restart: 5",
    "    deploy: {resources: {limits: {memory: 1g}}}", "    cap_add: ALL", "    privileged: yes",
]
compose_texts = (st.lists(st.sampled_from(COMPOSE_FRAGMENTS) | st.text(max_size=8), max_size=14).map("\n".join)
                 | st.text(max_size=40))
COMPOSE_RULES = tuple(r for r in all_rules() if r.kind == "compose")
_NEIGHBOURS = {"other.yaml": "include:\n  - compose.yaml\nservices:\n  api:\n    image: x:1\n",
               "base.yaml": "services:\n  web:\n    extends:\n      file: compose.yaml\n      service: web\n",
               "Dockerfile": "FROM alpine:3.20\n", ".env": "X=1\n"}


def check_compose(text: str) -> None:
    """Loading and linting any YAML-ish text raises nothing, and every finding in the file lies inside it."""
    report = lint_compose(text, "proj/compose.yaml", COMPOSE_RULES,
                          load_file=lambda path: _NEIGHBOURS.get(path.removeprefix("proj/")))
    assert report.errors == [], report.errors
    lines = yaml_lines(text) or [""]
    for finding in report.findings:
        if finding.path == "proj/compose.yaml":
            assert_span_inside(lines, (finding.line, finding.column, finding.end_line, finding.end_column))


# --- the whole linter ---------------------------------------------------------------------------------------------

DOCKERFILE_RULES = select_rules(["ALL"])


def check_linter(text: str) -> None:
    """Every rule runs on any Dockerfile without an internal error; findings lie inside the file."""
    report = lint_dockerfile(text, "Dockerfile", DOCKERFILE_RULES)
    assert report.errors == [], report.errors
    lines = list(report.lines) or [""]
    for finding in report.findings:
        assert_span_inside(lines, (finding.line, finding.column, finding.end_line, finding.end_column))


# --- the short run --------------------------------------------------------------------------------------------------


@SHORT_RUN
@given(dockerfiles)
def test_parser(text):
    check_parser(text)


@SHORT_RUN
@given(variable_words, variable_envs, escapes)
def test_variables(word, env, escape):
    check_variables(word, env, escape)


@SHORT_RUN
@given(shell_forms, shell_scripts)
def test_shell_splitter(form, script):
    check_shell(form, script)


@SHORT_RUN
@given(windows_shells, windows_scripts)
def test_windows_shell_splitter(shell, script):
    check_windows_shell(shell, script)


@settings(max_examples=300, deadline=None)  # the matcher is cheap: more examples than SHORT_RUN
@given(ignore_texts, context_paths)
def test_dockerignore(text, paths):
    check_dockerignore(text, paths)


@SHORT_RUN
@given(compose_texts)
def test_compose_loader(text):
    check_compose(text)


@SHORT_RUN
@given(linted_dockerfiles)
def test_whole_linter(text):
    check_linter(text)
