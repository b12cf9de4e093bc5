"""PDL203 stage-name-casing, PDL204 from-as-casing, PDL205 legacy-key-value-format,
PDL206 invalid-definition-description."""

from tests.support import lint

STAGES = """
    FROM alpine:3.20 AS Build
    FROM alpine:3.20 as build2
    from alpine:3.20 AS build3
    From alpine:3.20 as build4
    FROM alpine:3.20 AS ok
    FROM alpine:3.20
"""


def test_stage_name_casing_points_at_the_name():
    assert lint(STAGES, "PDL203") == [
        ("PDL203", 1, 21, 1, 26, "Stage name 'Build' should be lower-case (build): Docker lower-cases it"),
    ]


def test_as_casing_follows_from_and_mixed_case_from_is_left_alone():
    assert lint(STAGES, "PDL204") == [
        ("PDL204", 2, 18, 2, 20, "'as' and 'FROM' keywords' casing do not match: write FROM ... AS"),
        ("PDL204", 3, 18, 3, 20, "'AS' and 'from' keywords' casing do not match: write from ... as"),
    ]


def test_as_casing_on_a_continued_from():
    assert lint("FROM alpine:3.20 \\\n  as build\n", "PDL204") == [
        ("PDL204", 2, 3, 2, 5, "'as' and 'FROM' keywords' casing do not match: write FROM ... AS"),
    ]


def test_legacy_env_and_label_forms_including_continuations_and_onbuild():
    text = """
        FROM alpine:3.20
        ENV A 1
        ENV B=2 C=3
        LABEL version 1.0
        ENV D \\
            two words
        ONBUILD ENV E 5
        ONBUILD ENV F=6
        ARG G 7
    """
    assert lint(text, "PDL205") == [
        ("PDL205", 2, 5, 2, 6, '"ENV A=value" should be used instead of the legacy "ENV A value" form'),
        ("PDL205", 4, 7, 4, 14, '"LABEL version=value" should be used instead of the legacy "LABEL version value" '
                                "form"),
        ("PDL205", 5, 5, 5, 6, '"ENV D=value" should be used instead of the legacy "ENV D value" form'),
        ("PDL205", 7, 13, 7, 14, '"ENV E=value" should be used instead of the legacy "ENV E value" form'),
    ]


def test_definition_descriptions_start_with_the_name():
    text = """
        # VERSION is the release
        ARG VERSION=1
        # the base
        ARG BASE=alpine:3.20
        # Two args
        ARG A=1 B=2
        # B and A
        ARG C=1 B2=2
        # builder builds it
        FROM alpine:3.20 AS builder
        # Not a description
        FROM alpine:3.20 AS final
        # no stage name, so no description
        FROM alpine:3.20
        # detached by an empty comment line
        #
        ARG NO_DESCRIPTION
    """
    assert lint(text, "PDL206") == [
        ("PDL206", 3, 1, 3, 11, "Comment for ARG should follow the format: `# BASE <description>`"),
        ("PDL206", 5, 1, 5, 11, "Comment for ARG should follow the format: `# <arg_key> <description>`"),
        ("PDL206", 7, 1, 7, 10, "Comment for ARG should follow the format: `# <arg_key> <description>`"),
        ("PDL206", 11, 1, 11, 20, "Comment for FROM should follow the format: `# final <description>`"),
    ]
