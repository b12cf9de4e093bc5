"""PDL730 install-after-source-copy, PDL731 volatile-arg-early, PDL740 toolchain-in-final-image,
PDL454 secret-file-copied."""

from tests.support import lint


def test_manifest_install_after_a_whole_context_copy():
    text = """
        FROM python:3.12-slim
        WORKDIR /app
        COPY . .
        RUN pip install --no-cache-dir -r requirements.txt
        RUN npm ci
    """
    assert lint(text, "PDL730") == [
        ("PDL730", 4, 1, 4, 4, "pip install -r runs after COPY . (line 3), so every source change re-runs it: "
                               "copy requirements.txt first, install, then COPY ."),
    ]


def test_an_install_already_done_before_the_copy_and_project_installs_are_fine():
    text = """
        FROM python:3.12-slim
        COPY requirements.txt .
        RUN pip install --no-cache-dir -r requirements.txt
        COPY . .
        RUN pip install --no-cache-dir -r requirements.txt
        RUN pip install --no-cache-dir .
        FROM node:22.11-bookworm-slim
        COPY . .
        RUN npm run build
    """
    assert lint(text, "PDL730") == []


def test_other_managers_and_go_mod_download():
    text = """
        FROM golang:1.23-bookworm AS build
        COPY . /src
        RUN cd /src && go mod download
        FROM ruby:3.3-slim
        ADD . /app
        RUN bundle install
    """
    assert [f[:3] for f in lint(text, "PDL730")] == [("PDL730", 3, 1), ("PDL730", 6, 1)]
    assert lint(text, "PDL730")[1][5] == ("bundle install runs after ADD . (line 5), so every source change re-runs "
                                         "it: copy Gemfile and Gemfile.lock first, install, then ADD .")


def test_volatile_arg_before_a_run():
    text = """
        FROM debian:12-slim
        ARG VERSION=1 GIT_COMMIT
        ENV BUILD_DATE=$BUILD_DATE
        RUN mkdir -p /srv/app
        ARG CACHEBUST
        ARG BUILD_NUMBER
        LABEL build=$BUILD_NUMBER
    """
    assert lint(text, "PDL731") == [
        ("PDL731", 2, 1, 2, 25, "ARG GIT_COMMIT changes on every build, so the RUN on line 4 and every RUN after it "
                                "rebuild each time: declare it just before the instruction that needs it"),
        ("PDL731", 3, 1, 3, 27, "ENV BUILD_DATE changes on every build, so the RUN on line 4 and every RUN after it "
                                "rebuild each time: declare it just before the instruction that needs it"),
    ]


def test_toolchain_packages_kept_in_the_final_image():
    text = """
        FROM python:3.12-slim AS base
        RUN apt-get update && apt-get install -y --no-install-recommends gcc libpq-dev \\
         && rm -rf /var/lib/apt/lists/*
        FROM base
        RUN pip install --no-cache-dir psycopg2==2.9.10
        CMD ["python", "-m", "app"]
    """
    assert lint(text, "PDL740") == [
        ("PDL740", 2, 1, 2, 4, "The final image installs gcc and keeps it: build in a separate stage and copy only "
                               "the result into the final one"),
    ]


def test_toolchains_removed_in_the_same_run_or_in_build_stages_are_fine():
    text = """
        FROM golang:1.23-bookworm AS build
        RUN go build -o /out/app .
        FROM debian:12-slim
        RUN apt-get update && apt-get install -y --no-install-recommends gcc make \\
         && make && apt-get purge -y --auto-remove gcc make && rm -rf /var/lib/apt/lists/*
        COPY --from=build /out/app /app
    """
    assert lint(text, "PDL740") == []


def test_building_with_the_base_images_toolchain_in_the_final_stage():
    text = """
        FROM maven:3.9-eclipse-temurin-21
        COPY pom.xml .
        RUN mvn -B package
        ENTRYPOINT ["java", "-jar", "target/app.jar"]
    """
    assert lint(text, "PDL740") == [
        ("PDL740", 3, 1, 3, 4, "The final image builds with the toolchain of maven and ships it: build in a separate "
                               "stage and copy only the result into a runtime image"),
    ]


def test_credential_files_copied_by_name():
    text = """
        FROM alpine:3.20 AS keys
        COPY .env .env.example deploy/id_rsa deploy/id_rsa.pub /app/
        FROM alpine:3.20
        COPY --from=keys /app/.env /app/
        ADD certs/server.key /etc/ssl/private/
    """
    assert [f[:5] for f in lint(text, "PDL454")] == [
        ("PDL454", 2, 6, 2, 10), ("PDL454", 2, 24, 2, 37), ("PDL454", 5, 5, 5, 21)]
    assert lint(text, "PDL454")[0][5] == ("COPY .env puts a credential file into an image layer, where anyone who "
                                          "pulls the image can read it: use a build secret (RUN --mount=type=secret) "
                                          "or pass it at run time")


def test_base_and_tool_images_and_apk_virtual_groups_are_not_reported():
    base_image = """
        FROM python:3.12-slim
        RUN apt-get update && apt-get install -y --no-install-recommends build-essential \\
         && rm -rf /var/lib/apt/lists/*
    """
    virtual = """
        FROM python:3.12-alpine3.20
        RUN apk add --no-cache --virtual .build-deps build-base=0.5-r3 \\
         && pip install --no-cache-dir psycopg2==2.9.10 && apk del .build-deps
        CMD ["python", "-m", "app"]
    """
    assert lint(base_image, "PDL740") == []
    assert lint(virtual, "PDL740") == []


def test_a_signing_key_copied_to_a_public_key_name_is_not_a_secret():
    assert lint("FROM alpine:3.20\nCOPY jenkins.io-2026.key /war/jenkins-key.pub\n", "PDL454") == []


def test_full_runtime_base_for_application_images_only():
    text = """
        FROM python:3.12 AS build
        RUN pip wheel --no-cache-dir -w /wheels flask==3.1.0
        FROM node:22.11-bookworm
        CMD ["node", "index.js"]
    """
    assert lint(text, "PDL741") == [
        ("PDL741", 3, 6, 3, 25, "The final image runs on node:22.11-bookworm, the full variant of node: a slim tag "
                                "has what an application needs, in a fraction of the size"),
    ]
    quiet = [
        'FROM python:3.12-slim\nCMD ["python"]\n',
        'FROM eclipse-temurin:21-jre\nCMD ["java", "-jar", "app.jar"]\n',
        'FROM debian:12\nCMD ["bash"]\n',
        "FROM node:22.11-bookworm\nRUN npm --version\n",  # no CMD: a base or tool image
    ]
    assert [lint(text, "PDL741") for text in quiet] == [[], [], [], []]
    assert [f[:3] for f in lint('FROM eclipse-temurin:21-jdk\nCMD ["java"]\n', "PDL741")] == [("PDL741", 1, 6)]


# --- PDL732 moving-download-early -------------------------------------------------------------------------------

MOVED_MESSAGE = ("{url} can change between builds, and the RUN on line {line} does not use it but rebuilds whenever "
                 "it changes: move the ADD down to just before the step that uses the file, or pin it with --checksum")


def test_moving_download_before_an_unrelated_run_is_reported():
    text = """
        FROM debian:12-slim
        ADD https://bootstrap.pypa.io/get-pip.py /tmp/get-pip.py
        RUN mkdir -p /srv/app
        ADD https://example.com/tools/latest/tool.tgz /opt/
        RUN echo unrelated
        """
    assert lint(text, "PDL732") == [
        ("PDL732", 2, 5, 2, 41, MOVED_MESSAGE.format(url="https://bootstrap.pypa.io/get-pip.py", line=3)),
        ("PDL732", 4, 5, 4, 46, MOVED_MESSAGE.format(url="https://example.com/tools/latest/tool.tgz", line=5)),
    ]


def test_pinned_used_or_deliberate_downloads_are_quiet():
    text = """
        FROM debian:12-slim
        ADD https://example.com/releases/v1.2.3/tool.tgz /opt/
        RUN mkdir -p /srv/app
        ADD https://example.com/tool-2.0.tar.gz /opt/
        RUN mkdir -p /srv/b
        ADD https://bootstrap.pypa.io/get-pip.py /tmp/get-pip.py
        RUN python3 /tmp/get-pip.py
        ADD https://raw.githubusercontent.com/o/r/master/x.py /home/user/.config/x.py
        RUN chown -R user /home/user
        ADD https://raw.githubusercontent.com/o/r/master/y.py /home/user/y.py
        RUN chown -R user $HOME
        ADD https://api.github.com/repos/o/r/git/refs/heads/master /.git-hashref
        RUN /build.sh
        ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d \\
            https://bootstrap.pypa.io/get-pip.py /tmp/pip.py
        RUN mkdir -p /srv/c
        ADD https://example.com/latest/last.sh /last.sh
        """
    assert lint(text, "PDL732") == []
