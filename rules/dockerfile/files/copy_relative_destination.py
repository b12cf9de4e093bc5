"""## What it does
Reports a `COPY` or `ADD` to a relative destination (`COPY . app`,
`COPY app.py .`) in a stage where no `WORKDIR` has been set yet (neither in
the stage nor in an earlier stage it is built `FROM`). Variables in the
destination are substituted with the `ARG`/`ENV` values known at that point;
a destination starting with a variable of unknown value (`$APP_HOME/`) is not
reported, while `app-$VERSION/` is relative whatever the value.

The base image's own `WORKDIR` is unknown to a static linter. That is the
point of the rule: without a `WORKDIR` in the Dockerfile the files land
wherever the base image's working directory happens to be (`/` for most,
`/go` for `golang`, something else after a base image update).

Differences from hadolint: DL3045 only checks `COPY`; `ADD` places files the
same way and is checked too.

## Why is this bad?
The destination silently depends on the base image: files end up in `/`,
mixed with the system directories, or move when the base image changes its
working directory.

## Example
```dockerfile
FROM python:3.12-slim
COPY app.py .
```

## Use instead
```dockerfile
FROM python:3.12-slim
WORKDIR /app
COPY app.py .
```
"""

from pydocklint.dockerfile.stages_runtime import (
    copy_paths, path_is_relative, stage_runtimes, walk_environment,
)
from pydocklint.findings import Hit, Severity
from pydocklint.rule import rule


@rule(code="PDL504", name="copy-relative-destination", severity=Severity.WARNING,
      summary="COPY or ADD to a relative destination before any WORKDIR", covers=("DL3045",))
def check(dockerfile):
    for runtime in stage_runtimes(dockerfile):
        if runtime.parent is not None and runtime.parent.get("WORKDIR") is not None:
            continue
        if not any(i.name in ("COPY", "ADD") for i in runtime.stage.instructions):
            continue
        for instruction, env in walk_environment(dockerfile, runtime.stage):
            if instruction.name == "WORKDIR":
                break
            if instruction.name not in ("COPY", "ADD"):
                continue
            _, destination = copy_paths(instruction)
            if destination is None:
                continue
            if not path_is_relative(destination.text, env, dockerfile.escape):
                continue
            yield Hit.at(destination.span, f"{instruction.name} to the relative path {destination.text} before any "
                         "WORKDIR lands in the base image's working directory: set WORKDIR first, or use an "
                         "absolute path")
