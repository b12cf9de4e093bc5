"""Restarting dependencies, network mode conflicts, Dockerfile conflicts and restart values."""

from tests.compose.support import lint


def test_completed_successfully_on_a_restarting_service():
    text = """
        services:
          app:
            image: x:1
            depends_on:
              a: {condition: service_completed_successfully}
              b: {condition: service_completed_successfully}
              c: {condition: service_completed_successfully}
              d: {condition: service_started}
          a: {image: x:1, restart: always}
          b: {image: x:1, deploy: {restart_policy: {condition: any}}}
          c: {image: x:1, restart: on-failure}
          d: {image: x:1, restart: always}
    """
    assert [(row[1], row[2]) for row in lint(text, "PDC105")] == [(5, 22), (6, 22)]


def test_network_mode_conflicts():
    text = """
        services:
          a: {image: x:1, network_mode: host, ports: ["80:80"]}
          b: {image: x:1, network_mode: "service:a", networks: [n]}
          c: {image: x:1, network_mode: bridge, ports: ["80:80"]}
          d: {image: x:1, network_mode: "${MODE}", networks: [n]}
        networks: {n: {}}
    """
    assert [(row[1], row[2], row[5]) for row in lint(text, "PDC205")] == [
        (2, 39, "a uses network_mode: host, so its ports: mappings cannot apply: remove them"),
        (3, 46, "b sets both network_mode (service:a) and networks, which Compose refuses: keep one"),
    ]


def test_dockerfile_and_inline_dockerfile():
    text = """
        services:
          a: {build: {context: ., dockerfile: Dockerfile, dockerfile_inline: "FROM alpine:3.20"}}
          b: {build: {context: ., dockerfile_inline: "FROM alpine:3.20"}}
    """
    assert [(row[1], row[2]) for row in lint(text, "PDC404")] == [(2, 51)]


def test_restart_values():
    text = """
        services:
          a: {image: x:1, restart: "no"}
          b: {image: x:1, restart: no}
          c: {image: x:1, restart: on-failure:3}
          d: {image: x:1, restart: unless_stopped}
          e: {image: x:1, restart: "${RESTART}"}
          f: {image: x:1, restart: on-failure:x}
          g: {image: x:1, restart: false}
    """
    assert [(row[1], row[2]) for row in lint(text, "PDC608")] == [(5, 28), (7, 28)]


def test_service_without_image_or_build():
    text = """
        services:
          a: {command: x}
          b: {image: x:1}
          c: {build: .}
          d: {provider: {type: model}}
          e: {extends: b}
    """
    assert lint(text, "PDC206", files={"Dockerfile": "FROM alpine:3.20\n"}) == [
        ("PDC206", 2, 3, 2, 4, "a has neither image nor build: Compose cannot create it")]
    assert lint("services:\n  a: {command: x}\n", "PDC206", path="compose.prod.yaml") == []


def test_service_whose_base_is_unknown_is_not_reported_without_image():
    text = """
        services:
          a: {extends: {file: "remote:x/compose.yaml", service: a}}
          b: {extends: {file: missing.yaml, service: b}}
    """
    assert lint(text, "PDC206") == []
    assert lint("services:\n  app: {environment: {A: '1'}}\n", "PDC206", path="compose-override.yaml") == []


def test_duplicate_mount_targets():
    text = """
        services:
          a:
            image: x:1
            volumes:
              - data:/data
              - ./cache:/cache/
              - type: bind
                source: ./other
                target: /data
              - "${DIR}:/cache"
            tmpfs: [/cache, /tmp]
          b:
            image: x:1
            volumes: [data:/data]
            tmpfs: /data
        volumes: {data: {}}
    """
    assert [(row[1], row[2], row[5]) for row in lint(text, "PDC207")] == [
        (7, 9, "a mounts /data twice (also on line 5): Compose refuses a second mount at the same path"),
        (11, 13, "a mounts /cache twice (also on line 6): Compose refuses a second mount at the same path"),
        (15, 12, "b mounts /data twice (also on line 14): Compose refuses a second mount at the same path"),
    ]


def test_several_documents_are_reported_once_each_after_the_first():
    text = "services:\n  a: {image: x:1}\n---\nservices:\n  a: {restart: always}\n---\n# empty\n---\nx-a: 1\n"
    assert lint(text, "PDC004") == [
        ("PDC004", 4, 1, 4, 2, "YAML document 2 of 3: Compose merges it onto the ones before, like an override "
                               "file; use one document (or a separate override file)"),
        ("PDC004", 9, 1, 9, 2, "YAML document 3 of 3: Compose merges it onto the ones before, like an override "
                               "file; use one document (or a separate override file)"),
    ]
