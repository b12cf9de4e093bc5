"""Package-manager rules (PDL320-PDL358): pinning, caches and non-interactive installs."""

from tests.support import lint


def test_apt_unpinned_packages_are_reported_at_each_word():
    text = """
        FROM debian:12.8
        RUN apt-get update && apt-get install -y --no-install-recommends \\
              curl=7.88.1 ca-certificates \\
              ./local.deb foo/bookworm-backports $EXTRA \\
         && rm -rf /var/lib/apt/lists/*
    """
    assert lint(text, "PDL320") == [
        ("PDL320", 3, 19, 3, 34, "Package ca-certificates is not pinned: install ca-certificates=<version>"),
    ]


def test_apt_unpinned_follows_options_with_values_and_sudo():
    text = """
        FROM debian:12.8
        RUN sudo apt-get -o Dpkg::Options::=--force-confold -t bookworm-backports install -qqy git
    """
    assert lint(text, "PDL320") == [
        ("PDL320", 2, 88, 2, 91, "Package git is not pinned: install git=<version>"),
    ]


def test_apt_unpinned_expands_package_lists_kept_in_script_variables():
    text = """
        FROM debian:12.8
        RUN set -eux; \\
            deps=' \\
                gcc \\
                make=4.3-4.1 \\
            '; \\
            apt-get update; apt-get install -y --no-install-recommends $deps; rm -rf /var/lib/apt/lists/*
    """
    assert lint(text, "PDL320") == [
        ("PDL320", 4, 9, 4, 12, "Package gcc is not pinned: install gcc=<version>"),
    ]


def test_apt_unpinned_expands_package_lists_kept_in_arg_and_env():
    # The shell splits an unquoted $PACKAGES into words; ARG/ENV values known in the Dockerfile are read.
    text = """
        FROM debian:12.8
        ARG TOOLS="curl=7.88.1 git"
        ENV BUILD_DEPS="gcc make" JDK=17
        RUN apt-get install -y $BUILD_DEPS ${TOOLS} openjdk-${JDK}-jre-headless
        RUN apt-get install -y "$BUILD_DEPS" $UNSET
        ARG PINNED=wget=1.21.3-1
        RUN apt-get install -y $PINNED
    """
    assert lint(text, "PDL320") == [
        ("PDL320", 4, 24, 4, 72, "Packages gcc, make, git and 1 more (from $BUILD_DEPS and ${TOOLS}) are not "
                                 "pinned: install <name>=<version> for each"),
    ]


def test_rpm_names_holding_digits_are_not_versions():
    text = """
        FROM rockylinux:9.3
        ARG NGINX_VERSION=1.26.2
        RUN dnf install -y java-1.8.0-openjdk-devel nginx-${NGINX_VERSION} mysql-server-8.0.36-1.el9 \
            python3-3.9.18 && dnf clean all
    """
    assert lint(text, "PDL340") == [
        ("PDL340", 3, 20, 3, 44, "Package java-1.8.0-openjdk-devel is not pinned: "
                                 "install java-1.8.0-openjdk-devel-<version>"),
    ]


def test_cross_platform_installs_in_cmd_and_powershell_runs():
    text = """
        FROM mcr.microsoft.com/windows/servercore:ltsc2022
        RUN pip install --no-cache-dir %PACKAGES% flask==3.1.0 requests && npm install -g yarn
        SHELL ["powershell", "-Command"]
        RUN npm install --global $env:TOOLS windows-build-tools ; pip install tox==2.1.1
    """
    assert lint(text, "PDL350", "PDL351", "PDL355") == [
        ("PDL350", 2, 56, 2, 64, "Package requests is not pinned: install requests==<version>"),
        ("PDL355", 2, 83, 2, 87, "Package yarn is not pinned: install yarn@<version>"),
        ("PDL355", 4, 37, 4, 56, "Package windows-build-tools is not pinned: install windows-build-tools@<version>"),
        ("PDL351", 4, 59, 4, 70, "pip install keeps downloaded packages in its cache (%LocalAppData%\\pip\\Cache): "
                                 "add --no-cache-dir"),
    ]


def test_apt_unpinned_in_heredoc_sh_c_and_exec_form():
    text = """
        FROM debian:12.8
        RUN <<EOF
        apt-get install -y vim
        EOF
        RUN bash -c "apt-get install -y nano"
        RUN ["apt-get", "install", "-y", "less"]
        ONBUILD RUN apt-get install -y file
    """
    assert lint(text, "PDL320") == [
        ("PDL320", 3, 20, 3, 23, "Package vim is not pinned: install vim=<version>"),
        ("PDL320", 5, 33, 5, 37, "Package nano is not pinned: install nano=<version>"),
        ("PDL320", 6, 34, 6, 40, "Package less is not pinned: install less=<version>"),
        ("PDL320", 7, 32, 7, 36, "Package file is not pinned: install file=<version>"),
    ]


def test_apt_lists_reported_unless_removed_mounted_or_dist_cleaned():
    text = """
        FROM debian:12.8
        RUN apt-get update && apt-get install -y curl
        RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*
        RUN apt-get update && apt-get install -y curl && rm /var/lib/apt/lists/*_*
        RUN --mount=type=cache,target=/var/lib/apt/lists apt-get update && apt-get install -y curl
        RUN apt-get update && apt-get install -y curl && apt-get dist-clean
        RUN apt update
    """
    assert lint(text, "PDL321") == [
        ("PDL321", 2, 5, 2, 19, "apt-get update leaves /var/lib/apt/lists in the layer: add `rm -rf "
         "/var/lib/apt/lists/*` at the end of this RUN"),
        ("PDL321", 7, 5, 7, 15, "apt update leaves /var/lib/apt/lists in the layer: add `rm -rf "
         "/var/lib/apt/lists/*` at the end of this RUN"),
    ]


def test_apt_lists_in_builder_stages_do_not_ship():
    text = """
        FROM debian:12.8 AS build
        RUN apt-get update && apt-get install -y gcc
        FROM debian:12.8 AS base
        RUN apt-get update && apt-get install -y curl
        FROM base
        COPY --from=build /out /out
    """
    assert lint(text, "PDL321") == [
        ("PDL321", 4, 5, 4, 19, "apt-get update leaves /var/lib/apt/lists in the layer: add `rm -rf "
         "/var/lib/apt/lists/*` at the end of this RUN"),
    ]


def test_apt_get_install_needs_yes():
    text = """
        FROM debian:12.8
        RUN apt-get install curl \\
         && apt-get -y install a && apt-get install --yes b && apt-get install -qq c && apt-get -q -q install d \\
         && apt-get install --assume-yes e && apt-get -o APT::Get::Assume-Yes=true install f && apt-get -qy install g
    """
    assert lint(text, "PDL322") == [
        ("PDL322", 2, 5, 2, 20, "apt-get install without -y will stop at its confirmation prompt: add -y"),
    ]


def test_apt_get_install_without_no_install_recommends():
    text = """
        FROM debian:12.8
        RUN apt-get install -y curl && apt-get install -y --no-install-recommends git \\
         && apt-get install -y -o APT::Install-Recommends=false vim && apt-get install -y
    """
    assert lint(text, "PDL323") == [
        ("PDL323", 2, 5, 2, 20, "apt-get install also installs recommended packages: add --no-install-recommends"),
        ("PDL323", 3, 64, 3, 79, "apt-get install also installs recommended packages: add --no-install-recommends"),
    ]


def test_apt_command_is_reported_wherever_it_is():
    text = """
        FROM debian:12.8
        RUN apt update && DEBIAN_FRONTEND=noninteractive apt install -y curl && apt-get install -y git
    """
    assert lint(text, "PDL324") == [
        ("PDL324", 2, 5, 2, 8, "apt is meant for interactive use: use apt-get (or apt-cache) in scripts"),
        ("PDL324", 2, 50, 2, 53, "apt is meant for interactive use: use apt-get (or apt-cache) in scripts"),
    ]


def test_update_alone_is_reported():
    text = """
        FROM debian:12.8
        RUN apt-get update
        RUN apt-get update && apt-get install -y curl
        RUN echo "deb http://x y z" > /etc/apt/sources.list.d/x.list && apt-get update
        RUN apt-get update && ./install-deps.sh
        FROM alpine:3.21
        RUN apk update
    """
    assert lint(text, "PDL325") == [
        ("PDL325", 2, 5, 2, 19, "apt-get update in a RUN that installs nothing leaves a stale cached index for "
         "later RUNs: update and install in the same RUN"),
        ("PDL325", 4, 65, 4, 79, "apt-get update in a RUN that installs nothing leaves a stale cached index for "
         "later RUNs: update and install in the same RUN"),
        ("PDL325", 7, 5, 7, 15, "apk update in a RUN that installs nothing leaves a stale cached index for "
         "later RUNs: update and install in the same RUN"),
    ]


def test_apk_unpinned():
    text = """
        FROM alpine:3.21
        RUN apk add --no-cache --virtual .build-deps gcc make=4.4.1-r2 musl-dev~1.2 ./local.apk \\
         && apk add -t .rt --no-cache -X https://dl-cdn.alpinelinux.org/alpine/edge/testing tini
    """
    assert lint(text, "PDL330") == [
        ("PDL330", 2, 46, 2, 49, "Package gcc is not pinned: add gcc=<version> (or gcc~<version>)"),
        ("PDL330", 3, 85, 3, 89, "Package tini is not pinned: add tini=<version> (or tini~<version>)"),
    ]


def test_apk_cache():
    text = """
        FROM alpine:3.21
        RUN apk add curl
        RUN apk --no-cache add curl
        RUN apk add --update curl && rm -rf /var/cache/apk/*
        RUN --mount=type=cache,target=/var/cache/apk apk add curl
        RUN apk update && apk upgrade
    """
    assert lint(text, "PDL331") == [
        ("PDL331", 2, 5, 2, 12, "apk add keeps its cache in the layer: add --no-cache"),
    ]


def test_pip_unpinned():
    text = """
        FROM python:3.13-slim
        RUN pip install --no-cache-dir flask "django>=4.2" requests[socks]==2.32.3 -r requirements.txt . ./pkg \\
              https://example.com/x-1.0.tar.gz "git+https://github.com/org/repo.git" \\
              git+https://github.com/org/r2.git@v1.2 \\
         && python3 -m pip install --no-cache-dir -U pip -e ./editable \\
         && pip install --no-cache-dir -c constraints.txt numpy \\
         && pip3 download pandas
    """
    assert lint(text, "PDL350") == [
        ("PDL350", 2, 32, 2, 37, "Package flask is not pinned: install flask==<version>"),
        ("PDL350", 3, 40, 3, 77, "Package git+https://github.com/org/repo.git is not pinned: add @<tag or "
         "commit> to the repository URL"),
        ("PDL350", 5, 46, 5, 49, "Package pip is not pinned: install pip==<version>"),
    ]


def test_pip_cache():
    text = """
        FROM python:3.13-slim
        RUN pip install flask==3.1.0
        RUN pip install --no-cache-dir flask==3.1.0
        RUN PIP_NO_CACHE_DIR=1 pip install flask==3.1.0
        RUN --mount=type=cache,target=/root/.cache/pip pip install flask==3.1.0
        RUN python -m pip install flask==3.1.0
        ENV PIP_NO_CACHE_DIR=off
        RUN pip install flask==3.1.0
    """
    assert lint(text, "PDL351") == [
        ("PDL351", 2, 5, 2, 16, "pip install keeps downloaded packages in its cache (~/.cache/pip): "
                                 "add --no-cache-dir"),
        ("PDL351", 6, 5, 6, 26, "pip install keeps downloaded packages in its cache (~/.cache/pip): "
                                 "add --no-cache-dir"),
    ]


def test_npm_unpinned():
    text = """
        FROM node:22.12-alpine3.21
        RUN npm install -g typescript @angular/cli@19.0.0 @types/node ./local git+https://github.com/a/b.git \\
         && npm install && npm ci && npm i -D eslint@9 && yarn global add serve && pnpm add -g pnpm@9 \\
         && npm install --prefix /opt lodash
    """
    assert lint(text, "PDL355") == [
        ("PDL355", 2, 20, 2, 62, "Packages typescript and @types/node are not pinned: "
                                 "install <name>@<version> for each"),
        ("PDL355", 3, 67, 3, 72, "Package serve is not pinned: install serve@<version>"),
        ("PDL355", 4, 31, 4, 37, "Package lodash is not pinned: install lodash@<version>"),
    ]


def test_yarn_cache():
    text = """
        FROM node:22.12-alpine3.21
        RUN yarn install --frozen-lockfile
        RUN yarn && yarn cache clean
        RUN yarn --version && yarn add left-pad@1.3.0
        RUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install
    """
    assert lint(text, "PDL356") == [
        ("PDL356", 2, 5, 2, 17, "yarn keeps every package in its cache: add `&& yarn cache clean` at the end "
         "of this RUN"),
        ("PDL356", 4, 23, 4, 31, "yarn keeps every package in its cache: add `&& yarn cache clean` at the end "
         "of this RUN"),
    ]


def test_gem_unpinned():
    text = """
        FROM ruby:3.3-slim-bookworm
        RUN gem install bundler rails:7.2.2 && gem install -N rake -v 13.2.1 && gem install ./local.gem
    """
    assert lint(text, "PDL357") == [
        ("PDL357", 2, 17, 2, 24, "Gem bundler is not pinned: install bundler:<version> (or add -v <version>)"),
    ]


def test_go_unpinned():
    text = """
        FROM golang:1.23-bookworm
        RUN go install golang.org/x/tools/gopls@latest github.com/a/b/cmd/c@v1.2.3 ./cmd/app \\
         && go install -ldflags "-s -w" honnef.co/go/tools/cmd/staticcheck \\
         && go get -u github.com/x/y && go run github.com/z/w@v0.1.0 && go build ./...
    """
    assert lint(text, "PDL358") == [
        ("PDL358", 2, 16, 2, 47, "Module golang.org/x/tools/gopls@latest is not pinned: use "
         "golang.org/x/tools/gopls@<version>"),
        ("PDL358", 3, 33, 3, 67, "Module honnef.co/go/tools/cmd/staticcheck is not pinned: use "
         "honnef.co/go/tools/cmd/staticcheck@<version>"),
        ("PDL358", 4, 15, 4, 29, "Module github.com/x/y is not pinned: use github.com/x/y@<version>"),
    ]


def test_yum_rules():
    text = """
        FROM centos:7.9.2009
        RUN yum install httpd-2.4.6 mod_ssl && yum clean all
        RUN yum -y install httpd php-7.4 /tmp/x.rpm @development
        RUN yum install -y git-2.1 && rm -rf /var/cache/yum
    """
    assert lint(text, "PDL335", "PDL336", "PDL337") == [
        ("PDL335", 2, 5, 2, 16, "yum install without -y will stop at its confirmation prompt: add -y"),
        ("PDL337", 2, 29, 2, 36, "Package mod_ssl is not pinned: install mod_ssl-<version>"),
        ("PDL336", 3, 5, 3, 19, "yum install leaves its cache in the layer: add `&& yum clean all` at the end "
         "of this RUN"),
        ("PDL337", 3, 20, 3, 25, "Package httpd is not pinned: install httpd-<version>"),
    ]


def test_dnf_rules():
    text = """
        FROM fedora:41
        RUN dnf install -y httpd-2.4.62 && dnf clean all
        RUN microdnf install nginx
        RUN dnf --setopt=install_weak_deps=False -y install gcc-14.2.1 && microdnf clean all
        RUN --mount=type=cache,target=/var/cache/dnf dnf install -y gcc
    """
    assert lint(text, "PDL338", "PDL339", "PDL340") == [
        ("PDL338", 3, 5, 3, 21, "microdnf install without -y will stop at its confirmation prompt: add -y"),
        ("PDL339", 3, 5, 3, 21, "microdnf install leaves its cache in the layer: add `&& microdnf clean all` "
         "at the end of this RUN"),
        ("PDL340", 3, 22, 3, 27, "Package nginx is not pinned: install nginx-<version>"),
        ("PDL339", 4, 5, 4, 52, "dnf install leaves its cache in the layer: add `&& dnf clean all` at the end "
         "of this RUN"),
        ("PDL340", 5, 61, 5, 64, "Package gcc is not pinned: install gcc-<version>"),
    ]


def test_zypper_rules():
    text = """
        FROM opensuse/leap:15.6
        RUN zypper install nginx
        RUN zypper -n in nginx=1.21.5 'curl>=8' wget && zypper clean --all
        RUN zypper --non-interactive dup && zypper rm -y vim && zypper cc -a
    """
    assert lint(text, "PDL341", "PDL342", "PDL343", "PDL344") == [
        ("PDL341", 2, 5, 2, 19, "zypper install will stop at its confirmation prompt: add --non-interactive "
         "(-n) before the command"),
        ("PDL343", 2, 5, 2, 19, "zypper install leaves its cache in the layer: add `&& zypper clean --all` at "
         "the end of this RUN"),
        ("PDL344", 2, 20, 2, 25, "Package nginx is not pinned: install nginx=<version>"),
        ("PDL344", 3, 41, 3, 45, "Package wget is not pinned: install wget=<version>"),
        ("PDL342", 4, 5, 4, 33, "zypper dup upgrades the whole distribution on the day of the build: use a "
         "newer base image instead"),
    ]


def test_one_finding_per_install_command_spans_and_names_its_unpinned_packages():
    text = """
        FROM debian:12-slim
        RUN apt-get update && apt-get install -y --no-install-recommends \\
              curl git=1:2.39.5-0+deb12u1 \\
              make gcc g++ \\
         && apt-get install -y --no-install-recommends jq \\
         && rm -rf /var/lib/apt/lists/*
    """
    assert lint(text, "PDL320") == [
        ("PDL320", 3, 7, 4, 19, "Packages curl, make, gcc and 1 more are not pinned: "
                                "install <name>=<version> for each"),
        ("PDL320", 5, 48, 5, 50, "Package jq is not pinned: install jq=<version>"),
    ]
