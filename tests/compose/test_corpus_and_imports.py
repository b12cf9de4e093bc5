"""The whole Compose corpus lints without a traceback or a false schema error; heavy imports stay lazy."""

import re
import subprocess
import sys

import pytest

from pydocklint.compose.lint import built_dockerfiles, lint_compose
from pydocklint.rule import all_rules
from tests.compose.support import dedent
from tests.support import SHARED

CORPUS = SHARED / "corpus" / "compose"
COMPOSE_NAME = re.compile(r"^(docker-)?compose[^/]*\.ya?ml$")
# The corpus MANIFEST lists the one file that is invalid on purpose.
KNOWN_SCHEMA_ERRORS = {("docker__compose/pkg/e2e/fixtures/wrong-composefile/compose.yaml", 4)}


@pytest.mark.skipif(not CORPUS.is_dir(), reason="shared Compose corpus not available")
def test_corpus_lints_cleanly():
    files = sorted(p for p in CORPUS.rglob("*") if p.is_file() and COMPOSE_NAME.match(p.name))
    assert len(files) == 414
    schema_errors = set()
    for path in files:
        report = lint_compose(path.read_text(encoding="utf-8"), str(path), all_rules())
        assert report.errors == [], path
        for finding in report.findings:
            if finding.code in ("PDC001", "PDC002", "PDC003"):
                schema_errors.add((str(path.relative_to(CORPUS)), finding.line))
    assert schema_errors == KNOWN_SCHEMA_ERRORS


def test_ruamel_and_jsonschema_are_imported_only_when_compose_is_linted():
    code = ("import sys; from pydocklint.rule import all_rules; from pydocklint.engine import lint_dockerfile; "
            "all_rules(); lint_dockerfile('FROM alpine:3.20\\n', 'Dockerfile', all_rules()); "
            "print(sorted(m for m in sys.modules if m.startswith(('ruamel', 'jsonschema'))))")
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert output.strip() == "[]"


def test_built_dockerfiles_lists_each_local_build_once():
    text = dedent("""
        services:
          a: {build: app}
          b: {build: {context: app}}
          c: {build: {context: other, dockerfile: ../app/Dockerfile}}
          d: {build: missing}
          e: {build: "https://github.com/x/y.git"}
    """)
    files = {"app/Dockerfile": "FROM alpine:3.20\n"}
    assert built_dockerfiles(text, "compose.yaml", load_file=files.get) == [("app/Dockerfile", "app")]


def test_dockerfile_engine_ignores_compose_rules():
    from pydocklint.engine import lint_dockerfile

    report = lint_dockerfile("FROM alpine:3.20\n", "Dockerfile", all_rules())
    assert all(not f.code.startswith("PDC") for f in report.findings)


def test_the_schema_ships_as_package_data_unmodified():
    import hashlib
    from importlib import resources

    tomllib = pytest.importorskip("tomllib")
    from tests.support import REPO

    data = resources.files("pydocklint").joinpath("data/compose-spec.json").read_bytes()
    assert hashlib.sha256(data).hexdigest() == "73ca5878c77570ba222a558016c7b3c6770ba5f3377786593e32180666512f8f"
    package_data = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]
    assert "data/*" in package_data["pydocklint"]
