"""COPY/ADD and WORKDIR rules (PDL500-PDL504)."""

import time

from tests.support import lint

# --- PDL500 workdir-relative-path -------------------------------------------------------------------------------


def test_first_relative_workdir_is_reported_at_the_path():
    assert lint("FROM python:3.12-slim\nWORKDIR app\nWORKDIR src\n", "PDL500") == [
        ("PDL500", 2, 9, 2, 12, "WORKDIR app is relative to the base image's working directory: use an absolute "
                                "path, e.g. WORKDIR /app"),
    ]


def test_relative_workdir_after_an_absolute_one_is_well_defined():
    assert lint("FROM python:3.12-slim\nWORKDIR /srv\nWORKDIR app\n", "PDL500") == []


def test_workdir_set_in_an_earlier_stage_is_inherited():
    text = """
        FROM alpine:3.20 AS base
        WORKDIR /srv
        FROM base
        WORKDIR app
        FROM alpine:3.20
        WORKDIR ./data
    """
    assert lint(text, "PDL500") == [
        ("PDL500", 6, 9, 6, 15, "WORKDIR ./data is relative to the base image's working directory: use an "
                                "absolute path, e.g. WORKDIR /data"),
    ]


def test_workdir_variables():
    text = """
        FROM alpine:3.20 AS known
        ENV DIR=data
        WORKDIR $DIR
        FROM alpine:3.20 AS unknown
        WORKDIR $HOME/app
        FROM alpine:3.20 AS partly
        ARG VERSION
        WORKDIR app-$VERSION
        FROM alpine:3.20 AS absolute
        ARG ROOT=/opt
        WORKDIR ${ROOT}/app
    """
    assert lint(text, "PDL500") == [
        ("PDL500", 3, 9, 3, 13, "WORKDIR $DIR (= data) is relative to the base image's working directory: use an "
                                "absolute path, e.g. WORKDIR /data"),
        ("PDL500", 8, 9, 8, 21, "WORKDIR app-$VERSION is relative to the base image's working directory: use an "
                                "absolute path, e.g. WORKDIR /app-$VERSION"),
    ]


def test_windows_drive_paths_are_absolute():
    text = "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nWORKDIR C:/app\nFROM alpine:3.20\nWORKDIR \\\\srv\n"
    assert lint(text, "PDL500") == []


# --- PDL501 add-instead-of-copy ---------------------------------------------------------------------------------


def test_add_of_local_files_is_reported_at_the_keyword_with_a_safe_fix():
    assert lint("FROM alpine:3.20\nADD a b /x/\nadd --chown=1 c /d\n", "PDL501") == [
        ("PDL501", 2, 1, 2, 4, "ADD of local a, b: use COPY, which copies without extracting archives or "
                               "fetching URLs"),
        ("PDL501", 3, 1, 3, 4, "ADD of local c: use COPY, which copies without extracting archives or "
                               "fetching URLs"),
    ]


def test_add_fix_replaces_the_keyword_keeping_its_case_unless_add_only_flags():
    from pydocklint.engine import lint_dockerfile, select_rules

    report = lint_dockerfile("FROM alpine:3.20\nadd a /a\nADD --keep-git-dir=true b /b\n", "Dockerfile",
                             select_rules(["PDL501"]))
    fixes = [f.fix for f in report.findings]
    assert [(e.line, e.column, e.end_column, e.replacement) for e in fixes[0].edits] == [(2, 1, 4, "copy")]
    assert fixes[0].safe and fixes[1] is None


def test_add_of_urls_archives_variables_is_fine_and_heredocs_are_local():
    text = """
        FROM alpine:3.20
        ADD rootfs.tar.xz /
        ADD https://example.com/a.txt /a
        ADD git@github.com:moby/buildkit.git /src
        ADD $PACKAGE /tmp/
        ADD ["app.tgz", "/srv/"]
        ADD <<EOF /etc/motd
        hello
        EOF
    """
    assert lint(text, "PDL501") == [
        ("PDL501", 7, 1, 7, 4, "ADD of local a heredoc: use COPY, which copies without extracting archives or "
                               "fetching URLs"),
    ]


def test_add_source_variables_are_judged_by_their_value():
    text = """
        FROM alpine:3.20
        ARG URL=https://example.com/pkg.deb
        ARG UNKNOWN
        ENV JAR=app.jar \\
            ARCHIVE=jre.tar.gz \\
            MAIN=./
        ADD $URL /tmp/
        ADD ${UNKNOWN} /opt/
        ADD $ARCHIVE /opt/
        ADD $JAR ${ARCHIVE} /opt/
        ADD ${MAIN}package.json $JAR /opt/
    """
    assert lint(text, "PDL501") == [
        ("PDL501", 11, 1, 11, 4, "ADD of local ${MAIN}package.json (= ./package.json), $JAR (= app.jar): use "
                                 "COPY, which copies without extracting archives or fetching URLs"),
    ]


# --- PDL502 add-url-without-checksum ----------------------------------------------------------------------------


def test_url_without_checksum_is_reported_at_the_url():
    assert lint("FROM alpine:3.20\nADD https://example.com/tool.tgz /tmp/\n", "PDL502") == [
        ("PDL502", 2, 5, 2, 33, "ADD downloads https://example.com/tool.tgz without verifying it: add "
                                "--checksum=sha256:<digest of the file> so a changed download fails the build"),
    ]


def test_checksums_git_sources_and_local_files_are_fine():
    text = """
        FROM alpine:3.20
        ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://e.com/a /a
        ADD https://github.com/moby/buildkit.git#v0.14.0 /src
        ADD https://github.com/moby/buildkit.git /src2
        ADD local.txt /b
        ADD https://api.github.com/repos/moby/buildkit/git/refs/heads/master /tmp/ref.json
    """
    assert lint(text, "PDL502") == []


# --- PDL503 copy-multiple-sources-destination -------------------------------------------------------------------


def test_several_sources_need_a_slash_destination():
    text = """
        FROM alpine:3.20
        WORKDIR /app
        COPY a b .
        COPY ["a", "b", "dest"]
        ADD a b \\
          c
        COPY <<EOF <<EOG /x
        one
        EOF
        two
        EOG
    """
    assert lint(text, "PDL503") == [
        ("PDL503", 3, 10, 3, 11, "COPY of 2 sources needs a directory destination ending in /: write ./"),
        ("PDL503", 4, 6, 4, 24, "COPY of 2 sources needs a directory destination ending in /: write dest/"),
        ("PDL503", 6, 3, 6, 4, "ADD of 2 sources needs a directory destination ending in /: write c/"),
        ("PDL503", 7, 18, 7, 20, "COPY of 2 sources needs a directory destination ending in /: write /x/"),
    ]


def test_slash_destinations_single_sources_and_unknown_variables_are_fine():
    text = """
        FROM alpine:3.20
        ARG DEST
        ENV TARGET=/opt/
        COPY a b /app/
        COPY a b $TARGET
        COPY a b $DEST
        COPY --from=build /a /b
        COPY *.json /app
        COPY --chmod 777 file.txt /tmp
    """
    assert lint(text, "PDL503") == []


# --- PDL504 copy-relative-destination ---------------------------------------------------------------------------


def test_relative_destination_before_workdir_is_reported_at_the_destination():
    text = """
        FROM python:3.12-slim
        COPY app.py .
        ADD data.tar.gz data/
        COPY conf /etc/app/
        WORKDIR /app
        COPY . .
    """
    assert lint(text, "PDL504") == [
        ("PDL504", 2, 13, 2, 14, "COPY to the relative path . before any WORKDIR lands in the base image's "
                                 "working directory: set WORKDIR first, or use an absolute path"),
        ("PDL504", 3, 17, 3, 22, "ADD to the relative path data/ before any WORKDIR lands in the base image's "
                                 "working directory: set WORKDIR first, or use an absolute path"),
    ]


def test_workdir_of_an_earlier_stage_counts_and_variables_are_substituted():
    text = """
        FROM alpine:3.20 AS base
        WORKDIR /srv
        FROM base
        COPY a b/
        FROM alpine:3.20
        ARG HOME_DIR
        ENV DATA=/data
        COPY a $DATA
        COPY a $HOME_DIR/
        COPY a cache-$HOME_DIR/
    """
    assert lint(text, "PDL504") == [
        ("PDL504", 10, 8, 10, 24, "COPY to the relative path cache-$HOME_DIR/ before any WORKDIR lands in the "
                                  "base image's working directory: set WORKDIR first, or use an absolute path"),
    ]


def test_file_rules_are_linear():
    text = "FROM alpine:3.20\n" + "".join(f"ENV V{i}=x{i}\nRUN echo {i}\n" for i in range(1000)) + \
        "WORKDIR $V1\nCOPY a b $V2\nADD c d\n"
    start = time.process_time()
    lint(text, "PDL5")
    assert time.process_time() - start < 1.0


def test_add_of_a_variable_source_gets_no_fix():
    # The default says a local jar, but `--build-arg JAR=https://…` would make COPY fail: no fix assumes it.
    from tests.support import fixed

    text = "FROM alpine:3.22\nARG JAR=app.jar\nADD $JAR /opt/\nADD app.jar /opt/\n"
    assert fixed(text, "PDL501") == "FROM alpine:3.22\nARG JAR=app.jar\nADD $JAR /opt/\nCOPY app.jar /opt/\n"
