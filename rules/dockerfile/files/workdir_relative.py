"""## What it does
Reports a relative `WORKDIR` when it is the first `WORKDIR` of the stage and
no earlier stage the stage is built `FROM` set one: the same condition as
BuildKit's WorkdirRelativePath (later `WORKDIR`s build on the first one and
are not reported, so a relative path is reported once). Variables are
substituted with the `ARG` and `ENV` values known at that point; a path whose
variables have no known value (`WORKDIR $HOME/app`, where `HOME` may come from
the base image) is not reported, but `WORKDIR app-$VERSION` is relative
whatever the value. Windows paths with a drive letter (`C:\\app`) are
absolute.

The base image's own `WORKDIR` is unknown to a static linter, and BuildKit
does not count it either: a relative path is resolved against a directory the
Dockerfile does not show.

There is no fix: the rule fires only when no earlier `WORKDIR` is known, so
the absolute path the relative one means is not known either. (On `scratch`
it would be `/`, but no file in the project's 2,720-file corpus has that case.)

Differences from hadolint: DL3000 also reports relative `WORKDIR`s that
follow an absolute one (`WORKDIR /app` then `WORKDIR src`); those are
well-defined (`/app/src`) and not reported here.

## Why is this bad?
The directory a relative `WORKDIR` lands in depends on the base image's
working directory: changing or updating the base image silently moves every
later `COPY`, `RUN` and the container's start directory.

## Example
```dockerfile
FROM python:3.12-slim
WORKDIR app
COPY . .
```

## Use instead
```dockerfile
FROM python:3.12-slim
WORKDIR /app
COPY . .
```
"""

from pydocklint.dockerfile.stages_runtime import (
    expand_known, path_is_relative, stage_runtimes, walk_environment,
)
from pydocklint.findings import Hit, Severity
from pydocklint.rule import rule


@rule(code="PDL500", name="workdir-relative-path", severity=Severity.WARNING,
      summary="Relative WORKDIR without an absolute WORKDIR before it", covers=("WorkdirRelativePath", "DL3000"))
def check(dockerfile):
    for runtime in stage_runtimes(dockerfile):
        if runtime.parent is not None and runtime.parent.get("WORKDIR") is not None:
            continue  # an earlier stage already set (and, if relative, reported) the working directory
        if not any(i.name == "WORKDIR" for i in runtime.stage.instructions):
            continue
        for instruction, env in walk_environment(dockerfile, runtime.stage):
            if instruction.name != "WORKDIR" or len(instruction.args) != 1:
                continue
            relative = path_is_relative(instruction.args[0], env, dockerfile.escape)
            if relative:
                yield _hit(dockerfile, instruction, env)
            break  # only the first WORKDIR is checked: the later ones build on it


def _hit(dockerfile, instruction, env):
    offset, word = instruction.argument_words()[0]
    path = expand_known(instruction.args[0], env, dockerfile.escape)
    shown = word if path is None or path == word else f"{word} (= {path})"
    example = (path or word).lstrip("./") or "app"
    return Hit.at(instruction.span_at(offset, len(word)), f"WORKDIR {shown} is relative to the base image's "
                  f"working directory: use an absolute path, e.g. WORKDIR /{example}")
