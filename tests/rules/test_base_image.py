"""PDL101 base-image-untagged and PDL102 base-image-latest-tag."""

from tests.support import lint


def test_untagged_image_is_reported_at_the_image_word():
    assert lint("FROM python\n", "PDL101") == [
        ("PDL101", 1, 6, 1, 12, "Base image python has no tag: pin a version, e.g. python:<version>"),
    ]


def test_latest_is_reported_at_the_image_word():
    assert lint("FROM --platform=linux/amd64 python:latest AS app\n", "PDL102") == [
        ("PDL102", 1, 29, 1, 42, "Base image python:latest uses the floating `latest` tag: pin a version"),
    ]


def test_tags_digests_and_registry_ports():
    text = """
        FROM python:3.12-slim
        FROM python@sha256:0123456789abcdef
        FROM python:latest@sha256:0123456789abcdef
        FROM registry.example.com:5000/team/app
        FROM registry.example.com:5000/team/app:latest
        FROM registry.example.com:5000/team/app:1.4
    """
    assert lint(text, "PDL101", "PDL102") == [
        ("PDL101", 4, 6, 4, 40, "Base image registry.example.com:5000/team/app has no tag: "
                                "pin a version, e.g. registry.example.com:5000/team/app:<version>"),
        ("PDL102", 5, 6, 5, 47, "Base image registry.example.com:5000/team/app:latest uses the floating "
                                "`latest` tag: pin a version"),
    ]


def test_scratch_and_earlier_stages_are_not_images():
    text = """
        FROM golang:1.23 AS build
        FROM scratch
        FROM build
        COPY --from=build /app /app
    """
    assert lint(text, "PDL101", "PDL102") == []


def test_a_later_stage_name_is_an_image_reference():
    # FROM only refers to stages defined earlier; `app` here is pulled from a registry.
    assert lint("FROM app\nFROM alpine:3.20 AS app\n", "PDL101") == [
        ("PDL101", 1, 6, 1, 9, "Base image app has no tag: pin a version, e.g. app:<version>"),
    ]


def test_variables_resolve_through_global_arg_defaults():
    text = """
        ARG REGISTRY=docker.io/library
        ARG IMAGE=${REGISTRY}/node
        ARG TAG=latest
        FROM $IMAGE
        FROM ${IMAGE}:${TAG}
        FROM ${IMAGE}:${TAG:-22}
    """
    assert lint(text, "PDL101", "PDL102") == [
        ("PDL101", 4, 6, 4, 12, "Base image $IMAGE (= docker.io/library/node) has no tag: "
                                "pin a version, e.g. docker.io/library/node:<version>"),
        ("PDL102", 5, 6, 5, 21, "Base image ${IMAGE}:${TAG} (= docker.io/library/node:latest) uses the floating "
                                "`latest` tag: pin a version"),
        ("PDL102", 6, 6, 6, 25, "Base image ${IMAGE}:${TAG:-22} (= docker.io/library/node:latest) uses the "
                                "floating `latest` tag: pin a version"),
    ]


def test_a_variable_without_default_is_decided_at_build_time_so_stays_quiet():
    text = """
        ARG BASE
        ARG VERSION
        FROM $BASE
        FROM node:$VERSION
        FROM node${VERSION:+:$VERSION}
    """
    assert lint(text, "PDL101", "PDL102") == []
