"""Whatever is in a repository gets a located finding or one clear error, never a traceback.

Dockerfile contents and file-system oddities; Compose and configuration cases join
when those parts land.
"""

from __future__ import annotations

import codecs
import os

import pytest
from click.testing import CliRunner

from pydocklint.cli import lint
from pydocklint.engine import lint_dockerfile, select_rules
from pydocklint.source import SourceError, decode

ALL_RULES = select_rules()


def findings(text: str) -> list[tuple[str, int, str]]:
    report = lint_dockerfile(text, "Dockerfile", ALL_RULES)
    assert report.errors == []
    return [(f.code, f.line, f.message) for f in report.findings]


def syntax_findings(text: str) -> list[tuple[str, int, str]]:
    return [f for f in findings(text) if f[0] < "PDL1"]


def run(*args):
    return CliRunner().invoke(lint, list(args), catch_exceptions=False)


def test_empty_file_and_comment_only_file():
    assert findings("") == [("PDL001", 1, "file with no instructions")]
    assert findings("# just\n\n# comments\n") == [("PDL001", 1, "file with no instructions")]


def test_nul_bytes_are_a_located_error():
    with pytest.raises(SourceError) as raised:
        decode(b"FROM alpine\nRUN x\n\x00\x01binary")
    assert (raised.value.message, raised.value.line) == ("binary file: contains a NUL byte, so it is not a Dockerfile", 3)


def test_latin1_is_read_byte_for_byte_as_docker_does():
    text = decode("FROM alpine:3.20\nRUN echo été\n".encode("latin-1"))
    assert text == "FROM alpine:3.20\nRUN echo été\n"
    assert syntax_findings(text) == []


@pytest.mark.parametrize(("bom", "name"), [(codecs.BOM_UTF16_LE, "UTF-16"), (codecs.BOM_UTF16_BE, "UTF-16"),
                                           (codecs.BOM_UTF32_LE, "UTF-32")])
def test_utf16_and_utf32_are_refused_clearly(bom, name):
    with pytest.raises(SourceError) as raised:
        decode(bom + "FROM alpine\n".encode("utf-16-le"))
    assert raised.value.message == f"file is {name} encoded; Docker reads Dockerfiles as UTF-8"


def test_a_utf8_bom_is_fine():
    assert syntax_findings(decode(codecs.BOM_UTF8 + b"FROM alpine:3.20\n")) == []


def test_cr_only_line_endings_explain_the_error():
    assert syntax_findings("FROM alpine:3.20\rRUN echo hi\r") == [
        ("PDL004", 1, "FROM requires either one argument (FROM image) or three (FROM image AS name), got 4 "
                      "(the file has CR-only line endings, which Docker does not treat as line breaks)"),
    ]


def test_a_hundred_thousand_lines():
    text = "FROM alpine:3.20\n" + "".join(f"RUN echo {i} \\\n  && true\n" for i in range(50_000))
    assert len(text.splitlines()) == 100_001
    assert syntax_findings(text) == []


def test_a_line_over_64_kib_is_buildkits_error():
    assert findings("FROM alpine:3.20\nRUN echo " + "x" * 70_000 + "\n") == [
        ("PDL001", 2, "dockerfile line greater than max allowed size of 65535"),
    ]


def test_ten_thousand_heredocs():
    text = "FROM alpine:3.20\n" + "".join(f"RUN <<EOF\necho {i}\nEOF\n" for i in range(10_000))
    assert syntax_findings(text) == []


def test_deep_nesting_of_substitutions_and_quotes():
    nested = "FROM alpine:3.20\nRUN echo " + "$(echo " * 3000 + "x" + ")" * 3000 + "\n"
    quotes = "FROM alpine:3.20\nRUN echo \"" + "'\"" * 5000 + "\n"
    braces = "FROM alpine:3.20\nENV A=" + "${A:-" * 3000 + "x" + "}" * 3000 + "\n"
    for text in (nested, quotes, braces):
        assert syntax_findings(text) == []


def test_unterminated_quotes_and_heredocs():
    assert syntax_findings('FROM alpine:3.20\nRUN echo "never closed\n') == []  # the shell's problem, not Docker's
    assert findings("FROM alpine:3.20\nRUN cat <<EOF\nbody\n") == [("PDL001", 2, "unterminated heredoc")]


def test_every_instruction_without_arguments():
    keywords = ["RUN", "CMD", "ENTRYPOINT", "ENV", "ARG", "LABEL", "EXPOSE", "USER", "WORKDIR", "VOLUME", "COPY",
                "ADD", "SHELL", "STOPSIGNAL", "HEALTHCHECK", "ONBUILD", "MAINTAINER"]
    text = "FROM alpine:3.20\n" + "\n".join(keywords) + "\nFROM\n"
    assert syntax_findings(text) == [
        ("PDL008", 5, "ENV requires at least one argument"),
        ("PDL008", 6, "ARG requires at least one argument"),
        ("PDL008", 7, "LABEL requires at least one argument"),
        ("PDL008", 8, "EXPOSE requires at least one argument"),
        ("PDL008", 9, "USER requires exactly one argument"),
        ("PDL008", 10, "WORKDIR requires exactly one argument"),
        ("PDL008", 11, "VOLUME requires at least one argument"),
        ("PDL008", 12, "COPY requires at least two arguments, but none were provided: "
                       "the destination could not be determined"),
        ("PDL008", 13, "ADD requires at least two arguments, but none were provided: "
                       "the destination could not be determined"),
        ("PDL007", 14, 'SHELL requires the arguments to be in JSON form, e.g. SHELL ["/bin/bash", "-c"]'),
        ("PDL008", 15, "STOPSIGNAL requires exactly one argument"),
        ("PDL008", 16, "HEALTHCHECK requires at least one argument"),
        ("PDL008", 17, "ONBUILD requires at least one argument"),
        ("PDL008", 18, "MAINTAINER requires exactly one argument"),
        ("PDL004", 19, "FROM requires either one argument (FROM image) or three (FROM image AS name), got 0"),
    ]


# File system ------------------------------------------------------------------------------


def test_missing_path_is_reported_and_others_still_linted(tmp_path):
    (tmp_path / "Dockerfile").write_text("FROM python\n")
    result = run(str(tmp_path / "nope"), str(tmp_path / "Dockerfile"))
    assert result.exit_code == 2
    assert f"pydocklint: {tmp_path / 'nope'}: no such file or directory" in result.stderr
    assert "[PDL101]" in result.stdout


def test_a_fifo_is_not_read(tmp_path):
    os.mkfifo(tmp_path / "Dockerfile")
    result = run(str(tmp_path))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"pydocklint: {tmp_path / 'Dockerfile'}: error: not a regular file "
                                    "(a FIFO, socket or device), so it is not read\n")


def test_a_directory_named_dockerfile_is_walked(tmp_path):
    (tmp_path / "Dockerfile").mkdir()
    (tmp_path / "Dockerfile" / "Dockerfile").write_text("FROM python\n")
    result = run(str(tmp_path / "Dockerfile"))
    assert result.exit_code == 1
    assert result.stdout.startswith(f"{tmp_path / 'Dockerfile' / 'Dockerfile'}:1:6: warning:")


def test_symlink_loops(tmp_path):
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "up").symlink_to(tmp_path)  # a directory loop: the walk must not follow it
    (tmp_path / "sub" / "Dockerfile").write_text("FROM alpine:3.20\n")
    walked = run("--select", "PDL0", str(tmp_path))
    assert (walked.exit_code, walked.stdout) == (0, "")
    named = run(str(tmp_path / "a"))
    assert named.exit_code == 2
    assert "cannot read file: Too many levels of symbolic links" in named.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_unreadable_file(tmp_path):
    path = tmp_path / "Dockerfile"
    path.write_text("FROM alpine:3.20\n")
    path.chmod(0)
    result = run(str(path))
    assert result.exit_code == 2
    assert "cannot read file: Permission denied" in result.stderr


def test_a_file_that_vanishes_during_the_run(tmp_path, monkeypatch):
    from pydocklint import discover

    real_discover = discover.discover

    def discover_then_delete(paths):
        for target in real_discover(paths):
            os.remove(target.path)
            yield target

    (tmp_path / "Dockerfile").write_text("FROM alpine:3.20\n")
    monkeypatch.setattr(discover, "discover", discover_then_delete)
    result = run(str(tmp_path))
    assert result.exit_code == 2
    assert "cannot read file: No such file or directory" in result.stderr


# Compose ----------------------------------------------------------------------------------


COMPOSE_RULES = tuple(rule for rule in ALL_RULES if rule.kind == "compose")


def compose_findings(text: str, files: dict[str, str] | None = None, *codes: str) -> list[tuple]:
    """(path, code, line, column, message) of every finding; no internal error allowed."""
    from pydocklint.compose.lint import lint_compose

    report = lint_compose(text, "compose.yaml", COMPOSE_RULES, load_file=(files or {}).get)
    assert report.errors == []
    return [(f.path, f.code, f.line, f.column, f.message) for f in report.findings if not codes or f.code in codes]


def test_compose_invalid_yaml_is_located_at_the_error(tmp_path):
    (tmp_path / "compose.yaml").write_text("services:\n  web:\n    image: [a\n  db: x\n")
    result = run(str(tmp_path / "compose.yaml"))
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        f"{tmp_path / 'compose.yaml'}:4:5: error: Invalid YAML: expected ',' or ']', but got ':' [PDC001]")


def test_compose_invalid_yaml_at_the_end_of_the_text_stays_inside_the_file():
    assert compose_findings("services:\n  web: [\n", None, "PDC001") == [
        ("compose.yaml", "PDC001", 2, 9, "Invalid YAML: expected the node content, but found '<stream end>'")]


def test_compose_duplicate_keys():
    assert compose_findings("services:\n  web:\n    image: a:1\n    image: a:2\n", None, "PDC001") == [
        ("compose.yaml", "PDC001", 4, 5, "Duplicate key 'image' (first written on line 3): Compose refuses the file")]


@pytest.mark.parametrize("text", ["- a\n- b\n", "just a string\n", "42\n", "null\n"])
def test_compose_top_level_that_is_not_a_mapping(text):
    assert compose_findings(text, None, "PDC001") == [
        ("compose.yaml", "PDC001", 1, 1, "The top level of a Compose file must be a mapping of keys "
                                         "(services:, networks:…)")]


def test_compose_several_documents_are_merged_and_reported():
    text = "services:\n  web:\n    image: nginx:1.27\n---\nservices:\n  db:\n    image: 7\n"
    assert compose_findings(text, None, "PDC001", "PDC002", "PDC004") == [
        ("compose.yaml", "PDC004", 5, 1, "YAML document 2 of 2: Compose merges it onto the ones before, like an "
                                         "override file; use one document (or a separate override file)"),
        ("compose.yaml", "PDC002", 7, 12, "services.db.image must be a string, not the number 7"),
    ]


def test_compose_billion_laughs_is_refused_with_bounded_memory():
    import tracemalloc

    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for previous, name in zip("abcdefghi", "bcdefghij", strict=True):
        lines.append(f"{name}: &{name} [{', '.join(['*' + previous] * 9)}]")
    text = "\n".join(lines) + "\n"
    compose_findings("services: {}\n")  # imports ruamel.yaml and the rules: not part of the measure
    tracemalloc.start()
    found = compose_findings(text)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert found == [("compose.yaml", "PDC001", 1, 1, "Aliases expand this document to more than 200,000 values "
                                                      "(an alias bomb?); refusing to read it")]
    assert peak < 50_000_000  # measured: under 1 MB; 9**10 expanded values would need gigabytes


@pytest.mark.parametrize(("text", "line"), [
    ("services:\n  web:\n    command: " + "[" * 10_000 + "]" * 10_000 + "\n", 3),
    ("x-deep: " + "{a: " * 10_000 + "1" + "}" * 10_000 + "\n", 1),
    ("x-deep:\n" + "  " + "- " * 10_000 + "x\n", 2),
    ("x-deep:\n" + "".join(" " * (2 + level) + f"k{level}:\n" for level in range(1_000)), 100),
])
def test_compose_ten_thousand_deep_nesting_is_refused(text, line):
    assert compose_findings(text, None, "PDC001") == [
        ("compose.yaml", "PDC001", line, 1, "The YAML is nested too deeply (more than 100 levels)")]


def test_compose_huge_scalars():
    big = "x" * 5_000_000
    text = f"services:\n  web:\n    image: nginx:1.27\n    command: '{big}'\n    labels:\n      a: {big}\n"
    assert [row[1] for row in compose_findings(text)] == ["PDC606", "PDC607"]


# A valid project the wrong-type cases start from: every key the rules read, each set right.
VALID_COMPOSE = {
    "services": {
        "web": {
            "image": "nginx:1.27", "build": {"context": ".", "dockerfile": "Dockerfile", "args": {"A": "1"}},
            "ports": ["127.0.0.1:80:80", {"target": 80, "published": "8080", "host_ip": "127.0.0.1"}],
            "volumes": ["data:/data", {"type": "bind", "source": "./src", "target": "/src"}],
            "depends_on": {"db": {"condition": "service_healthy"}},
            "healthcheck": {"test": ["CMD", "true"], "interval": "10s"}, "environment": {"A": "1"},
            "user": "1000", "cap_add": ["NET_BIND_SERVICE"], "security_opt": ["no-new-privileges:true"],
            "restart": "unless-stopped", "networks": ["front"], "profiles": ["web"], "container_name": "web",
            "deploy": {"resources": {"limits": {"memory": "512m"}}, "restart_policy": {"condition": "on-failure"}},
            "mem_limit": "512m", "secrets": ["token"], "configs": ["conf"], "privileged": False,
            "network_mode": "bridge", "pid": "host", "tmpfs": ["/tmp"], "command": ["serve"],
            "entrypoint": ["/init"], "pull_policy": "build", "labels": {"a": "b"}, "links": ["db"],
        },
        "db": {"image": "postgres:16.4", "extends": {"file": "base.yaml", "service": "db"}},
    },
    "include": [{"path": ["other.yaml"]}], "name": "shop",
    "networks": {"front": {}}, "volumes": {"data": {}},
    "secrets": {"token": {"file": "./token"}}, "configs": {"conf": {"file": "./conf"}},
}
NEIGHBOURS = {"Dockerfile": "FROM alpine:3.20\n", "other.yaml": "services: {}\n",
              "base.yaml": "services:\n  db:\n    image: postgres:16.4\n"}
WRONG_VALUES = {"int": 7, "list": ["a"], "mapping": {"a": "b"}, "null": None, "bool": True}
# The wrong-looking values the Compose specification does accept at a key.
ACCEPTED = {
    "services.web.build.args": {"list", "mapping"}, "services.web.healthcheck.test": {"list"},
    "services.web.build.args.A": {"int", "null", "bool"}, "services.web.labels.a": {"int", "null", "bool"},
    "services.web.ports[0]": {"int"}, "services.web.ports[1]": {"int"}, "services.web.ports[1].published": {"int"},
    "services.web.ports[1].target": {"int"}, "services.web.environment.A": {"int", "null", "bool"},
    "services.web.environment": {"list", "mapping"}, "services.web.depends_on": {"list"},
    "services.web.ports": {"list"}, "services.web.volumes": {"list"}, "services.web.cap_add": {"list"},
    "services.web.security_opt": {"list"}, "services.web.networks": {"list"}, "services.web.profiles": {"list"},
    "services.web.deploy": {"null"}, "services.web.mem_limit": {"int"}, "services.web.secrets": {"list"},
    "services.web.configs": {"list"}, "services.web.privileged": {"bool"}, "services.web.pid": {"null"},
    "services.web.tmpfs": {"list"}, "services.web.command": {"list", "null"},
    "services.web.entrypoint": {"list", "null"}, "services.web.labels": {"list", "mapping"},
    "services.web.links": {"list"}, "include": {"list"}, "include[0].path": {"list"},
    "networks.front": {"null"}, "volumes.data": {"null"},
}


def _key_paths(value, where: str = ""):
    """(path as the schema messages spell it, the JSON path) of every key and list item in a document."""
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for step, child in items:
        here = f"{where}[{step}]" if isinstance(step, int) else f"{where}.{step}" if where else step
        yield here, (step,)
        for deeper, steps in _key_paths(child, here):
            yield deeper, (step, *steps)


def _with_value(document, steps: tuple, value):
    import copy

    changed = copy.deepcopy(document)
    parent = changed
    for step in steps[:-1]:
        parent = parent[step]
    parent[steps[-1]] = value
    return changed


WRONG_TYPE_CASES = [(where, steps, kind) for where, steps in _key_paths(VALID_COMPOSE)
                    if where != "services" for kind in WRONG_VALUES]


def test_the_valid_project_has_no_schema_error():
    import json

    assert compose_findings(json.dumps(VALID_COMPOSE, indent=1), NEIGHBOURS, "PDC001", "PDC002") == []


@pytest.mark.parametrize(("where", "steps", "kind"), WRONG_TYPE_CASES,
                         ids=[f"{where}={kind}" for where, _, kind in WRONG_TYPE_CASES])
def test_compose_wrong_types_at_every_key_are_schema_findings(where, steps, kind):
    import json

    text = json.dumps(_with_value(VALID_COMPOSE, steps, WRONG_VALUES[kind]), indent=1)
    schema = [row for row in compose_findings(text, NEIGHBOURS, "PDC001", "PDC002") if row[0] == "compose.yaml"]
    if kind in ACCEPTED.get(where, ()):
        assert schema == []
    else:
        assert schema and all(row[1] == "PDC002" for row in schema)
        assert any(where in row[4] or where.rpartition(".")[0] in row[4] for row in schema), schema


def test_compose_unterminated_interpolation():
    assert compose_findings('services:\n  web:\n    image: "nginx:${TAG"\n', None, "PDC003") == [
        ("compose.yaml", "PDC003", 3, 12, "Invalid template: '${TAG' has no closing brace")]


def test_compose_include_and_extends_cycles():
    other = "include:\n  - compose.yaml\nservices:\n  api:\n    image: nginx:1.27\n"
    assert compose_findings("include:\n  - other.yaml\nservices: {}\n", {"other.yaml": other}, "PDC203") == [
        ("other.yaml", "PDC203", 2, 5, "Include cycle: compose.yaml includes this file again")]
    extends = "services:\n  web:\n    extends: api\n  api:\n    extends:\n      service: web\n"
    assert compose_findings(extends, None, "PDC203") == [
        ("compose.yaml", "PDC203", 6, 16, "extends cycle: service api extends web, which extends it back")]


def test_compose_extends_and_build_context_outside_the_project_or_missing(tmp_path):
    project = tmp_path / "repo"
    project.mkdir()
    (tmp_path / "base.yaml").write_text("services:\n  api:\n    image: nginx:1.27\n    privileged: true\n")
    (project / "compose.yaml").write_text(
        "services:\n  api:\n    extends:\n      file: ../base.yaml\n      service: api\n"
        "  web:\n    extends:\n      file: missing.yaml\n      service: web\n"
        "  job:\n    build: ../../nowhere\n")
    result = run("--select", "PDC201,PDC401,PDC501", str(project / "compose.yaml"))
    assert result.exit_code == 1
    # A file outside the project is read as Compose reads it, and its findings name it.
    assert result.stdout.splitlines()[:3] == [
        f"{tmp_path / 'base.yaml'}:4:17: warning: api runs privileged (all capabilities and devices, "
        "no confinement): grant only the capabilities or devices it needs [PDC501]",
        f"{project / 'compose.yaml'}:8:13: error: extends names file missing.yaml, which does not exist [PDC201]",
        f"{project / 'compose.yaml'}:11:12: error: job builds from {tmp_path.parent / 'nowhere' / 'Dockerfile'}, "
        f"which does not exist (build.dockerfile is relative to the context {tmp_path.parent / 'nowhere'}) [PDC401]",
    ]


# .dockerignore ----------------------------------------------------------------------------


def test_dockerignore_invalid_patterns_are_kept_with_their_line_and_skipped():
    from pydocklint.dockerignore import IgnoreFile

    ignore = IgnoreFile.parse("node_modules\n[\nfoo\\\n*.log\na[b-\n", "ctx/.dockerignore")
    assert [(p.line, p.text, p.error) for p in ignore.patterns if p.error] == [
        (2, "[", "unterminated character class"), (3, "foo\\", "trailing backslash in pattern"),
        (5, "a[b-", "unterminated character class")]
    assert ignore.excludes("x.log") and ignore.excludes("node_modules/a") and not ignore.excludes("foo")


def test_a_hundred_thousand_line_dockerignore(tmp_path):
    # The cost (linear in the patterns) is measured by benchmarks/bench_linear.py, not asserted here.
    lines = [f"build/dir{i}/*.o" if i % 3 else f"!keep/{i}" for i in range(100_000)]
    (tmp_path / ".dockerignore").write_text("\n".join(lines + ["secrets/", "!src/keep.txt"]) + "\n")
    (tmp_path / "Dockerfile").write_text("FROM alpine:3.22\nCOPY . /app\n")
    for directory in ("src", "secrets", "build/dir7"):
        (tmp_path / directory).mkdir(parents=True)
    for index in range(300):
        (tmp_path / "src" / f"f{index}.txt").write_text("x\n")
    (tmp_path / "secrets" / ".env").write_text("TOKEN=1\n")
    (tmp_path / "src" / ".env").write_text("TOKEN=1\n")
    result = run("--select", "PDL45", str(tmp_path))
    # secrets/.env is excluded by a line after the 100,000 others; src/.env by none.
    assert (result.exit_code, result.stdout) == (1, (
        f"{tmp_path / 'Dockerfile'}:2:6: warning: COPY . copies credential-looking file src/.env into the image: "
        "list it in .dockerignore [PDL451]\n"))

    from pydocklint.dockerignore import IgnoreFile

    ignore = IgnoreFile.parse("\n".join(lines[:1_000] + ["secrets/", "!src/keep.txt"]))  # the same, shorter
    assert ignore.excludes("build/dir7/a.o") and not ignore.excludes("build/dir6/a.o")
    assert ignore.excludes("secrets/.env") and not ignore.excludes("src/keep.txt")


# Configuration ----------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "text", "message"), [
    (".pydocklint.toml", "select = [\n", ".pydocklint.toml: invalid TOML: Invalid value (at end of document)"),
    (".pydocklint.toml", 'selct = ["PDL1"]\n', ".pydocklint.toml: selct: unknown option (known: "),
    (".pydocklint.toml", "select = 5\n", ".pydocklint.toml: select: expected a list of rule references"),
    (".pydocklint.toml", '[severity]\nPDL101 = "loud"\n',
     ".pydocklint.toml: severity.PDL101: unknown severity 'loud' (choose from style, info, warning, error)"),
    (".pydocklint.toml", "[rules.PDL101]\nbogus = 1\n",
     ".pydocklint.toml: rules.PDL101.bogus: unknown option for this rule (its options: none)"),
    (".pydocklint.yaml", "select: [\n",
     ".pydocklint.yaml: invalid YAML: line 1, column 10: expected the node content, but found '<stream end>'"),
    (".pydocklint.yaml", "select: [PDL999]\n", ".pydocklint.yaml: select: unknown rule 'PDL999'"),
    (".pydocklint.yaml", "- PDL101\n", ".pydocklint.yaml: the configuration must be a mapping of options"),
    (".pydocklint.yaml", "fail-level: loud\n", ".pydocklint.yaml: fail-level: unknown severity 'loud'"),
    (".pydocklint.yaml", "rules: 5\n", ".pydocklint.yaml: rules: expected a table of rule = {option = value}"),
    (".pydocklint.yaml", "select: [PDL1]\nselect: [PDL2]\n",
     ".pydocklint.yaml: invalid YAML: line 2, column 1: Duplicate key 'select' (first written on line 1)\n"),
    (".pydocklint.yaml", "select: [PDL1]\n---\nselect: [PDL2]\n",
     ".pydocklint.yaml: invalid YAML: line 3: the configuration must be a single YAML document\n"),
    (".pydocklint.yaml", "a: &a [*a]\n", ".pydocklint.yaml: invalid YAML: line 1, column 1: Aliases expand this "
                                         "document to more than 200,000 values (an alias bomb?); refusing to read it"),
    (".pydocklint.yaml", "x: " + "[" * 5_000 + "\n",
     ".pydocklint.yaml: invalid YAML: line 1, column 1: The YAML is nested too deeply (more than 100 levels)"),
    (".pydocklint.yaml", "\x00\n",
     ".pydocklint.yaml: invalid YAML: line 1, column 1: character #x0000 is not allowed"),
    ("pyproject.toml", '[tool.pydocklint]\nselect = "x"\n', "pyproject.toml: select: unknown rule 'x'"),
])
def test_bad_configuration_exits_2_naming_the_file_and_key(tmp_path, monkeypatch, name, text, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "Dockerfile").write_text("FROM alpine:3.22\n")
    (tmp_path / name).write_text(text)
    result = run("Dockerfile")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"pydocklint: error: {message}")
    assert "Traceback" not in result.stderr


# Output -----------------------------------------------------------------------------------


@pytest.mark.parametrize("output_format", ["text", "json"])
def test_stdout_closed_early_prints_no_traceback(tmp_path, output_format):
    import subprocess
    import sys

    for index in range(200):
        (tmp_path / f"d{index}").mkdir()
        (tmp_path / f"d{index}" / "Dockerfile").write_text("FROM python\nRUN apt-get install curl\nMAINTAINER x\n")
    command = [sys.executable, "-m", "pydocklint", "--format", output_format, str(tmp_path)]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        process.stdout.readline()
        process.stdout.close()  # what `| head -1` does
        stderr = process.stderr.read().decode()
        process.wait(timeout=120)
    assert stderr == ""
    assert process.returncode in (1, 120, -13)  # findings, or a signalled/flush-failed exit: never a crash
