"""PDL600-PDL605: stage names and references between stages."""

from tests.support import lint

REFERENCES = """
    FROM golang:1.23 AS build
    COPY --from=build /a /a
    COPY --from=0 /a /a
    COPY --from=Test /a /a
    COPY --from=tset /a /a
    COPY --from=nginx /a /a
    COPY --from=nginx:1.27 /a /a
    COPY --from=ghcr.io/org/tool /a /a
    COPY --from=$X /a /a
    COPY --from=5 /a /a
    FROM golang:1.23 AS test
    COPY --from=build /a /a
    COPY --from=BUILD /b /b
    FROM golang:1.23 AS Build
    FROM alpine:3.20 AS context
    FROM alpine:3.20 AS scratch
    RUN --mount=from=build,target=/x ls
"""


def test_duplicate_stage_names_compare_lower_cased():
    assert lint(REFERENCES, "PDL600") == [
        ("PDL600", 14, 21, 14, 26, "Duplicate stage name 'build' (first defined on line 1): "
                                   "stage names must be unique"),
    ]


def test_reserved_stage_names():
    assert lint(REFERENCES, "PDL601") == [
        ("PDL601", 15, 21, 15, 28, "Stage name 'context' is reserved: choose another name"),
        ("PDL601", 16, 21, 16, 28, "Stage name 'scratch' is reserved: choose another name"),
    ]


def test_copy_from_unknown_or_later_stage_but_not_images_or_variables():
    assert lint(REFERENCES, "PDL602") == [
        ("PDL602", 4, 6, 4, 17, "Stage 'Test' is defined later (line 11): define it before the stage that copies "
                                "from it"),
        ("PDL602", 5, 6, 5, 17, "No stage named 'tset' is defined: Docker will pull the image 'tset' unless the "
                                "build passes --build-context tset=..."),
        ("PDL602", 6, 6, 6, 18, "No stage named 'nginx' is defined: Docker will pull the image 'nginx' unless the "
                                "build passes --build-context nginx=..."),
        ("PDL602", 10, 6, 10, 14, "No stage has index 5: this file has 5 stages, counted from 0"),
    ]


def test_copy_from_a_misspelt_stage_suggests_the_name_and_index_counts_as_a_stage():
    text = """
        FROM golang:1.23 AS build
        RUN go version > /v
        FROM alpine:3.20 AS test
        COPY --from=biuld /v /v
        COPY --from=2 /v /v
        FROM alpine:3.20
        COPY --from=build /v /v
    """
    assert lint(text, "PDL602") == [
        ("PDL602", 4, 6, 4, 18, "No stage named 'biuld' is defined: did you mean 'build'?"),
        ("PDL602", 5, 6, 5, 14, "Stage '2' is defined later (line 6): define it before the stage that copies from it"),
    ]


def test_copy_from_unknown_stage_stays_quiet_when_stage_names_use_variables():
    text = """
        ARG NAME=first
        FROM alpine:3.20 AS ${NAME}
        FROM alpine:3.20
        COPY --from=first /a /a
    """
    assert lint(text, "PDL602") == []


def test_copy_from_own_stage_by_name_or_index():
    assert lint(REFERENCES, "PDL603") == [
        ("PDL603", 2, 6, 2, 18, "COPY --from=build copies from the stage it is in: Docker fails with a circular "
                                "dependency; copy from another stage"),
        ("PDL603", 3, 6, 3, 14, "COPY --from=0 copies from the stage it is in: Docker fails with a circular "
                                "dependency; copy from another stage"),
    ]


def test_copy_whole_filesystem_over_an_image_but_not_into_scratch_or_from_xx():
    text = """
        FROM debian:12-slim AS a
        COPY --from=tools / /
        COPY --from=tools /. /
        COPY --from=tools /opt /opt
        COPY --from=tonistiigi/xx:1.5.0 / /
        COPY / /
        FROM tonistiigi/xx:1.5.0 AS xx
        FROM a
        COPY --from=xx / /
        FROM scratch AS flat
        COPY --from=a / /
        FROM flat
        COPY --from=a / /
        FROM debian:12-slim
        COPY --from=flat / /
    """
    assert lint(text, "PDL604") == [
        ("PDL604", 2, 1, 2, 22, "COPY --from=tools / / copies a whole filesystem over this image's: copy only "
                                "the directories needed"),
        ("PDL604", 3, 1, 3, 23, "COPY --from=tools /. / copies a whole filesystem over this image's: copy only "
                                "the directories needed"),
    ]


def test_unused_stages_follow_from_copy_and_mounts_through_arg_defaults():
    text = """
        ARG FLAVOR=slim
        FROM alpine:3.20 AS base
        FROM base AS deps
        FROM golang:1.23 AS tools
        FROM alpine:3.20 AS cache
        FROM alpine:3.20
        FROM alpine:3.20 AS build-slim
        FROM alpine:3.20 AS build-full
        FROM build-${FLAVOR} AS final
        COPY --from=deps /a /a
        RUN --mount=type=cache,from=cache,target=/c \\
            --mount=type=bind,from=tools,source=/go,target=/go true
    """
    assert lint(text, "PDL605") == [
        ("PDL605", 6, 1, 6, 5, "Stage 4 (unnamed) is not used by the final stage and cannot be a --target: "
                               "remove it, or name it and use it"),
        ("PDL605", 8, 21, 8, 31, "Stage 'build-full' is not used by the final stage: it is built only with "
                                 "--target; remove it if it is not needed"),
    ]


def test_unused_stages_stay_quiet_when_a_reference_is_decided_at_build_time():
    text = """
        ARG FLAVOR
        FROM alpine:3.20 AS build-slim
        FROM alpine:3.20 AS build-full
        FROM build-${FLAVOR}
    """
    assert lint(text, "PDL605") == []
    assert lint("FROM alpine:3.20 AS only\n", "PDL605") == []
