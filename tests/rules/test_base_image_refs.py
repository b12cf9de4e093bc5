"""PDL103-PDL109: floating tags, FROM variables and references, platforms, trusted registries."""

import textwrap

from pydocklint.config import Settings
from pydocklint.engine import lint_dockerfile, select_rules

from tests.support import lint

PIN = "which moves to new releases: pin a version (and a digest for a reproducible build)"


def test_floating_tags_but_not_versions_variants_code_names_or_digests():
    text = """
        ARG NODE=lts
        FROM node:lts-alpine
        FROM debian:stable-slim
        FROM jenkins/jenkins:2.452.2-lts-jdk17
        FROM rust:nightly-2024-05-01
        FROM nvidia/cuda:12.4.1-devel-ubuntu22.04
        FROM ubuntu:devel
        FROM debian:bookworm
        FROM alpine:edge@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
        FROM node:${NODE}
        FROM node:latest
    """
    assert lint(text, "PDL103") == [
        ("PDL103", 2, 6, 2, 21, f"Base image node:lts-alpine uses the floating tag `lts-alpine`, {PIN}"),
        ("PDL103", 3, 6, 3, 24, f"Base image debian:stable-slim uses the floating tag `stable-slim`, {PIN}"),
        ("PDL103", 7, 6, 7, 18, f"Base image ubuntu:devel uses the floating tag `devel`, {PIN}"),
        ("PDL103", 10, 6, 10, 18, f"Base image node:${{NODE}} (= node:lts) uses the floating tag `lts`, {PIN}"),
    ]


FROM_VARIABLES = """
    ARG VERSION=3.20
    ARG TAG
    ARG BASE=alpine
    FROM --platform=$BUILDPLATFORM alpine:${VERSON}
    FROM --platform=${TARGETPLATFORM} alpine:$VERSION
    FROM --platform=$TARGETPLATFROM busybox:${TAG:-1.36}
    FROM busybox:${TAG}
    FROM ${BASE}:${MISSING:-3.20} AS m
    FROM ${EMPTY_UNDECLARED}
    FROM busybox${TAG:+:$TAG}
    FROM ${BASE}:$TARGETARCH
    FROM ${BASE}:${TAG}-$VERSION
"""


def test_undefined_args_in_from_with_suggestions_for_typos_of_declared_and_automatic_args():
    assert lint(FROM_VARIABLES, "PDL104") == [
        ("PDL104", 4, 39, 4, 48, "FROM argument 'VERSON' is not declared: did you mean VERSION?"),
        ("PDL104", 6, 17, 6, 32, "FROM argument 'TARGETPLATFROM' is not declared: did you mean TARGETPLATFORM?"),
        ("PDL104", 8, 14, 8, 30, "FROM argument 'MISSING' is not declared: declare ARG MISSING before the first FROM"),
        ("PDL104", 9, 6, 9, 25, "FROM argument 'EMPTY_UNDECLARED' is not declared: declare ARG EMPTY_UNDECLARED "
                                "before the first FROM"),
    ]


def test_invalid_references_with_default_arg_values():
    invalid = "it is not a valid image reference ([registry/]name[:tag][@digest])"
    assert lint(FROM_VARIABLES, "PDL105") == [
        ("PDL105", 7, 6, 7, 20, "Default value for ARG busybox:${TAG} results in empty or invalid base image name "
                                f"'busybox:' ({invalid}): give the ARG a default"),
        ("PDL105", 12, 6, 12, 29, "Default value for ARG ${BASE}:${TAG}-$VERSION results in empty or invalid base "
                                  f"image name 'alpine:-3.20' ({invalid}): give the ARG a default"),
    ]


def test_default_arg_naming_an_earlier_stage_is_valid():
    text = """
        ARG STAGE=build
        FROM alpine:3.20 AS build
        FROM ${STAGE}
    """
    assert lint(text, "PDL105") == []


PLATFORMS = """
    FROM Alpine:3.20
    FROM alpine:
    FROM "node:22"
    FROM localhost:5000/team/app:1.0 AS Build
    FROM build
    FROM scratch
    FROM alpine@sha256:abc
    FROM --platform=$TARGETPLATFORM alpine:3.20 AS b
    FROM --platform=linux/amd64 alpine:3.20
    FROM --platform=linux/arm64 alpine:3.20 AS build-arm64
    FROM --platform=windows/amd64 alpine:3.20 AS win
    FROM --platform=linux/$ARCH alpine:3.20
"""


def test_invalid_literal_references():
    invalid = "it is not a valid image reference ([registry/]name[:tag][@digest])"
    assert lint(PLATFORMS, "PDL106") == [
        ("PDL106", 1, 6, 1, 17, "Invalid base image reference 'Alpine:3.20': repository names must be lower-case"),
        ("PDL106", 2, 6, 2, 13, f"Invalid base image reference 'alpine:': {invalid}"),
        ("PDL106", 3, 6, 3, 15, f"Invalid base image reference '\"node:22\"': {invalid}"),
        ("PDL106", 7, 6, 7, 23, f"Invalid base image reference 'alpine@sha256:abc': {invalid}"),
    ]


def test_redundant_target_platform():
    assert lint(PLATFORMS, "PDL107") == [
        ("PDL107", 8, 6, 8, 32, "--platform=$TARGETPLATFORM is redundant: it is the default platform of every "
                                "stage; remove it"),
    ]


def test_constant_platform_unless_the_stage_is_named_for_it():
    advice = "use $BUILDPLATFORM or $TARGETPLATFORM, or build with --platform"
    assert lint(PLATFORMS, "PDL108") == [
        ("PDL108", 9, 6, 9, 28, f'FROM --platform flag should not use the constant value "linux/amd64": {advice}'),
        ("PDL108", 11, 6, 11, 30, f'FROM --platform flag should not use the constant value "windows/amd64": '
                                  f"{advice}"),
    ]


def _lint_with(text, options, code):
    settings = Settings(shared_options=options)
    report = lint_dockerfile(textwrap.dedent(text).lstrip("\n"), "Dockerfile", select_rules([code]),
                             settings=settings)
    return [(f.line, f.column, f.end_line, f.end_column, f.message) for f in report.findings]


TRUSTED = """
    FROM alpine:3.20 AS a
    FROM ghcr.io/org/app:1.0
    FROM localhost:5000/app:1.0
    COPY --from=a /a /a
    COPY --from=quay.io/org/tool:1.0 /t /t
    COPY --from=nginx:1.27 /n /n
"""


def test_untrusted_registries_need_configuration():
    assert lint(TRUSTED, "PDL109") == []
    assert _lint_with(TRUSTED, {"trusted-registries": ["docker.io"]}, "PDL109") == [
        (2, 6, 2, 25, "Base image ghcr.io/org/app:1.0 comes from ghcr.io, which is not a trusted registry"),
        (3, 6, 3, 28, "Base image localhost:5000/app:1.0 comes from localhost:5000, which is not a trusted registry"),
        (5, 6, 5, 33, "COPY --from=quay.io/org/tool:1.0 comes from quay.io, which is not a trusted registry"),
    ]
    assert [m[0] for m in _lint_with(TRUSTED, {"trusted-registries": ["docker.io", "*.io"]}, "PDL109")] == [3]


def test_from_rules_with_many_global_args_and_stages():
    # The cost (linear) is measured by benchmarks/bench_linear.py.
    text = "ARG " + " ".join(f"G{i}=1" for i in range(1000)) + "\n" + \
        "".join(f"FROM alpine:$X{i} AS s{i}\nCOPY --from=s{max(0, i - 1)} /a /a\n" for i in range(1000))
    findings = lint(text, "PDL101", "PDL102", "PDL103", "PDL104", "PDL105", "PDL106", "PDL602", "PDL605")
    # Every $X is undeclared (so no stage's base is known: none is called unused).
    assert findings == [("PDL104", 2 * i + 2, 13, 2 * i + 2, 16 + len(str(i)) - 1,
                         f"FROM argument 'X{i}' is not declared: declare ARG X{i} before the first FROM")
                        for i in range(1000)]


def test_tag_policy_reads_allowed_and_forbidden_tags_from_the_configuration():
    from pydocklint.config import settings_from_table
    from pydocklint.engine import lint_dockerfile, select_rules

    text = "ARG V=3.12-slim\nFROM python:$V\nFROM node:22-alpine\nFROM debian@sha256:0123\nFROM python:latest\n"

    def found(table):
        report = lint_dockerfile(text, "Dockerfile", select_rules(["PDL110"]), settings=settings_from_table(table, "t"))
        return [(f.line, f.column, f.end_column, f.message) for f in report.findings]

    assert found({}) == []
    assert found({"forbidden-tags": ["latest", "*-alpine"]}) == [
        (3, 6, 20, "Base image node:22-alpine uses the forbidden tag 22-alpine (forbidden-tags in the configuration)"),
        (5, 6, 19, "Base image python:latest uses the forbidden tag latest (forbidden-tags in the configuration)"),
    ]
    assert found({"allowed-tags": ["*-slim"]}) == [
        (3, 6, 20, "Base image node:22-alpine uses the tag 22-alpine, which allowed-tags in the configuration "
                   "does not list"),
        (5, 6, 19, "Base image python:latest uses the tag latest, which allowed-tags in the configuration "
                   "does not list"),
    ]
