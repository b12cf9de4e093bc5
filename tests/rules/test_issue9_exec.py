"""Issue #9: PDL011 trailing-comment, PDL408 entrypoint-shell-form-ignores-cmd,
PDL409 exec-form-argument-with-spaces and PDL413 exec-relative-executable."""

import textwrap

from pydocklint.engine import lint_dockerfile, select_rules
from pydocklint.findings import Edit, Severity
from tests.support import lint


def report(text, code):
    return lint_dockerfile(textwrap.dedent(text).lstrip("\n"), "Dockerfile", select_rules((code,))).findings


def test_severity_is_error_where_docker_refuses_or_copies_elsewhere():
    text = """
        FROM alpine:3.22 # base
        EXPOSE 80 # http
        COPY a /b # c
        WORKDIR /app # dir
        CMD ["app"] # note
    """
    severities = [(f.line, f.severity) for f in report(text, "PDL011")]
    assert severities == [(1, Severity.ERROR), (2, Severity.ERROR), (3, Severity.ERROR), (4, Severity.WARNING),
                          (5, Severity.WARNING)]
    # `ENV KEY=value # note` stops the parser: the whole file is refused.
    [finding] = report("FROM alpine:3.22\nENV PORT=80 # port\n", "PDL011")
    assert (finding.line, finding.column, finding.end_column, finding.severity) == (2, 13, 19, Severity.ERROR)
    assert finding.fix.edits == (Edit(2, 1, 2, 1, "# port\n"), Edit(2, 12, 2, 19, ""))


def test_fix_moves_the_comment_above_with_the_instruction_indentation():
    [finding] = report("FROM alpine:3.22\n  WORKDIR /app   # dir\n", "PDL011")
    assert finding.fix.safe
    assert finding.fix.edits == (Edit(2, 1, 2, 1, "  # dir\n"), Edit(2, 15, 2, 23, ""))


def test_no_fix_when_the_comment_is_on_a_continued_line():
    [finding] = report("FROM alpine:3.22\nVOLUME /data # data \\\n    /logs\n", "PDL011")
    assert (finding.line, finding.column, finding.end_column, finding.fix) == (2, 14, 20, None)


def test_no_fix_that_would_turn_the_comment_into_a_parser_directive():
    [finding] = report("FROM alpine:3.22 # syntax=docker/dockerfile:1\n", "PDL011")
    assert finding.fix is None


def test_first_word_of_a_value_and_heredoc_bodies_are_not_comments():
    text = """
        FROM alpine:3.22
        WORKDIR #weird
        COPY <<EOF /etc/motd
        hello # not a comment
        EOF
        RUN <<EOF
        echo hi # shell comment
        EOF
    """
    assert lint(text, "PDL011") == []

def test_trailing_comments_per_instruction_and_what_is_not_one():
    text = """
        FROM node:22 AS base # base image
        ARG COLOR=#fff
        ENV X_COLOR #fff
        ENV PROMPT "a # b"
        LABEL color="#fff" url=http://x/#a
        WORKDIR /app # dir
        EXPOSE 8080 # app port
        COPY . /app # sources
        RUN echo hi # shell comment
        RUN ["echo", "hi"] # exec
        CMD ["node", "a # b"]
        ENV Y=${X#pre}
        ENV Z value # c
        HEALTHCHECK CMD curl -f http://localhost/ # fine
        HEALTHCHECK CMD ["curl", "-f", "http://localhost/"] # hc
        ONBUILD WORKDIR /x # c
        USER app  # user
        VOLUME /data \\
            /logs # two
        ARG A=1 # the default
    """
    assert lint(text, "PDL011") == [
        ('PDL011', 1, 22, 1, 34, 'Docker has no end-of-line comments, so FROM reads `#`, `base`, `image` as more arguments and fails: move the comment to its own line'),
        ('PDL011', 6, 14, 6, 19, 'Docker has no end-of-line comments, so the working directory becomes `/app # dir`: move the comment to its own line'),
        ('PDL011', 7, 13, 7, 23, 'Docker has no end-of-line comments, so EXPOSE reads `#`, `app`, `port` as ports and refuses them: move the comment to its own line'),
        ('PDL011', 8, 13, 8, 22, "Docker has no end-of-line comments, so COPY takes the comment's words as more sources and `sources` as the destination: move the comment to its own line"),
        ('PDL011', 10, 20, 10, 26, 'RUN followed by a comment is no longer valid JSON, so Docker runs the whole text through /bin/sh -c instead of the exec form: move the comment to its own line'),
        ('PDL011', 13, 13, 13, 16, 'Docker has no end-of-line comments, so the value of Z becomes `value # c`: move the comment to its own line'),
        ('PDL011', 15, 53, 15, 57, 'HEALTHCHECK CMD followed by a comment is no longer valid JSON, so Docker runs the whole text through /bin/sh -c instead of the exec form: move the comment to its own line'),
        ('PDL011', 16, 20, 16, 23, 'Docker has no end-of-line comments, so the working directory becomes `/x # c`: move the comment to its own line'),
        ('PDL011', 17, 11, 17, 17, 'Docker has no end-of-line comments, so the user becomes `app  # user`: move the comment to its own line'),
        ('PDL011', 19, 11, 19, 16, 'Docker has no end-of-line comments, so VOLUME declares `#`, `two` as more volumes: move the comment to its own line'),
        ('PDL011', 20, 9, 20, 22, 'Docker has no end-of-line comments, so ARG declares `#`, `the`, `default` as more build arguments: move the comment to its own line'),
    ]


def test_comment_ending_a_key_value_env_on_a_continuation_line():
    text = """
        FROM alpine:3.22
        ENV A=1 \\
          # inner
          B=2 # note
    """
    assert lint(text, "PDL011") == [
        ('PDL011', 4, 7, 4, 13, 'Docker has no end-of-line comments, so the `#` word is read as a name=value pair and Docker refuses the file: move the comment to its own line'),
    ]


def test_escape_directive_and_comment_on_a_continued_copy():
    text = """
        # escape=`
        FROM mcr.microsoft.com/windows/servercore:ltsc2022
        WORKDIR C:\\app # dir
        COPY a `
            b C:\\x\\ # sources
    """
    assert lint(text, "PDL011") == [
        ('PDL011', 3, 16, 3, 21, 'Docker has no end-of-line comments, so the working directory becomes `C:\\app # dir`: move the comment to its own line'),
        ('PDL011', 5, 13, 5, 22, "Docker has no end-of-line comments, so COPY takes the comment's words as more sources and `sources` as the destination: move the comment to its own line"),
    ]


def test_shell_form_entrypoint_with_own_inherited_or_later_cmd_is_an_error():
    text = """
        FROM python:3.12-slim AS base
        CMD ["--help"]
        FROM base AS app
        ENTRYPOINT python app.py
        FROM python:3.12-slim AS lib
        ENTRYPOINT exec python -m lib
        FROM lib
        CMD ["--port", "8080"]
        FROM python:3.12-slim
        CMD ["--port", "8080"]
        ENTRYPOINT python app.py
    """
    assert lint(text, "PDL408") == [
        ('PDL408', 4, 1, 4, 11, 'ENTRYPOINT in shell form ignores the CMD inherited from line 2 (Docker also resets an inherited CMD when a stage sets ENTRYPOINT): write the ENTRYPOINT in exec form and repeat the CMD in this stage'),
        ('PDL408', 6, 1, 6, 11, 'ENTRYPOINT in shell form ignores the CMD on line 8 of a stage built on this one: write the ENTRYPOINT in exec form, ENTRYPOINT ["python", "-m", "lib"]'),
        ('PDL408', 11, 1, 11, 11, 'ENTRYPOINT in shell form ignores the CMD on line 10: write the ENTRYPOINT in exec form, ENTRYPOINT ["python", "app.py"]'),
    ]


def test_exec_form_positional_parameters_non_posix_shells_and_overridden_entrypoints_are_quiet():
    text = """
        FROM python:3.12-slim AS a
        ENTRYPOINT ["python", "app.py"]
        CMD ["--port", "8080"]
        FROM python:3.12-slim AS b
        ENTRYPOINT exec app "$@"
        CMD ["x"]
        FROM python:3.12-slim AS c
        SHELL ["powershell", "-Command"]
        ENTRYPOINT app.exe
        CMD ["x"]
        FROM mcr.microsoft.com/windows/servercore:ltsc2022
        ENTRYPOINT app.exe
        FROM python:3.12-slim AS d
        ENTRYPOINT python old.py
        ENTRYPOINT ["python", "new.py"]
        CMD ["x"]
        FROM python:3.12-slim AS e
        ONBUILD ENTRYPOINT python app.py
    """
    assert lint(text, "PDL408") == []


def test_shell_form_entrypoint_without_cmd_is_a_warning():
    text = """
        FROM python:3.12-slim
        CMD []
        ENTRYPOINT python \\
            app.py
    """
    assert lint(text, "PDL408") == [
        ('PDL408', 3, 1, 3, 11, 'ENTRYPOINT in shell form ignores docker run arguments: write it in exec form, ENTRYPOINT ["python", "app.py"]'),
    ]


def test_program_or_option_with_spaces_in_exec_form():
    text = """
        FROM node:22-slim
        RUN ["apt-get install -y curl"]
        HEALTHCHECK CMD ["curl -f http://localhost/"]
        ENTRYPOINT ["node", "server.js"]
        CMD ["--port 27017", "--verbose"]
        FROM node:22-slim AS two
        ENTRYPOINT ["npm start"]
        ONBUILD RUN ["make", "--jobs 4"]
        CMD ["node", \\
             "--max-old-space-size 512"]
    """
    assert lint(text, "PDL409") == [
        ('PDL409', 2, 6, 2, 31, 'RUN runs a program named "apt-get install -y curl": exec form does not split words, write RUN ["apt-get", "install", "-y", "curl"]'),
        ('PDL409', 3, 18, 3, 45, 'HEALTHCHECK CMD runs a program named "curl -f http://localhost/": exec form does not split words, write HEALTHCHECK CMD ["curl", "-f", "http://localhost/"]'),
        ('PDL409', 5, 6, 5, 20, 'CMD passes "--port 27017" as one argument: exec form does not split words, write CMD ["--port", "27017", "--verbose"]'),
        ('PDL409', 7, 13, 7, 24, 'ENTRYPOINT runs a program named "npm start": exec form does not split words, write ENTRYPOINT ["npm", "start"]'),
        ('PDL409', 8, 22, 8, 32, 'RUN passes "--jobs 4" as one argument: exec form does not split words, write RUN ["make", "--jobs", "4"]'),
        ('PDL409', 10, 6, 10, 32, 'CMD passes "--max-old-space-size 512" as one argument: exec form does not split words, write CMD ["node", "--max-old-space-size", "512"]'),
    ]


def test_scripts_windows_paths_and_option_values_are_not_reported():
    text = """
        FROM node:22-slim
        RUN ["sh", "-c", "npm ci && npm run build"]
        RUN ["bash", "-lc", "make --jobs 4"]
        RUN ["/bin/sh", "-c", "echo --port 1"]
        RUN ["python", "-c", "print(1)"]
        RUN ["node", "-e", "console.log(1)"]
        RUN ["cmd", "/S", "/C", "echo hi"]
        RUN ["powershell", "-Command", "Write-Host --port 1"]
        SHELL ["/bin/bash --login", "-c"]
        CMD ["C:\\\\Program Files\\\\app\\\\app.exe"]
        CMD ["Plex Media Server"]
        CMD ["docker", "ps", "--format={{.Names}} x", "--filter name=web", "-g daemon off;"]
        ENTRYPOINT ["nginx", "-g", "daemon off;"]
        CMD ["npm start"]
    """
    assert lint(text, "PDL409") == []


def test_relative_program_under_a_root_directory():
    text = """
        FROM mongo:8.0 AS db
        WORKDIR /data
        ENTRYPOINT ["usr/bin/mongod"]
        HEALTHCHECK CMD ["bin/sh", "-c", "true"]
        RUN ["usr/bin/env", "true"]
        FROM alpine:3.22
        ENTRYPOINT bin/run --flag
        FROM alpine:3.22
        CMD opt/app/run
        ONBUILD RUN ["sbin/ldconfig"]
    """
    assert lint(text, "PDL413") == [
        ('PDL413', 3, 13, 3, 29, 'ENTRYPOINT runs usr/bin/mongod, a path relative to the working directory, not to /: write /usr/bin/mongod'),
        ('PDL413', 4, 18, 4, 26, 'HEALTHCHECK CMD runs bin/sh, a path relative to the working directory, not to /: write /bin/sh'),
        ('PDL413', 5, 6, 5, 19, 'RUN runs usr/bin/env, a path relative to the working directory, not to /: write /usr/bin/env'),
        ('PDL413', 7, 12, 7, 19, 'ENTRYPOINT runs bin/run, a path relative to the working directory, not to /: write /bin/run'),
        ('PDL413', 9, 5, 9, 16, 'CMD runs opt/app/run, a path relative to the working directory, not to /: write /opt/app/run'),
        ('PDL413', 10, 14, 10, 29, 'RUN runs sbin/ldconfig, a path relative to the working directory, not to /: write /sbin/ldconfig'),
    ]


def test_deliberately_relative_programs_and_root_workdir_are_quiet():
    text = """
        FROM alpine:3.22 AS a
        ENTRYPOINT ["./app"]
        CMD ["usr/share/doc"]
        FROM alpine:3.22 AS b
        WORKDIR /
        CMD ["usr/bin/app"]
        FROM alpine:3.22 AS c
        WORKDIR /app
        CMD ["build/app", "bin/x"]
        RUN ["../bin/tool"]
        ENTRYPOINT /usr/bin/app
        FROM alpine:3.22
        ENTRYPOINT app
        CMD bin/ignored
    """
    assert lint(text, "PDL413") == []

def test_entrypoint_severity_depends_on_a_cmd_being_lost():
    with_cmd = report('FROM python:3.12-slim\nENTRYPOINT python app.py\nCMD ["--debug"]\n', "PDL408")
    without = report("FROM python:3.12-slim\nENTRYPOINT python app.py\n", "PDL408")
    assert [f.severity for f in with_cmd + without] == [Severity.ERROR, Severity.WARNING]
