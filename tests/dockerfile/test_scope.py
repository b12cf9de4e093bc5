"""linter/dockerfile/scope.py: per-stage ARG/ENV scope, stage references, variable uses."""

import textwrap

from pydocklint.dockerfile.instructions import build
from pydocklint.dockerfile.parser import parse
from pydocklint.dockerfile.scope import (
    definition_offsets,
    global_arg_defaults,
    stage_dependencies,
    stage_scopes,
    stages_needed_by,
    variable_uses,
)


def model(text):
    return build(parse(textwrap.dedent(text).lstrip("\n")), "Dockerfile")


def test_global_arg_defaults_expand_earlier_defaults():
    dockerfile = model("""
        ARG A=1 B
        ARG C=${A}2 D=$B
        FROM scratch
    """)
    assert global_arg_defaults(dockerfile) == {"A": "1", "B": None, "C": "12", "D": None}


def test_scopes_follow_stage_inheritance_and_know_which_stages_are_open():
    dockerfile = model("""
        ARG G=1
        FROM scratch AS base
        ARG VERSION
        ENV HOME=/root
        FROM base AS child
        ENV LATE=1
        FROM alpine:3.20
        FROM $UNKNOWN
    """)
    base, child, image, unknown = stage_scopes(dockerfile)
    assert stage_scopes(dockerfile) is stage_scopes(dockerfile)  # computed once per file
    assert (base.open, child.open, image.open, unknown.open) == (False, False, True, True)
    assert child.parent is dockerfile.stages[0] and base.parent is None
    assert base.defined_at == {"VERSION": 3, "HOME": 4} and base.args_at == {"VERSION": 3}
    assert child.defined_at == {"VERSION": 0, "HOME": 0, "LATE": 6}
    first, = child.stage.instructions
    assert child.defined("HOME", first) and child.defined("PATH", first) and not child.defined("G", first)
    assert not child.defined("LATE", first) and child.arg_declared("VERSION", first)
    assert base.defined_later("HOME", base.stage.instructions[0]) == 4


def test_stage_dependencies_through_from_copy_and_mounts():
    dockerfile = model("""
        FROM alpine:3.20 AS a
        FROM a AS b
        FROM alpine:3.20 AS c
        FROM alpine:3.20
        COPY --from=b /x /x
        RUN --mount=type=bind,from=C,target=/c true
    """)
    needs = stage_dependencies(dockerfile)
    assert needs == [set(), {0}, set(), {1, 2}]
    assert stages_needed_by(needs, 3) == {0, 1, 2, 3}
    assert stage_dependencies(model("FROM alpine:3.20\nRUN --mount=from=$X,target=/x true\n")) is None


def test_variable_uses_separate_what_buildkit_expands_from_what_the_shell_expands():
    dockerfile = model("""
        FROM alpine:3.20
        RUN --mount=type=cache,target=$CACHE echo $SHELL_VAR '$QUOTED'
        COPY --chown=$OWNER --from=$FROM $SRC /dst
        EXPOSE $PORT
        CMD echo $RUNTIME
    """)
    run, copy, expose, cmd = dockerfile.stages[0].instructions
    assert [u.name for u in variable_uses(run, "\\", shell=False)] == ["CACHE"]
    assert [u.name for u in variable_uses(run, "\\", shell=True)] == ["CACHE", "SHELL_VAR"]
    assert [(u.name, u.offset, u.length) for u in variable_uses(copy, "\\", shell=False)] == \
        [("OWNER", 13, 6), ("SRC", 33, 4)]
    assert [u.name for u in variable_uses(expose, "\\", shell=False)] == []
    assert [u.name for u in variable_uses(expose, "\\", shell=True)] == ["PORT"]
    assert variable_uses(cmd, "\\", shell=True) == []


def test_definition_offsets_skip_values_that_contain_a_name():
    dockerfile = model("""
        FROM alpine:3.20
        ENV A=KEY KEY=1
        ENV LEGACY value with KEY
        ARG X Y=2
    """)
    env, legacy, arg = dockerfile.stages[0].instructions
    assert definition_offsets(env) == [("A", 4), ("KEY", 10)]
    assert definition_offsets(legacy) == [("LEGACY", 4)]
    assert definition_offsets(arg) == [("X", 4), ("Y", 6)]
