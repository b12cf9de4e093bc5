"""PDL390 shellcheck: ShellCheck findings mapped back to Dockerfile lines; off by default."""

import pytest

from pydocklint.engine import select_rules
from pydocklint.rules.dockerfile.shell import shellcheck
from tests.support import lint

needs_shellcheck = pytest.mark.skipif(shellcheck.shellcheck_binary() is None, reason="shellcheck not installed")


@needs_shellcheck
def test_findings_map_to_lines_and_columns_of_continued_and_heredoc_scripts():
    text = """
        FROM debian:12.8
        RUN for f in $(ls /etc/*.conf); do echo $f; done && \\
            cd /tmp && [ "$x" == y ]
        RUN <<EOF
        echo ok
        cd /nowhere
        EOF
        RUN ["sh", "-c", "echo $1"]
    """
    assert lint(text, "PDL390") == [
        ("PDL390", 2, 14, 2, 31, "SC2045 (error): Iterating over ls output is fragile. Use globs"),
        ("PDL390", 2, 41, 2, 43, "SC2086 (info): Double quote to prevent globbing and word splitting"),
        ("PDL390", 3, 19, 3, 21, "SC2154 (warning): x is referenced but not assigned"),
        ("PDL390", 3, 23, 3, 25, "SC3014 (warning): In POSIX sh, == in place of = is undefined"),
        ("PDL390", 6, 1, 6, 12, "SC2164 (warning): Use 'cd ... || exit' or 'cd ... || return' in case cd fails"),
    ]


@needs_shellcheck
def test_the_dialect_follows_the_stage_shell_and_arg_env_variables_count_as_assigned():
    text = """
        FROM debian:12.8
        ARG version
        ENV home=/root
        SHELL ["/bin/bash", "-c"]
        RUN [[ -n "$home" ]] && echo "${version:0:1}"
    """
    assert lint(text, "PDL390") == []


def test_a_missing_shellcheck_is_one_info_note(monkeypatch):
    monkeypatch.setattr(shellcheck, "shellcheck_binary", lambda: None)
    assert lint("FROM debian:12.8\nRUN echo $x\nRUN true\n", "PDL390") == [
        ("PDL390", 2, 1, 2, 12, "ShellCheck is not installed, so RUN scripts were not checked: "
                                "pip install 'pydocklint[shellcheck]'"),
    ]


def test_it_is_off_by_default_so_the_default_run_starts_no_process():
    assert "PDL390" not in {r.code for r in select_rules()}
    assert "PDL390" in {r.code for r in select_rules(["PDL390"])}
