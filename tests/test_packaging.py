"""The package is laid out and installed as the design says, and CI runs the README's command."""

import re

import pytest

from pydocklint import __version__
from tests.support import REPO

tomllib = pytest.importorskip("tomllib")  # Python 3.11+; CI runs 3.11


def _pyproject():
    return tomllib.loads((REPO / "pyproject.toml").read_text())


def test_every_package_folder_is_listed_in_pyproject():
    tool = _pyproject()["tool"]["setuptools"]
    listed = set(tool["packages"])
    found = set()
    for root, prefix in (("linter", "pydocklint"), ("rules", "pydocklint.rules")):
        for init in (REPO / root).rglob("__init__.py"):
            relative = init.parent.relative_to(REPO / root).parts
            found.add(".".join((prefix, *relative)))
    assert found == listed
    assert tool["package-dir"] == {"pydocklint": "linter", "pydocklint.rules": "rules"}


def test_version_is_static_and_matches_the_package():
    assert _pyproject()["project"]["version"] == __version__


def test_ci_runs_the_readme_test_command():
    readme = (REPO / "README.md").read_text()
    commands = re.findall(r"```sh\n(.+?)\n```", readme)
    assert len(commands) == 2, "the README holds exactly two set-up commands"
    assert "pydocklint examples/Dockerfile" in commands[0]
    ci_lines = (REPO / ".ci" / "run").read_text().splitlines()
    assert commands[1] in ci_lines
