"""PDL111 base-image-end-of-life, PDL653 tls-verification-disabled and PDL326 apt-key-deprecated (issue 9)."""

from datetime import date

import pytest

from pydocklint.dockerfile.eol import eol_table
from pydocklint.rules.dockerfile.base_image import end_of_life
from tests.support import lint


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    """Judge releases on the day the table was written, so the expectations never age."""
    monkeypatch.setattr(end_of_life, "today", lambda: date(2026, 11, 23))


# --- PDL111 base-image-end-of-life ---------------------------------------------------------------------------


def test_release_and_os_variant_are_both_named_with_the_nearest_supported_tag():
    assert lint("FROM python:3.8-slim-buster\n", "PDL111") == [
        ("PDL111", 1, 6, 1, 28, "Base image python:3.8-slim-buster is past its end of support (Python 3.8 ended on "
                                "2024-10-07 and Debian 10 buster ended on 2024-06-30): use python:3.13-slim-bookworm"),
    ]


@pytest.mark.parametrize(("image", "ended", "suggestion"), [
    ("python:3.8.12-alpine3.14", "Python 3.8 ended on 2024-10-07 and Alpine 3.14 ended on 2023-05-01",
     "python:3.13-alpine3.22"),
    ("python:2.7", "Python 2 ended on 2020-01-01", "python:3.13"),
    ("python:3.10-alpine", "Python 3.10 ended on 2026-10-31", "python:3.13-alpine"),
    ("node:16-alpine", "Node.js 16 ended on 2023-09-11", "node:24-alpine"),
    ("node:lts-gallium", "Node.js 16 gallium ended on 2023-09-11", "node:lts-krypton"),
    ("node:21", "Node.js 21 ended on 2024-06-01", "node:24"),
    ("ubuntu:focal-20240530", "Ubuntu 20.04 focal ended on 2025-05-31", "ubuntu:noble"),
    ("ubuntu:22.10", "Ubuntu 22.10 ended on 2023-07-20", "ubuntu:24.04"),
    ("debian:buster-slim", "Debian 10 buster ended on 2024-06-30", "debian:bookworm-slim"),
    ("debian:11", "Debian 11 ended on 2026-08-31", "debian:12"),
    ("centos:centos7", "CentOS 7 ended on 2024-06-30", "almalinux:8"),
    ("centos", "the deprecated centos image ended on 2021-12-31", "almalinux:8"),
    ("openjdk:11-jre-slim", "the deprecated openjdk image ended on 2022-07-31", "eclipse-temurin"),
    ("alpine:3.19.1", "Alpine 3.19 ended on 2025-11-01", "alpine:3.22"),
    ("mysql:5.7", "MySQL 5.7 ended on 2023-10-31", "mysql:8.4"),
    ("postgres:13-alpine", "PostgreSQL 13 ended on 2025-11-13", "postgres:17-alpine"),
    ("golang:1.24-bookworm", "Go 1.24 ended on 2026-02-11", "golang:1.26-bookworm"),
    ("php:8.1-fpm", "PHP 8.1 ended on 2025-12-31", "php:8.4-fpm"),
    ("ruby:3.1", "Ruby 3.1 ended on 2025-03-26", "ruby:3.4"),
    ("eclipse-temurin:17-jre-focal", "Ubuntu 20.04 focal ended on 2025-05-31", "eclipse-temurin:17-jre-noble"),
    ("docker.io/library/node:18", "Node.js 18 ended on 2025-04-30", "node:24"),
])
def test_end_of_life_releases(image, ended, suggestion):
    [(_, _, _, _, _, message)] = lint(f"FROM {image}\n", "PDL111")
    assert message == f"Base image {image} is past its end of support ({ended}): use {suggestion}"


@pytest.mark.parametrize("image", [
    "python:3.13-slim-bookworm", "python:3", "python", "python:3.100", "python:3.11", "node:22-alpine", "node:lts",
    "node:24-trixie-slim", "ubuntu:24.04", "ubuntu:jammy", "debian:12.8", "alpine:3.22", "golang:1.26",
    "postgres:17", "mysql:8", "mysql:8.4", "php:8.3-apache", "ruby:3.3-slim-bookworm", "nginx:1.27",
    "myorg/python:3.8", "ghcr.io/acme/node:16", "registry.example.com/library/python:2.7", "scratch",
])
def test_supported_releases_and_other_images_are_quiet(image):
    assert lint(f"FROM {image}\n", "PDL111") == []


def test_stage_names_and_arg_defaults():
    text = """
        ARG NODE=16
        ARG UNKNOWN
        FROM node:${NODE}-alpine AS build
        FROM build
        FROM python:${UNKNOWN}
        FROM alpine:3.22
    """
    assert lint(text, "PDL111") == [
        ("PDL111", 3, 6, 3, 25, "Base image node:16-alpine is past its end of support (Node.js 16 ended on "
                                "2023-09-11): use node:24-alpine"),
    ]


def test_a_release_is_reported_from_its_end_date(monkeypatch):
    monkeypatch.setattr(end_of_life, "today", lambda: date(2026, 10, 30))
    assert lint("FROM python:3.10\n", "PDL111") == []
    monkeypatch.setattr(end_of_life, "today", lambda: date(2026, 10, 31))
    assert len(lint("FROM python:3.10\n", "PDL111")) == 1


def test_the_table_suggests_only_supported_releases():
    table = eol_table()
    for rows in table.values():
        for row in rows:
            replacement = row.replacement.partition(":")[2] or row.replacement
            if ":" in row.replacement or row.release == "*":
                continue
            assert not any(other.release == replacement and other.eol <= date(2026, 11, 23)
                           for other in table[row.image]), row


# --- PDL653 tls-verification-disabled ------------------------------------------------------------------------


def test_curl_wget_pip_git_npm_apt_apk_flags():
    text = """
        FROM debian:12.8
        RUN curl -fsSLk -o /a https://x && curl --insecure https://y \\
         && wget --no-check-certificate https://x \\
         && pip install --trusted-host pypi.org requests==2.32.3 \\
         && git config --global http.sslVerify false \\
         && git -c http.sslverify=false clone https://x \\
         && npm config set strict-ssl false \\
         && apt-get install -y --allow-unauthenticated -o Acquire::https::Verify-Peer=false x \\
         && apk add --allow-untrusted /tmp/x.apk
    """
    assert [finding[:5] for finding in lint(text, "PDL653")] == [
        ("PDL653", 2, 10, 2, 16), ("PDL653", 2, 41, 2, 51), ("PDL653", 3, 10, 3, 32), ("PDL653", 4, 17, 4, 31),
        ("PDL653", 5, 25, 5, 39), ("PDL653", 6, 12, 6, 32), ("PDL653", 7, 20, 7, 30), ("PDL653", 8, 24, 8, 47),
        ("PDL653", 8, 51, 8, 84), ("PDL653", 9, 13, 9, 30),
    ]
    messages = [finding[5] for finding in lint(text, "PDL653")]
    assert messages[0] == "curl -fsSLk skips TLS certificate checks: install ca-certificates or pass --cacert instead"
    assert messages[7] == ("apt-get --allow-unauthenticated installs packages whose signatures are not checked: "
                           "import the repository key instead")
    assert messages[8] == ("apt-get Acquire::https::Verify-Peer=false turns off TLS verification: add the server's "
                           "CA to the trust store instead")


def test_environment_variables_in_env_arg_export_and_prefixes():
    text = """
        FROM node:22-bookworm-slim
        ENV GIT_SSL_NO_VERIFY=1 PYTHONHTTPSVERIFY=0 NODE_TLS_REJECT_UNAUTHORIZED=1
        ARG PIP_TRUSTED_HOST=pypi.org
        ARG NODE_TLS_REJECT_UNAUTHORIZED
        RUN export GIT_SSL_NO_VERIFY=true && NODE_TLS_REJECT_UNAUTHORIZED=0 node x.js
    """
    assert lint(text, "PDL653") == [
        ("PDL653", 2, 5, 2, 22, "ENV GIT_SSL_NO_VERIFY turns off TLS verification: add the server's CA to the "
                                "trust store instead"),
        ("PDL653", 2, 25, 2, 42, "ENV PYTHONHTTPSVERIFY turns off TLS verification: add the server's CA to the "
                                 "trust store instead"),
        ("PDL653", 3, 5, 3, 21, "ARG PIP_TRUSTED_HOST turns off TLS verification: add the server's CA to the "
                                "trust store instead"),
        ("PDL653", 5, 12, 5, 34, "GIT_SSL_NO_VERIFY=true turns off TLS verification: add the server's CA to the "
                                 "trust store instead"),
        ("PDL653", 5, 38, 5, 68, "NODE_TLS_REJECT_UNAUTHORIZED=0 turns off TLS verification: add the server's CA "
                                 "to the trust store instead"),
    ]


def test_values_of_options_and_safe_settings_are_quiet():
    text = """
        FROM debian:12.8
        RUN curl -o -k https://x && curl -H -k https://y && curl -fsSL https://z \\
         && git config --global http.sslVerify true && git config --global core.autocrlf false \\
         && npm config set strict-ssl true && wget -q https://x \\
         && echo --insecure --allow-untrusted && pip install --index-url https://pypi.org/simple x==1
        ENV PYTHONHTTPSVERIFY=1 GIT_SSL_CAINFO=/etc/ssl/ca.pem
    """
    assert lint(text, "PDL653") == []


def test_onbuild_exec_form_and_several_stages():
    text = """
        FROM alpine:3.22 AS fetch
        RUN ["curl", "-k", "https://x"]
        FROM alpine:3.22
        ONBUILD RUN wget --no-check-certificate https://y
    """
    assert [finding[:5] for finding in lint(text, "PDL653")] == [
        ("PDL653", 2, 14, 2, 18), ("PDL653", 4, 18, 4, 40),
    ]


# --- PDL326 apt-key-deprecated -------------------------------------------------------------------------------


def test_apt_key_add_and_adv_with_options_and_pipes():
    text = """
        FROM debian:11
        RUN curl -fsSL https://x/key.gpg | apt-key add - \\
         && apt-key --keyring /etc/apt/trusted.gpg.d/x.gpg adv --recv-keys 0xABCDEF \\
         && apt-key list
        ONBUILD RUN apt-key add /tmp/k.asc
    """
    message = ("apt-key {} is deprecated and gone from Debian 13: save the key under /etc/apt/keyrings/ and name it "
               "with signed-by= in the repository's source entry")
    assert lint(text, "PDL326") == [
        ("PDL326", 2, 36, 2, 47, message.format("add")),
        ("PDL326", 3, 5, 3, 55, message.format("adv")),
        ("PDL326", 5, 13, 5, 24, message.format("add")),
    ]


def test_keyrings_and_mentions_are_quiet():
    text = """
        FROM debian:12.8
        RUN curl -fsSLo /etc/apt/keyrings/x.asc https://x/key.gpg && echo "apt-key add is gone"
    """
    assert lint(text, "PDL326") == []
