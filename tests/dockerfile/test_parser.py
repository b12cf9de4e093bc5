"""Focused behaviour of the parser: positions, errors and their spans, directives, line endings."""

from __future__ import annotations

import pytest

from pydocklint.dockerfile.ast import Directive, ParseError, ParseWarning, Segment
from pydocklint.dockerfile.dump import dumps, go_lower, go_quote, to_oracle
from pydocklint.dockerfile.parser import _DockerfileParser, parse

try:
    from hypothesis import given, settings
    from hypothesis import strategies as st
except ImportError:  # optional: without it the two property tests are not defined
    given = None


def word_position(node, word: str) -> tuple[int, int]:
    return node.position(node.original.index(word))


# --------------------------------------------------------------------------- positions


def test_continued_run_maps_words_to_their_physical_lines() -> None:
    parsed = parse("FROM alpine\nRUN apt-get update \\\n    && apt-get install -y \\\n       curl\n")
    run = parsed.nodes[1]
    assert run.original == "RUN apt-get update     && apt-get install -y        curl"
    assert run.segments == (Segment(0, 2, 1), Segment(19, 3, 1), Segment(45, 4, 1))
    assert word_position(run, "update") == (2, 13)
    assert word_position(run, "install") == (3, 16)
    assert word_position(run, "curl") == (4, 8)
    assert run.position(len(run.original)) == (4, 12)  # just after the last character


def test_indented_first_line_starts_at_the_keyword() -> None:
    run = parse("FROM a\n   RUN echo \\\n  hi\n").nodes[1]
    assert run.segments[0] == Segment(0, 2, 4)
    assert word_position(run, "RUN") == (2, 4)
    assert word_position(run, "echo") == (2, 8)
    assert word_position(run, "hi") == (3, 3)


def test_crlf_lines_have_the_same_columns() -> None:
    parsed = parse("FROM a\r\n   RUN echo \\\r\n  hi\r\n")
    run = parsed.nodes[1]
    assert parsed.lines == ("FROM a", "   RUN echo \\", "  hi")
    assert run.original == "RUN echo   hi"
    assert word_position(run, "hi") == (3, 3)


def test_comment_and_blank_lines_inside_a_continuation_are_skipped() -> None:
    parsed = parse("FROM a\nRUN a \\\n  # note\n  b \\\n\n  c\n")
    run = parsed.nodes[1]
    assert run.original == "RUN a   b   c"
    assert (run.start_line, run.end_line) == (2, 6)
    assert run.segments == (Segment(0, 2, 1), Segment(6, 4, 1), Segment(10, 6, 1))
    assert word_position(run, "b") == (4, 3)
    assert word_position(run, "c") == (6, 3)
    assert parsed.warnings == (ParseWarning("line 6: Empty continuation line found in: RUN a   b   c", 6),)


def test_bom_does_not_shift_columns() -> None:
    parsed = parse("\ufeffFROM alpine\nRUN x\n")
    assert parsed.lines[0] == "FROM alpine"
    assert parsed.nodes[0].segments == (Segment(0, 1, 1),)
    assert word_position(parsed.nodes[0], "alpine") == (1, 6)


def test_escape_only_line_starts_the_instruction_but_positions_follow_the_text() -> None:
    run = parse("FROM a\n\\\nRUN x\n").nodes[1]
    assert (run.start_line, run.end_line) == (2, 3)
    assert run.segments == (Segment(0, 3, 1),)


def test_onbuild_trigger_has_its_own_text_and_positions() -> None:
    onbuild = parse("FROM a\n  ONBUILD RUN --mount=type=cache,target=/c \\\n    make\n").nodes[1]
    trigger = onbuild.trigger
    assert (onbuild.keyword, onbuild.flags, onbuild.args) == ("ONBUILD", (), ("make",))
    assert (trigger.keyword, trigger.flags, trigger.args) == ("RUN", ("--mount=type=cache,target=/c",), ("make",))
    assert trigger.original == "RUN --mount=type=cache,target=/c     make"
    assert trigger.segments == (Segment(0, 2, 11), Segment(33, 3, 1))
    assert word_position(trigger, "--mount") == (2, 15)
    assert word_position(trigger, "make") == (3, 5)
    assert (trigger.start_line, trigger.end_line) == (2, 3)


def test_onbuild_heredocs_belong_to_onbuild_and_its_trigger() -> None:
    onbuild = parse("FROM a\nONBUILD RUN <<EOF\necho hi\nEOF\n").nodes[1]
    assert [doc.content for doc in onbuild.heredocs] == ["echo hi\n"]
    assert onbuild.trigger.heredocs == onbuild.heredocs
    assert onbuild.end_line == 4


# --------------------------------------------------------------------------- errors and their spans


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("FROM a\n  RUN <<EOF\necho hi\n", ParseError("unterminated heredoc", 2, 3, 3, 8)),
        ("FROM a\nRUN echo $(( 1 << 2 ))\nRUN x\n", ParseError("unterminated heredoc", 2, 1, 3, 6)),
        ("FROM a\nENV \\\n    ONLYKEY\nRUN x\n", ParseError("ENV must have two arguments", 2, 1, 3, 12)),
        ("FROM a\nLABEL A=1 B\n", ParseError(
            "Syntax error - can't find = in \"B\". Must be of the form: name=value", 2, 1, 2, 12)),
        ("FROM a\n  CMD [1, 2]\n", ParseError(
            "when using JSON array syntax, arrays must be comprised of strings only", 2, 3, 2, 13)),
        ("FROM a\nONBUILD ENV A\n", ParseError("ENV must have two arguments", 2, 1, 2, 14)),
        ("FROM a\nONBUILD RUN [null]\n", ParseError(
            "when using JSON array syntax, arrays must be comprised of strings only", 2, 1, 2, 19)),
        ("# syntax=x\n#escape=\\\n  # ESCAPE=`\nFROM a\n", ParseError(
            "only one escape parser directive can be used", 3, 3, 3, 13)),
        ("# escape = x\nFROM a\n", ParseError("invalid escape token 'x' does not match ` or \\", 1, 1, 1, 13)),
        ("", ParseError("file with no instructions", 1, 1, 1, 1)),
        ("# a\n\n# bc\n", ParseError("file with no instructions", 1, 1, 3, 5)),
        ("\n\n", ParseError("file with no instructions", 1, 1, 2, 1)),
    ],
)
def test_error_messages_and_spans(text: str, error: ParseError) -> None:
    parsed = parse(text)
    assert parsed.error == error
    assert parsed.nodes == ()
    assert to_oracle(parsed) == {"error": error.message, "escape": None, "warnings": [], "instructions": []}


def test_blank_env_name_is_left_to_the_instructions_layer() -> None:
    parsed = parse("FROM a\nENV =x\n")
    assert parsed.error is None
    assert parsed.nodes[1].args == ("", "x", "=")


def test_error_keeps_what_was_read_before_it() -> None:
    parsed = parse("# escape=`\nFROM a\nRUN <<EOF\n")
    assert parsed.escape == "`"
    assert parsed.directives == (Directive("escape", "`", 1),)
    assert parsed.lines == ("# escape=`", "FROM a", "RUN <<EOF")


TOO_LONG = "dockerfile line greater than max allowed size of 65535"


def test_line_of_65535_bytes_is_accepted() -> None:
    parsed = parse("FROM a\nRUN " + "x" * 65531 + "\n")
    assert parsed.error is None
    assert len(parsed.nodes[1].args[0]) == 65531


def test_longer_line_is_an_error_on_that_line() -> None:
    parsed = parse("FROM a\nRUN " + "x" * 65532 + "\nRUN y\n")
    assert parsed.error == ParseError(TOO_LONG, 2, 1, 2, 65537)


def test_line_length_counts_utf8_bytes() -> None:
    parsed = parse("FROM a\nRUN " + "\u00e9" * 32766)  # 4 + 65,532 bytes, no final newline
    assert parsed.error == ParseError(TOO_LONG, 2, 1, 2, 32771)


def test_line_length_counts_the_bom_on_line_one() -> None:
    assert parse("#" * 65533 + "\nFROM a\n").error is None
    assert parse("\ufeff" + "#" * 65533 + "\nFROM a\n").error == ParseError(
        "file with no instructions", 1, 1, 1, 65534)  # the scanner stops before any instruction


def test_overlong_line_inside_heredoc_leaves_it_unterminated() -> None:
    parsed = parse("FROM a\nRUN <<EOF\n" + "x" * 70000 + "\nEOF\n")
    assert parsed.error == ParseError("unterminated heredoc", 2, 1, 2, 10)


# --------------------------------------------------------------------------- directives and comments


def test_directive_lines_keys_and_values() -> None:
    parsed = parse("# syntax=docker/dockerfile:1\n  # CHECK = skip=all\n# escape=`\n# not=directive\nFROM a\n")
    assert parsed.directives == (
        Directive("syntax", "docker/dockerfile:1", 1),
        Directive("check", "skip=all", 2),
        Directive("escape", "`", 3),
    )
    assert parsed.escape == "`"
    assert parsed.nodes[0].prev_comment == ("not=directive",)


def test_shebang_ends_the_directive_block() -> None:
    parsed = parse("#!/usr/bin/env docker\n# escape=`\nFROM a\nRUN a `\n")
    assert parsed.directives == ()
    assert parsed.escape == "\\"
    assert parsed.nodes[1].args == ("a `",)


def test_comment_block_survives_blank_lines_and_resets_on_empty_comment() -> None:
    parsed = parse("# one\n\n# two\nFROM a\n# gone\n#\n  # kept\nRUN x\n")
    assert parsed.nodes[0].prev_comment == ("one", "two")
    assert parsed.nodes[1].prev_comment == ("# kept",)  # BuildKit drops the line's first byte only


# --------------------------------------------------------------------------- line endings and encodings


def test_crlf_heredoc_content_keeps_its_line_endings() -> None:
    parsed = parse("FROM a\r\nRUN <<-EOF\r\necho hi\r\n\tEOF\r\nRUN x\r\n")
    run = parsed.nodes[1]
    assert [(doc.name, doc.chomp, doc.content) for doc in run.heredocs] == [("EOF", True, "echo hi\r\n")]
    assert (run.start_line, run.end_line) == (2, 4)
    assert parsed.nodes[2].start_line == 5


def test_heredoc_body_without_final_newline() -> None:
    parsed = parse("FROM a\nCOPY <<A <<B /d\nx\nA\ny")
    assert parsed.error == ParseError("unterminated heredoc", 2, 1, 5, 2)
    copy = parse("FROM a\nCOPY <<A <<B /d\nx\nA\ny\nB").nodes[1]
    assert [doc.content for doc in copy.heredocs] == ["x\n", "y\n"]


def test_carriage_return_alone_is_not_a_line_break() -> None:
    parsed = parse("FROM alpine\rRUN echo hi\r")
    assert parsed.lines == ("FROM alpine\rRUN echo hi",)
    assert len(parsed.nodes) == 1
    assert parsed.nodes[0].args == ("alpine", "RUN", "echo", "hi")


def test_flags_are_read_byte_by_byte_like_buildkit() -> None:
    copy = parse("FROM a\nCOPY --chown=jos\u00e9 a b\n").nodes[1]
    assert copy.flags == ("--chown=jos\u00c3\u00a9",)
    assert copy.args == ("a", "b")


# --------------------------------------------------------------------------- heredoc markers


@pytest.mark.parametrize(
    ("line", "markers"),
    [
        ("RUN <<EOF", [("EOF", 0, True, False)]),
        ("RUN << EOF", [("EOF", 0, True, False)]),
        ("RUN <<-EOF", [("EOF", 0, True, True)]),
        ("RUN <<- EOF", []),  # the lexer splits "<<-" from "EOF": not a heredoc
        ("RUN << -EOF", [("-EOF", 0, True, False)]),
        ("RUN 3<<'EOF' cat /dev/fd/3", [("EOF", 3, False, False)]),
        ("RUN <<E\"O\"F", [("EOF", 0, False, False)]),
        ("RUN <<eo\\'f", [("eo'f", 0, True, False)]),
        ("RUN <<$NAME", [("$NAME", 0, True, False)]),
        ('RUN "<<EOF" <<<here', []),
        ("RUN <<EOF it's", []),  # an unbalanced quote disables heredocs for the line
        ('RUN ["<<EOF"]', []),
    ],
)
def test_heredoc_markers(line: str, markers: list) -> None:
    names = [name for name, *_ in markers]
    run = parse("FROM a\n" + line + "\n" + "".join(f"{name}\n" for name in names)).nodes[1]
    assert [(doc.name, doc.file_descriptor, doc.expand, doc.chomp) for doc in run.heredocs] == markers


# --------------------------------------------------------------------------- JSON form


@pytest.mark.parametrize(
    ("arguments", "args", "is_json"),
    [
        ('["a", "b"]', ("a", "b"), True),
        ('[ ]', (), True),
        ('["a"] trailing', ('["a"] trailing',), False),
        ("['a']", ("['a']",), False),
        ("[1e999]", ("[1e999]",), False),  # out of float64 range: a decode error, not a non-string
        ("[NaN]", ("[NaN]",), False),
        ('["\\ud800x"]', ("\ufffdx",), True),
        ("[" * 20000 + "]" * 20000, ("[" * 20000 + "]" * 20000,), False),  # deeper than Go allows
    ],
)
def test_exec_form_detection(arguments: str, args: tuple, is_json: bool) -> None:
    cmd = parse("FROM a\nCMD " + arguments + "\n").nodes[1]
    assert (cmd.args, cmd.json) == (args, is_json)


def test_deep_json_within_go_limits_is_a_non_string_array() -> None:
    parsed = parse("FROM a\nCMD " + "[" * 5000 + "]" * 5000 + "\n")
    assert parsed.error.message == "when using JSON array syntax, arrays must be comprised of strings only"


# --------------------------------------------------------------------------- dumps


def test_go_quote_escapes_like_strconv_quote() -> None:
    assert go_quote('a"b\\c') == '"a\\"b\\\\c"'
    assert go_quote("\t\n\x01\x7f") == '"\\t\\n\\x01\\x7f"'
    assert go_quote("\u00a0\u00e9\ufeff\U0001f600") == '"\\u00a0\u00e9\\ufeff\U0001f600"'


def test_go_lower_is_rune_by_rune() -> None:
    assert go_lower("RUN") == "run"
    assert go_lower("\u0130\u03a3") == "i\u03c3"


def test_dump_nests_onbuild_triggers() -> None:
    parsed = parse("FROM a\nonbuild COPY --from=b x y\nONBUILD ONBUILD RUN z\nONBUILD\n")
    oracle = to_oracle(parsed)["instructions"]
    assert [(i["sub_cmd"], i["value"], i["dump"]) for i in oracle[1:]] == [
        ("COPY", ["x", "y"], '(onbuild (copy ["--from=b"] "x" "y"))'),
        ("ONBUILD", [""], '(onbuild (onbuild (run "z")))'),
        (None, [], "(onbuild)"),
    ]
    assert dumps(parsed).startswith('{\n "error": null,\n "escape": "\\\\",')


# --------------------------------------------------------------------------- size and robustness


def test_thousand_runs_and_envs_parse_in_one_pass() -> None:
    lines = ["FROM alpine"]
    lines += [f"RUN echo {i} && \\\n    apk add pkg{i}" for i in range(1000)]
    lines += [f'ENV KEY_{i}="value {i}" OTHER_{i}=x' for i in range(1000)]
    parsed = parse("\n".join(lines) + "\n")
    assert parsed.error is None
    assert len(parsed.nodes) == 2001
    assert parsed.nodes[1000].args == ("echo 999 &&     apk add pkg999",)
    assert parsed.nodes[1000].end_line == 2001
    assert parsed.nodes[-1].args == ("KEY_999", '"value 999"', "=", "OTHER_999", "x", "=")
    assert parsed.nodes[-1].start_line == 3001


def test_deep_onbuild_chain_needs_no_recursion() -> None:
    parsed = parse("FROM a\n" + "ONBUILD " * 5000 + "RUN x\n")
    assert parsed.error is None
    assert to_oracle(parsed)["instructions"][1]["dump"].endswith('(run "x"' + ")" * 5001)


if given is not None:  # property tests, when hypothesis is installed
    FRAGMENTS = st.sampled_from([
        "FROM alpine", "RUN echo hi", "RUN a \\", "  b \\", "\\", "`", "# escape=`", "# syntax=x", "#",
        "# comment \\", "", "   ", "\t", "ONBUILD RUN <<EOF", "COPY <<A <<B /d", "EOF", "A", "\tB", "RUN <<-B",
        'CMD ["a", 1]', "CMD [", 'ENTRYPOINT ["a"] x', "ENV A B C", "ENV A=1 B", "ENV A", "LABEL 'a b'=c",
        "ARG x=\"y", "HEALTHCHECK --interval=1s CMD [\"x\"]", "HEALTHCHECK", "COPY --from=x -- --y /", "ONBUILD",
        "RUN --mount=\"a b\" x", "RUN cat <<EOF>/f", "RUN $(( 1 << 2 ))", "RUN <<'Q' it's", "RUN ${x:-a b}<<C",
        "\ufeffFROM a", "RUN \u00a0x", "COPY --chown=\u00e9\u0800 a b", "ONBUILD --x=\u0800y RUN z", "x\r",
    ])
    DOCKERFILES = st.lists(FRAGMENTS | st.text(max_size=12), max_size=12).map("\n".join) | st.text()

    @settings(max_examples=400, deadline=None)
    @given(DOCKERFILES)
    def test_any_text_parses_without_exception(text: str) -> None:
        parsed = _DockerfileParser(text).parse()  # not parse(): its safety net would hide a bug
        assert (parsed.error is None) == bool(parsed.nodes)
        to_oracle(parsed)
        dumps(parsed)

    @settings(max_examples=400, deadline=None)
    @given(DOCKERFILES)
    def test_every_character_of_original_maps_to_its_physical_line(text: str) -> None:
        parsed = _DockerfileParser(text).parse()
        for top in parsed.nodes:
            node = top
            while node is not None:
                if "\ufffd" not in node.original:  # bytes re-decoded after BuildKit split a character
                    for offset, char in enumerate(node.original):
                        line, column = node.position(offset)
                        assert parsed.lines[line - 1][column - 1] == char
                node = node.trigger
