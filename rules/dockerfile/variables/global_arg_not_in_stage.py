"""## What it does
Reports a variable used inside a stage that is only declared as an ARG before
the first `FROM`: `ARG V=1`, then `FROM ...`, then `$V` in a `RUN`, `COPY`,
`ENV` or another build-time instruction of a stage that never says `ARG V`.
ARGs and ENVs a stage inherits from an earlier stage (`FROM <stage>`) count as
declared. CMD, ENTRYPOINT and HEALTHCHECK are not checked: they run in the
container, where no ARG exists anyway.

In a `RUN`, a name the command assigns itself (`V=2; echo $V`, `for V in`,
`export V=`, `read V`) is not reported; heredoc bodies are not checked. When the stage's base image defines an
environment variable of the same name, the stage sees the image's value, which
is still not the ARG's.

## Why is this bad?
An ARG declared before the first `FROM` is visible only to the `FROM` lines.
Inside a stage the variable is empty (BuildKit expands it to nothing; in a
`RUN` the shell sees it unset) unless the stage re-declares it with `ARG V`,
which takes the global value. The build goes on with an empty version, path
or URL.

## Example
```dockerfile
ARG VERSION=3.22
FROM alpine:${VERSION}
RUN echo "alpine ${VERSION}" > /etc/motd
```

## Use instead
```dockerfile
ARG VERSION=3.22
FROM alpine:${VERSION}
ARG VERSION
RUN echo "alpine ${VERSION}" > /etc/motd
```
"""

import re

from pydocklint.dockerfile.scope import global_arg_defaults, stage_scopes, variable_uses
from pydocklint.findings import Hit, Severity
from pydocklint.rule import rule


@rule(code="PDL703", name="global-arg-not-in-stage", severity=Severity.WARNING,
      summary="A global ARG is used in a stage that does not re-declare it")
def check(dockerfile):
    global_args = global_arg_defaults(dockerfile)
    if not global_args:
        return
    for scope in stage_scopes(dockerfile):
        for instruction in scope.stage.instructions:
            uses = variable_uses(instruction, dockerfile.escape, shell=True)
            reported = set()
            for use in uses:
                name = use.name
                if name not in global_args or name in reported or scope.defined(name, instruction):
                    continue
                in_command = use.offset >= instruction.args_offset  # not in a --mount flag BuildKit expands
                if instruction.name == "RUN" and in_command and assigned_by_shell(instruction.node.original, name):
                    continue
                if instruction.name == "ARG" and scope.defined_at.get(name) == instruction.line:
                    continue  # ARG V=$V re-declares V (BuildKit gives it the global value first)
                reported.add(name)
                yield Hit.at(instruction.span_at(use.offset, use.length),
                             f"${name} is a global ARG (declared before the first FROM) and is not visible in "
                             f"this stage: add `ARG {name}` to the stage")


def assigned_by_shell(command: str, name: str) -> bool:
    """Whether a shell command sets ``name`` itself (assignment, for, read, export)."""
    word = re.escape(name)
    return bool(re.search(rf"(?:^|[\s;&|(]){word}=|\bfor\s+{word}\b|\bread\b[^;&|\n]*\b{word}\b|"
                          rf"\b(?:export|local|declare|readonly)\s+(?:-\w+\s+)*{word}\b", command))
