"""Whatever is in a repository gets a located finding or one clear error, never a traceback.

Dockerfile contents and file-system oddities; Compose and configuration cases join
when those parts land.
"""

from __future__ import annotations

import codecs
import os

import pytest
from click.testing import CliRunner

from pydocklint.cli import lint
from pydocklint.engine import lint_dockerfile, select_rules
from pydocklint.source import SourceError, decode

ALL_RULES = select_rules()


def findings(text: str) -> list[tuple[str, int, str]]:
    report = lint_dockerfile(text, "Dockerfile", ALL_RULES)
    assert report.errors == []
    return [(f.code, f.line, f.message) for f in report.findings]


def syntax_findings(text: str) -> list[tuple[str, int, str]]:
    return [f for f in findings(text) if f[0] < "PDL1"]


def run(*args):
    return CliRunner().invoke(lint, list(args), catch_exceptions=False)


def test_empty_file_and_comment_only_file():
    assert findings("") == [("PDL001", 1, "file with no instructions")]
    assert findings("# just\n\n# comments\n") == [("PDL001", 1, "file with no instructions")]


def test_nul_bytes_are_a_located_error():
    with pytest.raises(SourceError) as raised:
        decode(b"FROM alpine\nRUN x\n\x00\x01binary")
    assert (raised.value.message, raised.value.line) == ("binary file: contains a NUL byte, so it is not a Dockerfile", 3)


def test_latin1_is_read_byte_for_byte_as_docker_does():
    text = decode("FROM alpine:3.20\nRUN echo été\n".encode("latin-1"))
    assert text == "FROM alpine:3.20\nRUN echo été\n"
    assert syntax_findings(text) == []


@pytest.mark.parametrize(("bom", "name"), [(codecs.BOM_UTF16_LE, "UTF-16"), (codecs.BOM_UTF16_BE, "UTF-16"),
                                           (codecs.BOM_UTF32_LE, "UTF-32")])
def test_utf16_and_utf32_are_refused_clearly(bom, name):
    with pytest.raises(SourceError) as raised:
        decode(bom + "FROM alpine\n".encode("utf-16-le"))
    assert raised.value.message == f"file is {name} encoded; Docker reads Dockerfiles as UTF-8"


def test_a_utf8_bom_is_fine():
    assert syntax_findings(decode(codecs.BOM_UTF8 + b"FROM alpine:3.20\n")) == []


def test_cr_only_line_endings_explain_the_error():
    assert syntax_findings("FROM alpine:3.20\rRUN echo hi\r") == [
        ("PDL004", 1, "FROM requires either one argument (FROM image) or three (FROM image AS name), got 4 "
                      "(the file has CR-only line endings, which Docker does not treat as line breaks)"),
    ]


def test_a_hundred_thousand_lines():
    text = "FROM alpine:3.20\n" + "".join(f"RUN echo {i} \\\n  && true\n" for i in range(50_000))
    assert len(text.splitlines()) == 100_001
    assert syntax_findings(text) == []


def test_a_line_over_64_kib_is_buildkits_error():
    assert findings("FROM alpine:3.20\nRUN echo " + "x" * 70_000 + "\n") == [
        ("PDL001", 2, "dockerfile line greater than max allowed size of 65535"),
    ]


def test_ten_thousand_heredocs():
    text = "FROM alpine:3.20\n" + "".join(f"RUN <<EOF\necho {i}\nEOF\n" for i in range(10_000))
    assert syntax_findings(text) == []


def test_deep_nesting_of_substitutions_and_quotes():
    nested = "FROM alpine:3.20\nRUN echo " + "$(echo " * 3000 + "x" + ")" * 3000 + "\n"
    quotes = "FROM alpine:3.20\nRUN echo \"" + "'\"" * 5000 + "\n"
    braces = "FROM alpine:3.20\nENV A=" + "${A:-" * 3000 + "x" + "}" * 3000 + "\n"
    for text in (nested, quotes, braces):
        assert syntax_findings(text) == []


def test_unterminated_quotes_and_heredocs():
    assert syntax_findings('FROM alpine:3.20\nRUN echo "never closed\n') == []  # the shell's problem, not Docker's
    assert findings("FROM alpine:3.20\nRUN cat <<EOF\nbody\n") == [("PDL001", 2, "unterminated heredoc")]


def test_every_instruction_without_arguments():
    keywords = ["RUN", "CMD", "ENTRYPOINT", "ENV", "ARG", "LABEL", "EXPOSE", "USER", "WORKDIR", "VOLUME", "COPY",
                "ADD", "SHELL", "STOPSIGNAL", "HEALTHCHECK", "ONBUILD", "MAINTAINER"]
    text = "FROM alpine:3.20\n" + "\n".join(keywords) + "\nFROM\n"
    assert syntax_findings(text) == [
        ("PDL008", 5, "ENV requires at least one argument"),
        ("PDL008", 6, "ARG requires at least one argument"),
        ("PDL008", 7, "LABEL requires at least one argument"),
        ("PDL008", 8, "EXPOSE requires at least one argument"),
        ("PDL008", 9, "USER requires exactly one argument"),
        ("PDL008", 10, "WORKDIR requires exactly one argument"),
        ("PDL008", 11, "VOLUME requires at least one argument"),
        ("PDL008", 12, "COPY requires at least two arguments, but none were provided: "
                       "the destination could not be determined"),
        ("PDL008", 13, "ADD requires at least two arguments, but none were provided: "
                       "the destination could not be determined"),
        ("PDL007", 14, 'SHELL requires the arguments to be in JSON form, e.g. SHELL ["/bin/bash", "-c"]'),
        ("PDL008", 15, "STOPSIGNAL requires exactly one argument"),
        ("PDL008", 16, "HEALTHCHECK requires at least one argument"),
        ("PDL008", 17, "ONBUILD requires at least one argument"),
        ("PDL008", 18, "MAINTAINER requires exactly one argument"),
        ("PDL004", 19, "FROM requires either one argument (FROM image) or three (FROM image AS name), got 0"),
    ]


# File system ------------------------------------------------------------------------------


def test_missing_path_is_reported_and_others_still_linted(tmp_path):
    (tmp_path / "Dockerfile").write_text("FROM python\n")
    result = run(str(tmp_path / "nope"), str(tmp_path / "Dockerfile"))
    assert result.exit_code == 2
    assert f"pydocklint: {tmp_path / 'nope'}: no such file or directory" in result.stderr
    assert "[PDL101]" in result.stdout


def test_a_fifo_is_not_read(tmp_path):
    os.mkfifo(tmp_path / "Dockerfile")
    result = run(str(tmp_path))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"pydocklint: {tmp_path / 'Dockerfile'}: error: not a regular file "
                                    "(a FIFO, socket or device), so it is not read\n")


def test_a_directory_named_dockerfile_is_walked(tmp_path):
    (tmp_path / "Dockerfile").mkdir()
    (tmp_path / "Dockerfile" / "Dockerfile").write_text("FROM python\n")
    result = run(str(tmp_path / "Dockerfile"))
    assert result.exit_code == 1
    assert result.stdout.startswith(f"{tmp_path / 'Dockerfile' / 'Dockerfile'}:1:6: warning:")


def test_symlink_loops(tmp_path):
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "up").symlink_to(tmp_path)  # a directory loop: the walk must not follow it
    (tmp_path / "sub" / "Dockerfile").write_text("FROM alpine:3.20\n")
    walked = run("--select", "PDL0", str(tmp_path))
    assert (walked.exit_code, walked.stdout) == (0, "")
    named = run(str(tmp_path / "a"))
    assert named.exit_code == 2
    assert "cannot read file: Too many levels of symbolic links" in named.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_unreadable_file(tmp_path):
    path = tmp_path / "Dockerfile"
    path.write_text("FROM alpine:3.20\n")
    path.chmod(0)
    result = run(str(path))
    assert result.exit_code == 2
    assert "cannot read file: Permission denied" in result.stderr


def test_a_file_that_vanishes_during_the_run(tmp_path, monkeypatch):
    from pydocklint import discover

    real_discover = discover.discover

    def discover_then_delete(paths):
        for target in real_discover(paths):
            os.remove(target.path)
            yield target

    (tmp_path / "Dockerfile").write_text("FROM alpine:3.20\n")
    monkeypatch.setattr(discover, "discover", discover_then_delete)
    result = run(str(tmp_path))
    assert result.exit_code == 2
    assert "cannot read file: No such file or directory" in result.stderr
