"""Loading as Compose does: YAML 1.2 with positions, anchors and merges, guards, files merged into a project."""

import tracemalloc

import pytest

from pydocklint.compose.project import load_project
from pydocklint.compose.yamlload import LoadError, load_documents
from tests.compose.support import dedent, lint


def load(text, files=None, path="compose.yaml"):
    files = {name: dedent(content) for name, content in (files or {}).items()}
    return load_project(dedent(text), path, files.get)


def test_every_node_keeps_its_position():
    root = load_documents("services:\n  web:\n    image: 'nginx:1.27'\n    ports: [\"80:80\"]\n", "c.yaml")[0]
    web = root.mapping("services").mapping("web")
    assert web.key("image").span == (3, 5, 3, 10)
    assert web.scalar("image").span == (3, 12, 3, 24) and web.scalar("image").quoted
    assert web.sequence("ports").items[0].span == (4, 13, 4, 20)
    assert web.path == "c.yaml"


def test_yaml_1_2_scalars():
    root = load_documents("a: 22:22\nb: yes\nc: on\nd: 0o17\ne: 017\nf: ~\ng: 1.5\nh: true\ni: '1'\n", "c")[0]
    values = {name: node.value for name, node in root.items()}
    assert values == {"a": "22:22", "b": "yes", "c": "on", "d": 15, "e": 17, "f": None, "g": 1.5, "h": True,
                      "i": "1"}


def test_anchors_aliases_and_merge_keys():
    root = load_documents(dedent("""
        x-base: &base
          image: nginx:1.27
          restart: always
        x-extra: &extra
          restart: "no"
          mem_limit: 1g
        services:
          web:
            <<: [*base, *extra]
            restart: unless-stopped
    """), "c")[0]
    web = root.mapping("services").mapping("web")
    assert {name: node.value for name, node in web.items()} == {
        "restart": "unless-stopped", "image": "nginx:1.27", "mem_limit": "1g"}
    assert web.scalar("image").line == 2  # merged values point where they were written


def test_reset_and_override_tags_apply_when_merging_an_override_file():
    project = load("""
        services:
          web:
            image: nginx:1.27
            ports: ["8080:80"]
            environment: {A: "1"}
    """, files={"compose.override.yaml": """
        services:
          web:
            ports: !reset []
            environment: !override {B: "2"}
    """})
    web = project.services["web"].node
    assert "ports" not in web
    assert list(web.mapping("environment").entries) == ["B"]
    assert web.scalar("image").path == "compose.yaml"


def test_several_documents_are_merged_in_order():
    project = load("""
        services:
          web:
            image: nginx:1.26
        ---
        services:
          web:
            image: nginx:1.27
          db:
            image: postgres:16.4
    """)
    assert sorted(project.services) == ["db", "web"]
    assert project.services["web"].node.scalar("image").value == "nginx:1.27"
    assert project.files["compose.yaml"].documents == 2


def test_alias_bomb_is_refused_with_bounded_memory():
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    previous = "a"
    for name in "bcdefghij":
        lines.append(f"{name}: &{name} [{', '.join(['*' + previous] * 9)}]")
        previous = name
    text = "\n".join(lines) + "\n"
    load_documents("warm: up\n", "warm.yaml")  # the first call imports ruamel.yaml: not part of the budget
    tracemalloc.start()
    with pytest.raises(LoadError) as error:
        load_documents(text, "bomb.yaml")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 50_000_000  # 9**10 expanded values would need gigabytes
    assert "alias bomb" in error.value.problem.message


@pytest.mark.parametrize("text", ["[" * 100_000 + "]" * 100_000, "- " * 100_000 + "x",
                                  "".join(" " * i + f"k{i}:\n" for i in range(300))])
def test_absurd_nesting_is_refused_before_the_parser_recurses(text):
    with pytest.raises(LoadError) as error:
        load_documents(text, "deep.yaml")  # a RecursionError would fail the test instead
    assert "nested too deeply" in error.value.problem.message


def test_yaml_problems_are_findings():
    assert lint("services:\n  web:\n    image: a:1\n    image: a:2\n", "PDC001") == [
        ("PDC001", 4, 5, 4, 10, "Duplicate key 'image' (first written on line 3): Compose refuses the file")]
    assert lint("services: [\n", "PDC001")[0][:3] == ("PDC001", 1, 12)  # the end of the text, inside the file
    assert lint("- a\n- b\n", "PDC001") == [
        ("PDC001", 1, 1, 1, 2, "The top level of a Compose file must be a mapping of keys (services:, networks:…)")]
    assert lint("", "PDC001") == []


def test_interpolation_uses_the_project_env_file_only():
    project = load("""
        services:
          web:
            image: "nginx:${TAG}"
            container_name: "${NAME}"
            command: echo $$HOME
    """, files={".env": "TAG=1.27\n"})
    web = project.services["web"].node
    assert (web.scalar("image").value, web.scalar("image").raw, web.scalar("image").unknown) == \
        ("nginx:1.27", "nginx:${TAG}", False)
    assert web.scalar("container_name").unknown
    assert web.scalar("command").value == "echo $HOME"


def test_keys_are_not_interpolated_and_aliases_are_interpolated_once():
    project = load("""
        x-cmd: &cmd "echo $$HOME"
        services:
          web:
            image: nginx:1.27
            command: *cmd
            labels:
              $KEY: v
    """)
    web = project.services["web"].node
    assert web.scalar("command").value == "echo $HOME"
    assert list(web.mapping("labels").entries) == ["$KEY"]


def test_extends_same_file_other_file_and_positions():
    project = load("""
        services:
          base:
            image: nginx:1.27
            cap_add: [CHOWN]
          web:
            extends: base
            cap_add: [NET_BIND_SERVICE]
          api:
            extends: {file: common/base.yaml, service: api}
            environment: [B=2]
    """, files={"common/base.yaml": """
        services:
          api:
            image: ghcr.io/example/api:1.0.0
            environment: {A: "1"}
    """})
    web = project.services["web"].node
    assert [item.value for item in web.sequence("cap_add")] == ["CHOWN", "NET_BIND_SERVICE"]
    assert "extends" not in web
    api = project.services["api"].node
    assert (api.scalar("image").path, api.scalar("image").line) == ("common/base.yaml", 3)
    assert sorted(api.mapping("environment").entries) == ["A", "B"]


def test_extends_problems():
    assert lint("""
        services:
          a: {image: x:1, extends: b}
          b: {image: x:1, extends: a}
          c: {image: x:1, extends: nothing}
          d: {image: x:1, extends: {file: missing.yaml, service: d}}
    """, "PDC201", "PDC203") == [
        ("PDC203", 3, 28, 3, 29, "extends cycle: service b extends a, which extends it back"),
        ("PDC201", 4, 28, 4, 35, "extends names service nothing, which is not defined"),
        ("PDC201", 5, 35, 5, 47, "extends names file missing.yaml, which does not exist"),
    ]


def test_include_brings_services_and_its_own_env():
    project = load("""
        include:
          - db/compose.yaml
        services:
          web:
            image: nginx:1.27
            depends_on: [db]
    """, files={"db/compose.yaml": "services:\n  db:\n    image: postgres:${PG}\n", "db/.env": "PG=16.4\n"})
    assert sorted(project.services) == ["db", "web"]
    assert project.services["db"].node.scalar("image").value == "postgres:16.4"
    assert project.services["db"].node.scalar("image").path == "db/compose.yaml"


def test_include_cycle_and_missing_include():
    files = {"a.yaml": "include: [compose.yaml]\n"}
    # The cycle is found in a.yaml, which is not Compose-named, so this run reports it there.
    rows = lint("include: [a.yaml, missing.yaml]\nservices: {}\n", "PDC201", "PDC203", files=files,
                with_path=True)
    assert rows == [
        ("a.yaml", "PDC203", 1, 11, 1, 23, "Include cycle: compose.yaml includes this file again"),
        ("compose.yaml", "PDC201", 1, 19, 1, 31, "Included file missing.yaml does not exist"),
    ]


def test_overlay_merges_onto_its_base_and_reports_only_its_own_lines():
    files = {"docker-compose.yml": """
        services:
          web:
            image: nginx
            restart: always
            mem_limit: 1g
    """}
    overlay = """
        services:
          web:
            privileged: true
    """
    # The base's untagged image belongs to the base file's own run; the overlay reports its own line.
    assert lint(overlay, path="docker-compose.ci.yml", files=files, with_path=True) == [
        ("docker-compose.ci.yml", "PDC501", 3, 17, 3, 21,
         "web runs privileged (all capabilities and devices, no confinement): grant only the capabilities or "
         "devices it needs")]


def test_overlay_without_its_base_skips_missing_and_undefined_checks():
    overlay = """
        services:
          web:
            networks: [backend]
            depends_on: [db]
    """
    assert lint(overlay, path="compose.prod.yaml") == []


def test_findings_in_an_extends_base_point_into_that_file():
    rows = lint("""
        services:
          web:
            extends: {file: common.yaml, service: web}
            restart: always
            mem_limit: 1g
    """, "PDC302", files={"common.yaml": "services:\n  web:\n    image: nginx:latest\n"}, with_path=True)
    assert rows == [("common.yaml", "PDC302", 3, 12, 3, 24,
                     "Image nginx:latest uses the floating tag latest: pin a version")]


def test_schema_errors_are_plain_words_at_the_node():
    assert lint("""
        services:
          web:
            image: 3
            restart: always
            mem_limit: 1g
            wrongField: 1
            depends_on:
              db:
                restart: true
          db:
            image: postgres:16.4
            restart: always
            mem_limit: 1g
            healthcheck: {test: [CMD, pg_isready]}
    """, "PDC002") == [
        ("PDC002", 3, 12, 3, 13, "services.web.image must be a string, not the number 3"),
        ("PDC002", 6, 5, 6, 15, "Unknown key 'wrongField' in services.web: Compose refuses it (a typo, or a key "
                                "from a newer Compose version?)"),
        ("PDC002", 8, 7, 8, 9, "services.web.depends_on.db needs the key condition"),
    ]


def test_schema_accepts_interpolated_values_and_pre_start_hooks():
    assert lint("""
        services:
          web:
            image: nginx:1.27
            restart: always
            mem_limit: 1g
            privileged: ${PRIV:-false}
            ports: ["${PORT}:80"]
            pre_start:
              - command: echo hi
    """, "PDC002") == []


def test_schema_suggests_the_key_meant_and_accepts_extensions():
    assert lint("""
        x-common: {anything: [1, 2]}
        services:
          web:
            image: nginx:1.27
            x-note: free-form
            enviroment: {A: "1"}
            healthcheck: {test: "true", intervl: 10s}
    """, "PDC002") == [
        ("PDC002", 6, 5, 6, 15, "Unknown key 'enviroment' in services.web: did you mean 'environment'?"),
        ("PDC002", 7, 33, 7, 40, "Unknown key 'intervl' in services.web.healthcheck: did you mean 'interval'?"),
    ]


def test_libyaml_refusals_of_yaml_1_2_are_retried_with_the_yaml_1_2_parser():
    # `x:1` inside a flow mapping is valid YAML 1.2 (and Compose), but libyaml refuses it.
    root = load_documents("services: {web: {image: nginx:1.27}}\n", "c")[0]
    assert root.mapping("services").mapping("web").scalar("image").value == "nginx:1.27"
