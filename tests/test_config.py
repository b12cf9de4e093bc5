"""Configuration files: discovery, every option, errors, and how the command line combines with them."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from pydocklint.cli import lint
from pydocklint.config import ConfigError, ConfigLoader, Settings, load_file, settings_from_table
from pydocklint.findings import Severity
from pydocklint.rule import find_rule

BAD = "FROM python:latest\nMAINTAINER me\n"


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "Dockerfile").write_text(BAD)
    (tmp_path / "app" / "web").mkdir(parents=True)
    (tmp_path / "app" / "web" / "Dockerfile").write_text(BAD)
    return tmp_path


def findings(*args: str, stdin: str | None = None) -> tuple[int, list[tuple[str, str, int, str]], str]:
    """(exit code, [(path, code, line, severity)], stderr) of a JSON run."""
    result = CliRunner().invoke(lint, ["--format", "json", *args], input=stdin, catch_exceptions=False)
    if not result.stdout:
        return result.exit_code, [], result.stderr
    found = [(f["path"], f["code"], f["line"], f["severity"]) for f in json.loads(result.stdout)["findings"]]
    return result.exit_code, found, result.stderr


def test_pyproject_table_selects_and_overrides_severity(project):
    (project / "pyproject.toml").write_text(
        '[tool.pydocklint]\nselect = ["PDL102", "maintainer-deprecated"]\n'
        '[tool.pydocklint.severity]\nDL3007 = "error"\nMaintainerDeprecated = "style"\n')
    assert findings("Dockerfile") == (1, [("Dockerfile", "PDL102", 1, "error"), ("Dockerfile", "PDL201", 2, "style")],
                                      "Found 2 findings (1 error, 1 style) in 1 of 1 file. [*] 1 fixable with --fix.\n")


def test_pyproject_without_our_table_is_not_a_configuration(project):
    (project / "pyproject.toml").write_text('[tool.black]\nline-length = 100\n')
    (project / "app" / "pyproject.toml").write_text('[project]\nname = "x"\n')
    (project / ".pydocklint.toml").write_text('select = ["PDL201"]\n')
    assert findings("app/web/Dockerfile")[1] == [("app/web/Dockerfile", "PDL201", 2, "warning")]


def test_nearest_configuration_wins_and_files_are_not_merged(project):
    (project / ".pydocklint.toml").write_text('select = ["PDL201"]\nfail-level = "error"\n')
    (project / "app" / ".pydocklint.yaml").write_text("select: [PDL1]\n")
    code, found, _ = findings("Dockerfile", "app/web/Dockerfile")
    # The root file's fail-level (error) does not apply under app/, whose file says nothing about it.
    assert (code, found) == (1, [("Dockerfile", "PDL201", 2, "warning"),
                                 ("app/web/Dockerfile", "PDL102", 1, "warning")])
    assert findings("Dockerfile")[0] == 0  # only a warning, and the fail level there is error


def test_in_one_directory_toml_comes_before_yaml_and_pyproject(project):
    (project / "pyproject.toml").write_text('[tool.pydocklint]\nselect = ["PDL102"]\n')
    (project / ".pydocklint.yaml").write_text("select: [PDL102]\n")
    (project / ".pydocklint.toml").write_text('select = ["PDL201"]\n')
    assert [code for _, code, _, _ in findings("Dockerfile")[1]] == ["PDL201"]
    (project / ".pydocklint.toml").unlink()
    (project / ".pydocklint.yaml").write_text("select: [PDL201]\n")
    assert [code for _, code, _, _ in findings("Dockerfile")[1]] == ["PDL201"]


def test_config_option_and_isolated(project):
    (project / ".pydocklint.toml").write_text('select = ["PDL201"]\n')
    (project / "ci.toml").write_text('select = ["PDL102"]\n')
    assert [c for _, c, _, _ in findings("--config", "ci.toml", "app/web/Dockerfile")[1]] == ["PDL102"]
    assert {c for _, c, _, _ in findings("--isolated", "Dockerfile")[1]} >= {"PDL102", "PDL201"}


def test_command_line_select_replaces_and_ignore_adds(project):
    (project / ".pydocklint.toml").write_text('select = ["PDL201"]\nignore = ["PDL102"]\n')
    assert findings("--select", "PDL1,PDL201", "Dockerfile")[1] == [("Dockerfile", "PDL201", 2, "warning")]
    (project / ".pydocklint.toml").write_text('select = ["PDL102", "PDL201"]\n')
    assert findings("--ignore", "DL4000", "Dockerfile")[1] == [("Dockerfile", "PDL102", 1, "warning")]
    (project / ".pydocklint.toml").write_text('select = ["PDL102"]\n')
    assert [c for _, c, _, _ in findings("--extend-select", "PDL201", "Dockerfile")[1]] == ["PDL102", "PDL201"]


def test_fail_level_from_the_file_and_from_the_command_line(project):
    (project / ".pydocklint.toml").write_text('select = ["PDL201"]\nfail-level = "error"\n')
    assert findings("Dockerfile")[0] == 0
    assert findings("--fail-level", "style", "Dockerfile")[0] == 1


def test_per_file_ignores_globs_are_relative_to_the_configuration(project):
    (project / ".pydocklint.toml").write_text(
        'select = ["PDL102", "PDL201"]\n[per-file-ignores]\n"app/**/Dockerfile" = ["PDL102"]\n"Docker*" = ["DL4000"]\n')
    assert findings("Dockerfile", "app/web/Dockerfile")[1] == [("Dockerfile", "PDL102", 1, "warning")]


def test_stdin_filename_picks_the_configuration_of_that_path(project):
    (project / "app" / ".pydocklint.toml").write_text('select = ["PDL201"]\n')
    assert findings("-", "--stdin-filename", "app/web/Dockerfile", stdin=BAD)[1] == [
        ("app/web/Dockerfile", "PDL201", 2, "warning")]


@pytest.mark.parametrize(("text", "message"), [
    ('selct = ["PDL102"]\n', ".pydocklint.toml: selct: unknown option (known: allowed-tags, extend-select, "
                             "fail-level, forbidden-tags, ignore, label-schema, per-file-ignores, rules, select, "
                             "severity, trusted-registries)"),
    ('select = ["PDL999"]\n', ".pydocklint.toml: select: unknown rule 'PDL999' (see `pydocklint rules`)"),
    ('select = "PDL1"\nignore = [1]\n', ".pydocklint.toml: ignore: expected a list of rule references"),
    ('[severity]\nPDL102 = "fatal"\n', ".pydocklint.toml: severity.PDL102: unknown severity 'fatal' "
                                        "(choose from style, info, warning, error)"),
    ('[severity]\nnot-a-rule = "error"\n', ".pydocklint.toml: severity.not-a-rule: unknown rule 'not-a-rule' "
                                            "(see `pydocklint rules`)"),
    ('fail-level = "none"\n', ".pydocklint.toml: fail-level: unknown severity 'none' "
                              "(choose from style, info, warning, error)"),
    ('[per-file-ignores]\n"*.prod" = ["DL9999"]\n', ".pydocklint.toml: per-file-ignores.*.prod: unknown rule "
                                                    "'DL9999' (see `pydocklint rules`)"),
    ('trusted-registries = "docker.io"\n', ".pydocklint.toml: trusted-registries: expected a list of strings"),
    ('[rules.PDL102]\nmax = 3\n', ".pydocklint.toml: rules.PDL102.max: unknown option for this rule "
                                  "(its options: none)"),
    ("select = [\n", ".pydocklint.toml: invalid TOML: "),
])
def test_errors_name_the_file_and_the_key_and_exit_2(project, text, message):
    (project / ".pydocklint.toml").write_text(text)
    code, found, stderr = findings("Dockerfile")
    assert (code, found) == (2, [])
    assert stderr.startswith(f"pydocklint: error: {message}")


def test_yaml_errors(project):
    (project / ".pydocklint.yaml").write_text("- PDL102\n")
    assert findings("Dockerfile")[2] == (
        "pydocklint: error: .pydocklint.yaml: the configuration must be a mapping of options\n")
    (project / ".pydocklint.yaml").write_text("select: [\n")
    assert findings("Dockerfile")[2].startswith("pydocklint: error: .pydocklint.yaml: invalid YAML: ")


def test_missing_config_file_is_an_error(project):
    code, _, stderr = findings("--config", "nope.toml", "Dockerfile")
    assert code == 2 and stderr.startswith("pydocklint: error: nope.toml: cannot read configuration:")


def test_shared_and_per_rule_options_reach_only_rules_that_declare_them(tmp_path):
    path = tmp_path / ".pydocklint.toml"
    path.write_text('trusted-registries = ["docker.io"]\nallowed-tags = ["stable"]\n'
                    '[label-schema]\nmaintainer = "email"\n')
    settings = load_file(str(path))
    rule = find_rule("PDL102")
    assert settings.options_of(rule) == {}
    from dataclasses import replace

    declaring = replace(rule, options=("trusted-registries", "label-schema", "limit"))
    assert settings.options_of(declaring) == {"trusted-registries": ("docker.io",),
                                              "label-schema": {"maintainer": "email"}}
    per_rule = settings_from_table({"rules": {}}, str(path))
    assert per_rule.options_of(declaring) == {}


def test_engine_passes_options_to_a_rule_that_declares_them():
    from dataclasses import replace

    from pydocklint.engine import lint_dockerfile
    from pydocklint.findings import Hit

    seen = []

    def check(dockerfile, options):
        seen.append(dict(options))
        return [Hit.at((1, 1, 1, 5), f"registries {options.get('trusted-registries')}")]

    rule = replace(find_rule("PDL102"), check=check, options=("trusted-registries",))
    settings = Settings(shared_options={"trusted-registries": ("ghcr.io",)}, severity=(("PDL102", Severity.INFO),))
    report = lint_dockerfile("FROM alpine:3.20\n", "Dockerfile", (rule,), settings=settings)
    assert seen == [{"trusted-registries": ("ghcr.io",)}]
    assert [(f.message, f.severity) for f in report.findings] == [("registries ('ghcr.io',)", Severity.INFO)]


def test_loader_caches_per_directory(project):
    (project / ".pydocklint.toml").write_text('select = ["PDL201"]\n')
    loader = ConfigLoader()
    first = loader.settings_for(str(project / "app" / "web" / "Dockerfile"))
    assert loader.settings_for(str(project / "Dockerfile")) is first
    assert first.source == ".pydocklint.toml"


def test_settings_from_table_validates_rule_option_keys(tmp_path):
    with pytest.raises(ConfigError, match=r"x.toml: rules: expected a table"):
        settings_from_table({"rules": ["PDL102"]}, str(tmp_path / "x.toml"))


def test_hadolint_ids_are_case_insensitive_on_the_command_line_and_in_files(project):
    (project / ".pydocklint.yaml").write_text("select: [dl3007, dl4000]\nseverity:\n  dl4000: error\n")
    assert findings("Dockerfile")[1] == [("Dockerfile", "PDL102", 1, "warning"), ("Dockerfile", "PDL201", 2, "error")]
    assert findings("--isolated", "--select", "dl4000", "Dockerfile")[1] == [("Dockerfile", "PDL201", 2, "warning")]


def test_pyproject_is_read_only_when_it_mentions_pydocklint(tmp_path):
    from pydocklint.config import find_config_in

    (tmp_path / "pyproject.toml").write_text("not [valid toml\n")  # never parsed
    assert find_config_in(str(tmp_path)) is None
