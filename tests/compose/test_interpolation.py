"""Interpolation exactly as compose-go's template package does it, and .env parsing."""

import pytest

from pydocklint.compose.interpolation import TemplateError, interpolate, parse_env_file

ENV = {"A": "a", "EMPTY": ""}


@pytest.mark.parametrize("text, value, unknown", [
    ("$A", "a", False),
    ("${A}", "a", False),
    ("x-${A}-$A.y", "x-a-a.y", False),
    ("${UNSET}", "", True),
    ("$UNSET", "", True),
    ("${UNSET:-d}", "d", False),
    ("${EMPTY:-d}", "d", False),
    ("${EMPTY-d}", "", False),
    ("${UNSET-d}", "d", False),
    ("${A:?must be set}", "a", False),
    ("${UNSET:?must be set}", "", True),
    ("${EMPTY:?must be set}", "", True),
    ("${EMPTY?must be set}", "", False),
    ("${A:+alt}", "alt", False),
    ("${EMPTY:+alt}", "", False),
    ("${EMPTY+alt}", "alt", False),
    ("${UNSET+alt}", "", True),
    ("${UNSET:-${A}}", "a", False),
    ("${UNSET:-${ALSO_UNSET}}", "", True),
    ("$$HOME", "$HOME", False),
    ("$${A}", "${A}", False),
    ("cost: 5$", "cost: 5$", False),
    ("$1 and $-", "$1 and $-", False),
    ("${a}", "", True),  # names are case-sensitive
])
def test_interpolation(text, value, unknown):
    result = interpolate(text, ENV)
    assert (result.value, result.unknown) == (value, unknown)


@pytest.mark.parametrize("text", ["${A/x/y}", "${#A}", "${A:0:2}", "${}", "${A", "${1A}"])
def test_invalid_templates_are_errors(text):
    with pytest.raises(TemplateError):
        interpolate(text, ENV)


def test_the_linters_own_environment_is_never_read(monkeypatch):
    monkeypatch.setenv("FROM_SHELL", "value")
    assert interpolate("${FROM_SHELL}", {}).unknown


def test_env_file_parsing():
    text = (
        "# comment\n"
        "PLAIN=value\n"
        "export EXPORTED=1\n"
        "DOUBLE=\"a\\nb\"\n"
        "SINGLE='$PLAIN'\n"
        "REFERENCE=${PLAIN}-x\n"
        "COMMENTED=v # trailing comment\n"
        "HASH=v#kept\n"
        "EMPTY=\n"
        "BARE\n"
        "not a line\n"
    )
    assert parse_env_file(text) == {
        "PLAIN": "value", "EXPORTED": "1", "DOUBLE": "a\nb", "SINGLE": "$PLAIN", "REFERENCE": "value-x",
        "COMMENTED": "v", "HASH": "v#kept", "EMPTY": "",
    }
