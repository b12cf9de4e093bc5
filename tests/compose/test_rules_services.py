"""Healthcheck, dependency, reference, image and build rules: exact findings, positive and negative."""

from tests.compose.support import lint

DOCKERFILE_WITH_HEALTHCHECK = "FROM alpine:3.20 AS base\nHEALTHCHECK CMD true\n\nFROM base AS prod\nUSER nobody\n"
DOCKERFILE_WITHOUT = "FROM alpine:3.20 AS build\nRUN true\n\nFROM build AS prod\nUSER nobody\n"


# ------------------------------------------------------------------ PDC101


def test_service_healthy_on_a_service_without_any_healthcheck():
    text = """
        services:
          web:
            image: nginx:1.27
            depends_on:
              api: {condition: service_healthy}
              db: {condition: service_healthy}
              cache: {condition: service_healthy}
              job: {condition: service_healthy}
          api:
            build: ./api
          db:
            image: postgres:16.4
          cache:
            image: redis:7.4
            healthcheck: {test: ["NONE"]}
          job:
            build: {context: ./job, target: prod}
    """
    files = {"api/Dockerfile": DOCKERFILE_WITHOUT, "job/Dockerfile": DOCKERFILE_WITH_HEALTHCHECK}
    assert lint(text, "PDC101", files=files) == [
        ("PDC101", 5, 24, 5, 39, "web waits for api to be healthy, but neither Compose nor api/Dockerfile "
                                 "declares a healthcheck (unless its base image does): add one"),
        ("PDC101", 7, 26, 7, 41, "web waits for cache to be healthy, but its healthcheck is disabled"),
    ]


def test_healthcheck_none_in_the_dockerfile_and_scratch():
    text = """
        services:
          web:
            image: nginx:1.27
            depends_on:
              a: {condition: service_healthy}
              b: {condition: service_healthy}
          a: {build: a}
          b: {build: b}
    """
    files = {"a/Dockerfile": "FROM alpine:3.20\nHEALTHCHECK NONE\n", "b/Dockerfile": "FROM scratch\nCOPY x /x\n"}
    assert [row[5] for row in lint(text, "PDC101", files=files)] == [
        "web waits for a to be healthy, but a/Dockerfile",
        "web waits for b to be healthy, but b/Dockerfile declares no HEALTHCHECK",
    ]


def test_no_finding_when_unknown_or_declared():
    text = """
        services:
          web:
            image: nginx:1.27
            depends_on:
              db: {condition: service_healthy}
              api: {condition: service_healthy}
              remote: {condition: service_healthy}
              missing: {condition: service_healthy}
          db:
            image: postgres:16.4
            healthcheck: {test: pg_isready}
          api:
            build: ./api
          remote:
            build: https://github.com/example/repo.git
    """
    assert lint(text, "PDC101", files={"api/Dockerfile": DOCKERFILE_WITH_HEALTHCHECK}) == []
    # a pulled image may define its own HEALTHCHECK: not reported
    assert lint("services:\n  a: {image: x:1, depends_on: {b: {condition: service_healthy}}}\n"
                "  b: {image: postgres:16.4}\n", "PDC101") == []


# ------------------------------------------------------------------ PDC102


def test_short_form_dependency_on_a_service_with_a_healthcheck():
    text = """
        services:
          web:
            image: nginx:1.27
            depends_on: [db, cache]
          worker:
            image: w:1
            depends_on:
              db: {condition: service_started}
          db:
            image: postgres:16.4
            healthcheck: {test: pg_isready}
          cache:
            image: redis:7.4
    """
    assert lint(text, "PDC102") == [
        ("PDC102", 4, 18, 4, 20, "web starts as soon as db has started, although db reports its health: "
                                 "use condition: service_healthy")]


# ------------------------------------------------------------------ PDC103 / PDC104


def test_healthcheck_durations():
    text = """
        services:
          db:
            image: postgres:16.4
            healthcheck:
              test: pg_isready
              interval: 1m30s
              timeout: 10
              start_period: 0
              start_interval: 5 s
          web:
            image: nginx:1.27
            healthcheck: {test: "true", interval: "${INTERVAL}", timeout: 1.5s, start_period: 500ms}
    """
    assert lint(text, "PDC103") == [
        ("PDC103", 7, 16, 7, 18, "healthcheck timeout '10' is not a duration: write a number with a unit, "
                                 "e.g. 30s or 1m30s"),
        ("PDC103", 9, 23, 9, 26, "healthcheck start_interval '5 s' is not a duration: write a number with a unit, "
                                 "e.g. 30s or 1m30s"),
    ]


def test_healthcheck_test_forms():
    text = """
        services:
          a:
            image: x:1
            healthcheck: {test: [curl, -f, http://localhost]}
          b:
            image: x:1
            healthcheck: {test: []}
          c:
            image: x:1
            healthcheck: {test: [CMD, "curl -f http://localhost || exit 1"]}
          d:
            image: x:1
            healthcheck: {test: "curl -f http://localhost || exit 1"}
          e:
            image: x:1
            healthcheck: {test: [CMD-SHELL, "curl -f http://localhost || exit 1"]}
          f:
            image: x:1
            healthcheck: {test: [CMD, curl, -f, "http://localhost/?a=1&b=2"]}
    """
    assert [row[:3] for row in lint(text, "PDC104")] == [("PDC104", 4, 26), ("PDC104", 7, 25), ("PDC104", 10, 31)]


# ------------------------------------------------------------------ references


def test_undefined_services():
    text = """
        services:
          web:
            image: nginx:1.27
            depends_on:
              dbb: {condition: service_started}
              optional: {condition: service_started, required: false}
            links: ["db:database"]
            volumes_from: [data, "container:other"]
            network_mode: "service:vpn"
          db:
            image: postgres:16.4
    """
    assert lint(text, "PDC201") == [
        ("PDC201", 5, 7, 5, 10, "web depends on service dbb, which is not defined (did you mean db?)"),
        ("PDC201", 8, 20, 8, 24, "web refers to service data, which is not defined"),
        ("PDC201", 9, 19, 9, 32, "web refers to service vpn, which is not defined"),
    ]


def test_undefined_resources():
    text = """
        services:
          web:
            image: nginx:1.27
            networks: [front, back, default]
            volumes:
              - data:/data
              - ./local:/local
              - /abs:/abs
              - /anonymous
              - type: volume
                source: other
                target: /other
            secrets: [token, {source: key, target: k}]
            configs: [conf]
        networks: {front: {}}
        volumes: {data: {}}
        secrets: {token: {file: ./t}}
    """
    assert [(row[1], row[5]) for row in lint(text, "PDC202")] == [
        (4, "web uses network back, which the top-level networks: section does not declare"),
        (11, "web uses volume other, which the top-level volumes: section does not declare"),
        (13, "web uses secret key, which the top-level secrets: section does not declare"),
        (14, "web uses config conf, which the top-level configs: section does not declare"),
    ]


def test_dependency_cycles_through_depends_on_links_and_namespaces():
    text = """
        services:
          a: {image: x:1, depends_on: [b]}
          b: {image: x:1, links: [c]}
          c: {image: x:1, network_mode: "service:a"}
          d: {image: x:1, depends_on: [d]}
          e: {image: x:1, depends_on: [a]}
    """
    assert lint(text, "PDC203") == [
        ("PDC203", 4, 33, 4, 44, "Dependency cycle: a → b → c → a"),
        ("PDC203", 5, 32, 5, 33, "Dependency cycle: d → d"),
    ]


def test_profile_dependencies():
    text = """
        services:
          web: {image: x:1, depends_on: [debug]}
          tools: {image: x:1, profiles: [dev], depends_on: [debug, shared]}
          optional: {image: x:1, depends_on: {debug: {condition: service_started, required: false}}}
          debug: {image: x:1, profiles: [debug]}
          shared: {image: x:1, profiles: [dev, debug]}
    """
    assert lint(text, "PDC204") == [
        ("PDC204", 2, 34, 2, 39, "web always runs but debug runs only with profile debug: add the profile to web "
                                 "or set required: false"),
        ("PDC204", 3, 53, 3, 58, "with profile dev, tools runs but debug is disabled (it needs debug)"),
    ]


# ------------------------------------------------------------------ images


def test_untagged_and_floating_images_after_interpolation():
    text = """
        services:
          a: {image: postgres}
          b: {image: "registry:5000/team/app"}
          c: {image: "redis:${REDIS_TAG}"}
          d: {image: "nginx:${NGINX_TAG:-latest}"}
          e: {image: "app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"}
          f: {image: "app:latest@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"}
          g: {image: myapp, build: .}
          h: {image: "${IMAGE}"}
          i: {image: "traefik:${TRAEFIK}"}
          j: {image: "caddy:stable"}
    """
    files = {".env": "TRAEFIK=latest\n"}
    assert lint(text, "PDC301", "PDC302", files=files) == [
        ("PDC301", 2, 14, 2, 22, "Image postgres has no tag: pin a version, e.g. postgres:<version>"),
        ("PDC301", 3, 14, 3, 38, "Image registry:5000/team/app has no tag: pin a version, e.g. "
                                 "registry:5000/team/app:<version>"),
        ("PDC302", 5, 14, 5, 42, "Image nginx:latest (from nginx:${NGINX_TAG:-latest}) uses the floating tag "
                                 "latest: pin a version"),
        ("PDC302", 10, 14, 10, 34, "Image traefik:latest (from traefik:${TRAEFIK}) uses the floating tag latest: "
                                   "pin a version"),
        ("PDC302", 11, 14, 11, 28, "Image caddy:stable uses the floating tag stable: pin a version"),
    ]


def test_build_and_image_without_pull_policy():
    text = """
        services:
          a: {build: ., image: "app:1"}
          b: {build: ., image: "app:1", pull_policy: build}
          c: {build: .}
    """
    assert [row[:3] for row in lint(text, "PDC303", files={"Dockerfile": "FROM alpine:3.20\n"})] == [
        ("PDC303", 2, 24)]


# ------------------------------------------------------------------ builds


def test_dockerfile_paths_resolve_from_the_context():
    text = """
        services:
          a: {build: {context: backend, dockerfile: backend/Dockerfile}}
          b: {build: {context: backend, dockerfile: Dockerfile}}
          c: {build: {context: backend, dockerfile: ../docker/b.Dockerfile}}
          d: {build: missing}
          e: {build: {context: "https://github.com/x/y.git"}}
          f: {build: {context: ., dockerfile_inline: "FROM alpine:3.20"}}
          g: {build: "${CONTEXT}"}
    """
    files = {"backend/Dockerfile": "FROM alpine:3.20\n", "docker/b.Dockerfile": "FROM alpine:3.20\n"}
    assert lint(text, "PDC401", files=files) == [
        ("PDC401", 2, 45, 2, 63, "a builds from backend/backend/Dockerfile, which does not exist "
                                 "(build.dockerfile is relative to the context backend)"),
        ("PDC401", 5, 14, 5, 21, "d builds from missing/Dockerfile, which does not exist "
                                 "(build.dockerfile is relative to the context missing)"),
    ]


def test_build_context_that_is_a_file():
    files = {"Dockerfile": "FROM alpine:3.20\n"}
    assert lint("services:\n  a: {build: ./Dockerfile}\n", "PDC401", files=files) == [
        ("PDC401", 2, 14, 2, 26, "a's build context Dockerfile is a file: build: takes the context directory "
                                 "(name the Dockerfile in build.dockerfile)")]


def test_build_context_of_an_extended_service_resolves_from_its_file():
    text = "services:\n  a:\n    extends: {file: sub/base.yaml, service: a}\n"
    files = {"sub/base.yaml": "services:\n  a:\n    build: app\n", "sub/app/Dockerfile": "FROM alpine:3.20\n"}
    assert lint(text, "PDC401", files=files) == []


def test_build_target_and_args():
    text = """
        services:
          a:
            build:
              context: .
              target: Prod
              args: {VERSION: "1", TYPO: "2", HTTP_PROXY: "http://p", BUILDKIT_INLINE_CACHE: "1"}
          b:
            build:
              context: .
              target: production
              args: ["VERSION=1", "GLOBAL", "OTHER=3"]
    """
    files = {"Dockerfile": "ARG GLOBAL=x\nFROM alpine:3.20 AS build\nARG VERSION\n\nFROM build AS prod\n"}
    assert lint(text, "PDC402", "PDC403", files=files) == [
        ("PDC403", 6, 28, 6, 32, "build arg TYPO is not declared by any ARG in Dockerfile, so it has no effect"),
        ("PDC402", 10, 15, 10, 25, "Dockerfile has no stage named production (its stages: build, prod)"),
        ("PDC403", 11, 37, 11, 46, "build arg OTHER is not declared by any ARG in Dockerfile, so it has no effect"),
    ]
