"""The errors that make Docker refuse a file, each at its exact place."""

from tests.support import lint


def test_unknown_instruction_suggests_the_closest_keyword():
    assert lint("""
        FROM alpine:3.20
        RUNN echo hi
        frm x
    """, "PDL002") == [
        ("PDL002", 2, 1, 2, 5, "unknown instruction: RUNN (did you mean RUN?)"),
        ("PDL002", 3, 1, 3, 4, "unknown instruction: frm (did you mean from?)"),
    ]


def test_unknown_instruction_without_a_close_keyword_has_no_suggestion():
    assert lint("FROM alpine\nFROBNICATE now\n", "PDL002") == [
        ("PDL002", 2, 1, 2, 11, "unknown instruction: FROBNICATE"),
    ]


def test_unknown_flag_points_at_the_flag_word():
    assert lint("FROM alpine\nCOPY --chwon=app:app . /app\n", "PDL003") == [
        ("PDL003", 2, 6, 2, 21, "unknown flag: --chwon for COPY (did you mean --chown?)"),
    ]


def test_leading_double_dash_words_are_flags_even_for_cmd():
    assert lint("FROM alpine\nCMD --help\n", "PDL003") == [
        ("PDL003", 2, 5, 2, 11, "unknown flag: --help for CMD (CMD takes no flags)"),
    ]


def test_duplicate_missing_and_malformed_flag_values():
    found = lint("""
        FROM alpine AS a
        COPY --from=a --from=a /x /y
        COPY --from /x /y
        COPY --link=maybe /x /y
        RUN --network=bridge true
        HEALTHCHECK --interval=5 --retries=three CMD true
        HEALTHCHECK NONE
    """, "PDL003")
    assert found == [
        ("PDL003", 2, 15, 2, 23, "duplicate flag specified: --from"),
        ("PDL003", 3, 6, 3, 12, "missing a value on flag: --from (write --from=VALUE)"),
        ("PDL003", 4, 6, 4, 18, "expecting boolean value for flag --link, not: 'maybe'"),
        ("PDL003", 5, 5, 5, 21, "unsupported network mode 'bridge' (use default, none or host)"),
        ("PDL003", 6, 13, 6, 25, "--interval=5 is not a duration (write e.g. 30s, 1m30s)"),
        ("PDL003", 6, 26, 6, 41, "--retries must be a whole number, not 'three'"),
    ]


def test_flags_of_arg_stopsignal_and_healthcheck_none_are_not_validated():
    assert lint("""
        ARG --whatever=1 V=1
        FROM alpine
        STOPSIGNAL --odd SIGTERM
        HEALTHCHECK --bogus NONE
    """, "PDL003") == []


def test_a_variable_in_copy_from_is_an_error():
    assert lint("FROM alpine\nCOPY --from=$STAGE /a /b\n", "PDL003") == [
        ("PDL003", 2, 6, 2, 19, "variable expansion is not supported for --from=$STAGE: define a stage with "
                                "`FROM <image with the ARG> AS name` and copy from it (podman expands it, Docker fails)"),
    ]


def test_flags_continued_over_lines_are_located_on_their_own_line():
    assert lint("FROM alpine\nCOPY --link \\\n     --chwon=1 /a /b\n", "PDL003") == [
        ("PDL003", 3, 6, 3, 15, "unknown flag: --chwon for COPY (did you mean --chown?)"),
    ]


def test_from_with_a_trailing_comment_has_too_many_arguments():
    assert lint("FROM node:20 # base image\n", "PDL004") == [
        ("PDL004", 1, 1, 1, 26, "FROM requires either one argument (FROM image) or three "
                                "(FROM image AS name), got 4"),
    ]


def test_invalid_stage_name_points_at_the_name():
    assert lint("FROM node:20 AS 1st\n", "PDL004") == [
        ("PDL004", 1, 17, 1, 20, "invalid name for build stage: '1st', name can't start with a number "
                                 "or contain symbols"),
    ]


def test_upper_case_stage_names_are_valid_because_buildkit_lower_cases_them():
    assert lint("FROM node:20 AS Build\nFROM build\n", "PDL004") == []


def test_only_arg_may_come_before_from():
    assert lint("""
        ARG BASE=alpine
        ENV A=1
        FROM $BASE
    """, "PDL005") == [
        ("PDL005", 2, 1, 2, 4, "no build stage in current context: only ARG may come before the first FROM, not ENV"),
    ]


def test_a_file_without_from_gets_one_error():
    assert lint("ARG A=1\nCMD [\"a\"]\nCMD [\"b\"]\n", "PDL005") == [
        ("PDL005", 1, 1, 1, 4, "dockerfile contains no stages to build: there is no FROM"),
    ]


def test_forbidden_onbuild_triggers():
    assert lint("""
        FROM alpine
        ONBUILD ONBUILD RUN true
        ONBUILD from alpine
        ONBUILD RUN true
    """, "PDL006") == [
        ("PDL006", 2, 1, 2, 25, "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed"),
        ("PDL006", 3, 1, 3, 20, "FROM as an ONBUILD trigger isn't allowed"),
    ]


def test_onbuild_trigger_flags_are_validated_at_the_trigger():
    assert lint("FROM alpine\nONBUILD COPY --chwon=1 a b\n", "PDL003") == [
        ("PDL003", 2, 14, 2, 23, "unknown flag: --chwon for COPY (did you mean --chown?)"),
    ]


def test_shell_must_be_json():
    assert lint('FROM alpine\nSHELL /bin/sh -c\nSHELL ["/bin/sh", "-c"]\n', "PDL007") == [
        ("PDL007", 2, 1, 2, 17, 'SHELL requires the arguments to be in JSON form, e.g. SHELL ["/bin/bash", "-c"]'),
    ]


def test_argument_counts():
    found = lint("""
        FROM alpine
        COPY app.conf
        ADD --chown=1 x
        USER
        WORKDIR
        EXPOSE
        VOLUME ["/data", ""]
        HEALTHCHECK CMD
        HEALTHCHECK NONE now
        HEALTHCHECK PING x
        SHELL []
        COPY x <<EOF
        hello
        EOF
        CMD
        ENTRYPOINT
        USER app with spaces
        ENV =x
        ARG =1
    """, "PDL008")
    assert found == [
        ("PDL008", 2, 1, 2, 14, "COPY requires at least two arguments, but only one was provided: "
                                "the destination could not be determined"),
        ("PDL008", 3, 1, 3, 16, "ADD requires at least two arguments, but only one was provided: "
                                "the destination could not be determined"),
        ("PDL008", 4, 1, 4, 5, "USER requires exactly one argument"),
        ("PDL008", 5, 1, 5, 8, "WORKDIR requires exactly one argument"),
        ("PDL008", 6, 1, 6, 7, "EXPOSE requires at least one argument"),
        ("PDL008", 7, 1, 7, 21, "VOLUME specified can not be an empty string"),
        ("PDL008", 8, 1, 8, 16, "missing command after HEALTHCHECK CMD"),
        ("PDL008", 9, 1, 9, 21, "HEALTHCHECK NONE takes no arguments"),
        ("PDL008", 10, 1, 10, 19, "unknown type 'PING' in HEALTHCHECK (try CMD)"),
        ("PDL008", 11, 1, 11, 9, "SHELL requires at least one argument"),
        ("PDL008", 12, 1, 12, 13, "COPY cannot accept a heredoc as a destination"),
        ("PDL008", 18, 1, 18, 7, "ENV names can not be blank"),
        ("PDL008", 19, 1, 19, 7, "ARG names can not be blank"),
    ]


def test_parse_error_is_the_only_finding_and_is_located():
    text = "FROM alpine\nRUN <<EOF\necho never ends\n"
    found = lint(text)
    assert [f[0] for f in found] == ["PDL001"]
    code, line, column, end_line, end_column, message = found[0]
    assert (line, column, message) == (2, 1, "unterminated heredoc")


def test_empty_continuation_is_reported_on_the_blank_line():
    assert lint("FROM alpine\nRUN echo a \\\n\n    b \\\n  \n    c\n", "PDL009") == [
        ("PDL009", 3, 1, 3, 1, "empty line inside the continued RUN (and 1 more): Docker skips it and the "
                               "instruction goes on; BuildKit warns this will become an error"),
    ]


def test_blank_lines_in_heredoc_bodies_and_comments_in_continuations_are_fine():
    assert lint("FROM alpine\nRUN echo a \\\n# note\n    b\nRUN <<EOF\necho x\n\nEOF\n", "PDL009") == []


def test_a_valid_file_has_no_syntax_findings():
    assert lint("""
        # syntax=docker/dockerfile:1
        ARG BASE=python:3.12-slim
        FROM ${BASE} AS build
        COPY --from=build --chown=app:app --link /src /dst
        RUN --mount=type=cache,target=/root/.cache pip install -r requirements.txt
        HEALTHCHECK --interval=30s --timeout=3s --retries=3 CMD curl -f http://localhost/ || exit 1
        ONBUILD COPY . /app
        SHELL ["/bin/bash", "-c"]
        ENTRYPOINT ["python"]
        CMD
    """, "PDL0") == []
