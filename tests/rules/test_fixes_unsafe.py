"""Unsafe fixes (issue #8): package-manager flags and clean-ups, merged RUNs, exec form, a starter .dockerignore."""


import pytest

from pydocklint.context import BuildContext
from pydocklint.dockerignore import IgnoreFile
from pydocklint.engine import lint_dockerfile, select_rules
from tests.support import codes, fixed, instructions


# What a fix that edits the second instruction's arguments may change in its parse dump.
ARGUMENTS_CHANGED = {(1, "value"), (1, "original"), (1, "dump")}


def fix(text, code):
    """The unsafely fixed text, checked to be idempotent and untouched by safe-only fixing."""
    after = fixed(text, code, unsafe=True)
    assert fixed(after, code, unsafe=True) == after
    assert fixed(text, code) == text  # unsafe fixes are never applied by plain --fix
    return after


def changed_fields(before, after):
    """The (index, field) pairs that differ between the parse dumps of two texts with as many instructions."""
    old, new = instructions(before), instructions(after)
    assert len(old) == len(new)
    return {(i, key) for i, (a, b) in enumerate(zip(old, new)) for key in set(a) | set(b) if a.get(key) != b.get(key)}


# --- options after the action word: PDL323, PDL351, PDL331 ---------------------------------------------------


@pytest.mark.parametrize("code, before, after", [
    ("PDL323", "FROM debian:12\nRUN apt-get update && apt-get -y install curl\n",
     "FROM debian:12\nRUN apt-get update && apt-get -y install --no-install-recommends curl\n"),
    ("PDL351", "FROM python:3.13\nRUN python3 -m pip install flask==3.1.0\n",
     "FROM python:3.13\nRUN python3 -m pip install --no-cache-dir flask==3.1.0\n"),
    ("PDL351", "FROM python:3.13\nRUN pip3 install \\\n    flask==3.1.0\n",
     "FROM python:3.13\nRUN pip3 install --no-cache-dir \\\n    flask==3.1.0\n"),
    ("PDL331", "FROM alpine:3.21\nRUN apk add --virtual .deps gcc=14.2.0-r4",
     "FROM alpine:3.21\nRUN apk add --no-cache --virtual .deps gcc=14.2.0-r4"),
    ("PDL331", "FROM alpine:3.21\r\nRUN sh -c 'apk add curl=8.11.1-r0'\r\n",
     "FROM alpine:3.21\r\nRUN sh -c 'apk add --no-cache curl=8.11.1-r0'\r\n"),
])
def test_option_inserted_after_the_action_word(code, before, after):
    assert fix(before, code) == after
    assert changed_fields(before, after) == ARGUMENTS_CHANGED


def test_option_inserted_in_every_command_of_a_run_and_in_onbuild_and_heredoc_scripts():
    before = ("FROM debian:12\nRUN apt-get install -y a=1 \\\n && apt-get install b=2\n"
              "ONBUILD RUN apt-get install -y c=3\nRUN <<EOF\napt-get install -y d=4\nEOF\n")
    assert fix(before, "PDL323") == (
        "FROM debian:12\nRUN apt-get install --no-install-recommends -y a=1 \\\n"
        " && apt-get install --no-install-recommends b=2\n"
        "ONBUILD RUN apt-get install --no-install-recommends -y c=3\n"
        "RUN <<EOF\napt-get install --no-install-recommends -y d=4\nEOF\n")


def test_no_option_fix_in_exec_form_or_for_an_action_from_a_variable():
    exec_form = 'FROM debian:12\nRUN ["apt-get", "install", "-y", "curl"]\n'
    assert fix(exec_form, "PDL323") == exec_form
    inner = 'FROM debian:12\nRUN ["sh", "-c", "apt-get install -y curl"]\n'
    assert fix(inner, "PDL323") == 'FROM debian:12\nRUN ["sh", "-c", "apt-get install --no-install-recommends -y curl"]\n'


def test_option_fix_keeps_the_escape_directive():
    before = "# escape=`\nFROM python:3.13\nRUN pip install `\n    flask==3.1.0\n"
    assert fix(before, "PDL351") == "# escape=`\nFROM python:3.13\nRUN pip install --no-cache-dir `\n    flask==3.1.0\n"


# --- commands appended to the RUN: PDL321, PDL336, PDL339 ---------------------------------------------------

CLEAN = " && rm -rf /var/lib/apt/lists/*"


@pytest.mark.parametrize("before, after", [
    ("FROM debian:12\nRUN apt-get update && apt-get install -y curl\n",
     f"FROM debian:12\nRUN apt-get update && apt-get install -y curl{CLEAN}\n"),
    ("FROM debian:12\r\nRUN apt-get update \\\r\n && apt-get install -y curl   \r\nUSER 1000\r\n",
     f"FROM debian:12\r\nRUN apt-get update \\\r\n && apt-get install -y curl{CLEAN}   \r\nUSER 1000\r\n"),
    ("FROM debian:12\nRUN apt-get update; apt-get install -y curl ;",
     f"FROM debian:12\nRUN apt-get update; apt-get install -y curl{CLEAN}"),
    ("FROM debian:12\nRUN apt-get update \\\n  && apt-get install -y curl \\\n  # done\n",
     f"FROM debian:12\nRUN apt-get update \\\n  && apt-get install -y curl{CLEAN} \\\n  # done\n"),
    ("# escape=`\nFROM debian:12\nRUN apt-get update `\n && apt-get install -y curl\n",
     f"# escape=`\nFROM debian:12\nRUN apt-get update `\n && apt-get install -y curl{CLEAN}\n"),
    ("FROM debian:12\nRUN apt-get update && find /tmp -exec rm {} \\;\n",  # an escaped ; is find's argument
     f"FROM debian:12\nRUN apt-get update && find /tmp -exec rm {{}} \\;{CLEAN}\n"),
    ("FROM debian:12\nRUN if [ -x /usr/bin/apt-get ]; then apt-get update; fi\n",
     f"FROM debian:12\nRUN if [ -x /usr/bin/apt-get ]; then apt-get update; fi{CLEAN}\n"),
])
def test_apt_lists_removed_at_the_end_of_the_run(before, after):
    assert fix(before, "PDL321") == after
    assert changed_fields(before, after) == ARGUMENTS_CHANGED


@pytest.mark.parametrize("before", [
    "FROM debian:12\nRUN apt-get update # refresh\n",  # the appended command would be part of the comment
    "FROM debian:12\nRUN apt-get update &\n",
    "FROM debian:12\nRUN apt-get update ||\n",
    "FROM debian:12\nRUN apt-get update && echo 'unterminated\n",
    "FROM debian:12\nRUN sudo apt-get update\n",  # rm would not run as root
    "FROM debian:12\nRUN <<EOF\napt-get update\napt-get install -y curl\nEOF\n",
    'FROM debian:12\nRUN ["apt-get", "update"]\n',
])
def test_no_append_fix_when_the_end_of_the_script_is_not_plain(before):
    assert codes(before, "PDL321")  # reported, but without a fix
    assert fix(before, "PDL321") == before


def test_rpm_managers_clean_with_the_tool_that_installed():
    assert fix("FROM centos:7.9.2009\nRUN yum install -y httpd-2.4.6\n", "PDL336") == \
        "FROM centos:7.9.2009\nRUN yum install -y httpd-2.4.6 && yum clean all\n"
    assert fix("FROM fedora:41\nRUN microdnf install -y httpd-2.4.62\n", "PDL339") == \
        "FROM fedora:41\nRUN microdnf install -y httpd-2.4.62 && microdnf clean all\n"
    # Two installs in one RUN get one clean.
    assert fix("FROM fedora:41\nRUN dnf install -y a-1 && dnf install -y b-2\n", "PDL339") == \
        "FROM fedora:41\nRUN dnf install -y a-1 && dnf install -y b-2 && dnf clean all\n"


# --- merging consecutive RUNs: PDL302 -------------------------------------------------------------------------


def test_runs_merged_with_trailing_operators_by_default():
    before = "FROM alpine:3.21\nRUN apk add --no-cache curl=8.11.1-r0\n\nRUN mkdir /app\nRUN touch /app/x"
    after = fix(before, "PDL302")
    assert after == ("FROM alpine:3.21\nRUN apk add --no-cache curl=8.11.1-r0 && \\\n    mkdir /app && \\\n"
                     "    touch /app/x")
    merged = instructions(after)[1]
    assert merged["value"] == ["apk add --no-cache curl=8.11.1-r0 &&     mkdir /app &&     touch /app/x"]
    assert len(instructions(after)) == 2


def test_merge_follows_the_files_continuation_style_escape_and_line_endings():
    before = ("# escape=`\r\nFROM alpine:3.21\r\nRUN a `\r\n\t&& b && c\r\nRUN d\r\nRUN --network=none e;\r\n"
              "RUN --network=none f\r\n")
    assert fix(before, "PDL302") == ("# escape=`\r\nFROM alpine:3.21\r\nRUN a `\r\n\t&& b && c\r\nRUN d\r\n"
                                     "RUN --network=none e `\r\n\t&& f\r\n")


def test_merge_keeps_comments_between_the_runs_inside_the_continuation():
    before = "FROM alpine:3.21\nRUN mkdir /app\n# the data\n\nRUN touch /app/data\n"
    after = fix(before, "PDL302")
    assert after == "FROM alpine:3.21\nRUN mkdir /app && \\\n# the data\n    touch /app/data\n"
    assert instructions(after)[1]["value"] == ["mkdir /app &&     touch /app/data"]


@pytest.mark.parametrize("before", [
    "FROM alpine:3.21\nRUN cd /tmp\nRUN make\n",  # the second command would run in /tmp
    "FROM alpine:3.21\nRUN export A=1\nRUN make\n",
    "FROM alpine:3.21\nRUN make # build\nRUN make install\n",
    'FROM alpine:3.21\nRUN ["make"]\nRUN make install\n',
    "FROM alpine:3.21\nRUN make &\nRUN make install\n",
])
def test_no_merge_when_joining_would_change_or_break_the_commands(before):
    assert codes(before, "PDL302")  # reported, but without a fix
    assert fix(before, "PDL302") == before


# --- exec form: PDL403 ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("before, after", [
    ("FROM python:3.12-slim\nCMD python app.py\n", 'FROM python:3.12-slim\nCMD ["python", "app.py"]\n'),
    ("FROM nginx:1.27\nCMD exec nginx -g 'daemon off;'\n", 'FROM nginx:1.27\nCMD ["nginx", "-g", "daemon off;"]\n'),
    ('FROM alpine:3.21\nENTRYPOINT "/usr/bin/run.sh" --port 80  \r\n',
     'FROM alpine:3.21\nENTRYPOINT ["/usr/bin/run.sh", "--port", "80"]  \r\n'),
    ("FROM alpine:3.21\nCMD app \\\n    --name été", 'FROM alpine:3.21\nCMD ["app", "--name", "été"]'),
])
def test_plain_commands_rewritten_in_exec_form(before, after):
    assert fix(before, "PDL403") == after
    assert instructions(after)[1]["json"] is True
    assert changed_fields(before, after) <= ARGUMENTS_CHANGED | {(1, "json"), (1, "end_line")}


@pytest.mark.parametrize("before", [
    "FROM alpine:3.21\nCMD app $PORT\n",
    "FROM alpine:3.21\nCMD app > /log\n",
    "FROM alpine:3.21\nCMD a && b\n",
    "FROM alpine:3.21\nCMD app *.conf\n",
    "FROM alpine:3.21\nCMD app ~/x\n",
    'FROM alpine:3.21\nCMD app "a\\"b"\n',
    "FROM alpine:3.21\nCMD PORT=80 app\n",
    "FROM alpine:3.21\nCMD cd /app\n",
    "FROM alpine:3.21\nCMD app \\\n# note\n  --flag\n",  # a comment inside the continuation would be lost
    "FROM alpine:3.21\nENTRYPOINT app\nCMD [\"--port\", \"80\"]\n",  # exec form would start passing the CMD
    "FROM alpine:3.21 AS base\nENTRYPOINT app\nFROM base\nCMD [\"x\"]\n",
    "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nCMD dir\n",
    "FROM alpine:3.21\nCMD [app, x]\n",
])
def test_no_exec_form_fix_when_the_command_needs_the_shell(before):
    assert codes(before, "PDL403")  # reported, but without a fix
    assert fix(before, "PDL403") == before


# --- a starter .dockerignore: PDL450 --------------------------------------------------------------------------


def starter(text, root="svc"):
    findings = lint_dockerfile(text, "svc/Dockerfile", select_rules(["PDL450"]), context=BuildContext(root, None)).findings
    [finding] = findings
    assert finding.fix.safe is False and finding.fix.edits == ()
    [(path, content)] = finding.fix.new_files
    assert path == f"{root}/.dockerignore"
    return [line for line in content.splitlines() if not line.startswith("#")]


def test_starter_dockerignore_excludes_the_usual_junk():
    patterns = starter("FROM python:3.12-slim\nCOPY . /app\nRUN npm ci\n")
    assert {".git", "**/.env", "**/node_modules", "**/__pycache__", "**/id_rsa"} <= set(patterns)
    ignore = IgnoreFile.parse("\n".join(patterns))
    assert ignore.excludes(".git/config") and ignore.excludes("sub/.env.local") and not ignore.excludes(".env.example")
    assert not ignore.excludes("Dockerfile") and not ignore.excludes("src/app.py")


def test_starter_dockerignore_keeps_what_the_dockerfile_needs():
    patterns = starter("FROM python:3.12-slim\nCOPY .env.production server.key /app/\nCOPY . /app\n"
                       "RUN git describe --tags > /app/VERSION\n")
    assert ".git" not in patterns and "**/.env.*" not in patterns and "**/*.key" not in patterns
    assert "**/node_modules" not in patterns  # nothing installs them: the host's may be the ones used
    assert "**/.env" in patterns


# --- cost ---------------------------------------------------------------------------------------------------


def test_fixes_on_a_large_file():
    # The cost (linear) is measured by benchmarks/bench_linear.py.
    text = "FROM debian:12\n" + "".join(f"RUN apt-get update && apt-get install -y p{i}=1\nENV A{i}=1\n"
                                         for i in range(1000))
    findings = lint_dockerfile(text, "Dockerfile", select_rules(["PDL321", "PDL323", "PDL302"])).findings
    assert sum(1 for f in findings if f.fix is not None) == 2000
