"""PDL450-PDL453: what COPY and ADD take from the build context."""

import os

from pydocklint.context import BuildContext, context_from_files, load_build_context
from pydocklint.dockerignore import IgnoreFile
from tests.support import lint

COPY_ALL = "FROM python:3.12-slim\nWORKDIR /app\nCOPY --chown=app . .\n"


def test_missing_dockerignore_points_at_the_source_word():
    context = BuildContext("svc", None)
    assert lint(COPY_ALL, "PDL450", context=context) == [
        ("PDL450", 3, 18, 3, 19, "COPY . copies the whole build context and it has no .dockerignore: whatever "
                                 "is there, such as .git, .env files or node_modules, goes into the image"),
    ]


def test_missing_dockerignore_is_quiet_with_an_ignore_file_a_parent_one_or_specific_copies():
    assert lint(COPY_ALL, "PDL450", context=BuildContext(".", IgnoreFile.parse(".git\n"))) == []
    assert lint(COPY_ALL, "PDL450", context=BuildContext(".", None, other_ignore_files=("../.dockerignore",))) == []
    assert lint("FROM python:3.12-slim\nCOPY app.py /app/\n", "PDL450", context=BuildContext(".", None)) == []
    assert lint(COPY_ALL, "PDL450") == []  # no context known (e.g. stdin without a file name)


def test_whole_context_sources_include_star_and_root_but_not_copy_from():
    context = BuildContext(".", None)
    assert [f[:3] for f in lint("FROM alpine:3.20\nADD * /srv/\n", "PDL450", context=context)] == [("PDL450", 2, 5)]
    assert [f[:3] for f in lint("FROM alpine:3.20\nCOPY ./ /srv/\n", "PDL450", context=context)] == [("PDL450", 2, 6)]
    assert lint("FROM alpine:3.20 AS a\nFROM alpine:3.20\nCOPY --from=a . /srv/\n", "PDL450", context=context) == []


def test_secrets_listed_once_at_the_first_whole_context_copy():
    context = context_from_files((("app.py", ""), (".env", ""), (".env.example", ""), ("deploy/id_rsa", ""),
                                  ("deploy/id_rsa.pub", ""), ("tls/cert.pem", ""), ("tls/key.pem", ""),
                                  (".npmrc", "")))
    text = "FROM python:3.12-slim\nCOPY . /app\nCOPY . /again\n"
    assert lint(text, "PDL451", context=context) == [
        ("PDL451", 2, 6, 2, 7, "COPY . copies credential-looking files .env, deploy/id_rsa, tls/key.pem and 1 more "
                               "into the image: list them in .dockerignore"),
    ]


def test_secrets_kept_out_by_the_ignore_file_are_not_reported():
    context = context_from_files(((".dockerignore", "**/.env\n*.pem\n"), (".env", ""), ("sub/.env", ""),
                                  ("key.pem", ""), ("sub/key.pem", "")))
    assert lint("FROM alpine:3.20\nCOPY . /app\n", "PDL451", context=context) == [
        ("PDL451", 2, 6, 2, 7, "COPY . copies credential-looking file sub/key.pem into the image: "
                               "list it in .dockerignore"),
    ]


def test_junk_directories_are_named_with_why():
    context = context_from_files((("server.js", ""), ("node_modules/a/index.js", ""), (".git/", ""),
                                  ("pkg/__pycache__/m.pyc", "")))
    assert lint("FROM node:22-slim\nCOPY . .\n", "PDL452", context=context) == [
        ("PDL452", 2, 6, 2, 7, "COPY . copies node_modules/ (host-installed node_modules), .git/ (git history) and "
                               "__pycache__/ (Python bytecode caches) into the image: list them in .dockerignore"),
    ]
    ignored = context_from_files(((".dockerignore", ".git\nnode_modules\n**/__pycache__\n"), (".git/", ""),
                                  ("node_modules/a.js", ""), ("x/__pycache__/y.pyc", "")))
    assert lint("FROM node:22-slim\nCOPY . .\n", "PDL452", context=ignored) == []


def test_copy_ignored_file_names_the_pattern_and_its_line():
    context = BuildContext(".", IgnoreFile.parse("# build output\ndist\n*.md\n"))
    text = """
        FROM alpine:3.20
        COPY dist/app.bin README.md src/ /opt/
        ADD ./dist /srv
        COPY --from=alpine:3.20 /dist /x
        COPY docs/*.md $DIR/README.md /y/
    """
    assert lint(text, "PDL453", context=context) == [
        ("PDL453", 2, 6, 2, 18, "Copy source dist/app.bin is excluded by .dockerignore (line 2: dist), "
                                "so the builder never sees it"),
        ("PDL453", 2, 19, 2, 28, "Copy source README.md is excluded by .dockerignore (line 3: *.md), "
                                 "so the builder never sees it"),
        ("PDL453", 3, 5, 3, 11, "Add source ./dist is excluded by .dockerignore (line 2: dist), "
                                "so the builder never sees it"),
    ]


def test_copy_ignored_file_follows_buildkits_limits():
    text = "FROM alpine:3.20\nCOPY . /app\nCOPY secret.txt /app/\n"
    with_reinclude = BuildContext(".", IgnoreFile.parse("*.txt\n!keep.txt\n"))
    assert lint(text, "PDL453", context=with_reinclude) == []  # BuildKit skips files with `!` lines
    catch_all = BuildContext(".", IgnoreFile.parse("*\n"))
    assert [f[:3] for f in lint(text, "PDL453", context=catch_all)] == [("PDL453", 2, 6), ("PDL453", 3, 6)]


def test_load_build_context_reads_the_dockerfile_specific_ignore_file_first(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "svc").mkdir()
    (tmp_path / "svc" / "Dockerfile").write_text("FROM alpine:3.20\nCOPY . .\n")
    (tmp_path / "svc" / ".dockerignore").write_text("general\n")
    (tmp_path / "svc" / "Dockerfile.dockerignore").write_text("specific\n")
    (tmp_path / "svc" / "node_modules").mkdir()
    (tmp_path / "svc" / "node_modules" / "big.js").write_text("x" * 10)
    (tmp_path / "svc" / "app.py").write_text("print(1)\n")
    context = load_build_context(str(tmp_path / "svc" / "Dockerfile"), list_files=True)
    assert [p.text for p in context.ignore.patterns] == ["specific"]
    assert context.ignore.path == os.path.join(str(tmp_path / "svc"), "Dockerfile.dockerignore")
    assert [(f.path, f.size) for f in context.files] == [
        ("node_modules/", None), (".dockerignore", 8), ("Dockerfile", 26), ("Dockerfile.dockerignore", 9),
        ("app.py", 9)]
    assert context.other_ignore_files == ()


# --- PDL455 dockerignore-invalid-pattern ------------------------------------------------------------------------


def test_invalid_dockerignore_patterns_are_reported_on_their_line_of_the_ignore_file():
    context = context_from_files(((".dockerignore", ".git\n[abc\n!keep\\\n"), ("app.py", "")), root="ctx")
    from pydocklint.engine import lint_dockerfile, select_rules

    report = lint_dockerfile("FROM alpine:3.22\nCOPY app.py /app/\n", "ctx/Dockerfile", select_rules(["PDL455"]),
                             context=context)
    assert [(f.path, f.line, f.column, f.end_line, f.end_column, f.message) for f in report.findings] == [
        (".dockerignore", 2, 1, 2, 5, ".dockerignore line 2: '[abc' is not a valid pattern (unterminated character "
         "class): Docker refuses the build; escape the character or close the class"),
        (".dockerignore", 3, 1, 3, 7, ".dockerignore line 3: '!keep\\\\' is not a valid pattern (trailing backslash "
         "in pattern): Docker refuses the build; escape the character or close the class"),
    ]


def test_invalid_dockerignore_patterns_are_quiet_when_nothing_is_copied_from_the_context():
    context = context_from_files(((".dockerignore", "[abc\n"),))
    text = """
        FROM alpine:3.22 AS build
        RUN mkdir /out
        FROM alpine:3.22
        COPY --from=build /out /out
        ADD https://example.com/a.txt /a.txt
        COPY <<EOF /etc/motd
        hi
        EOF
        """
    assert lint(text, "PDL455", context=context) == []


def test_the_cli_reports_the_ignore_file_once_for_every_dockerfile_that_uses_it(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from pydocklint.cli import lint as lint_command

    monkeypatch.chdir(tmp_path)
    (tmp_path / ".dockerignore").write_text(".git\na[b-\n")
    (tmp_path / "Dockerfile").write_text("FROM alpine:3.22\nCOPY . /app\n")
    (tmp_path / "Dockerfile.dev").write_text("FROM alpine:3.22\nCOPY . /app\n")
    result = CliRunner().invoke(lint_command, ["--select", "PDL455", "."], catch_exceptions=False)
    assert (result.exit_code, result.stdout) == (1, (
        "./.dockerignore:2:1: error: .dockerignore line 2: 'a[b-' is not a valid pattern (unterminated character "
        "class): Docker refuses the build; escape the character or close the class [PDL455]\n"))
