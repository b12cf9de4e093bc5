"""## What it does
Reports a stage named `scratch` or `context` (in any case), as BuildKit's
`ReservedStageName` check does.

## Why is this bad?
`scratch` is Docker's empty base image and `context` names the build context in
`--build-context` and `COPY --from`: a stage with either name makes `FROM
scratch` or `COPY --from=context` mean something different from what readers
(and other tools) expect.

## Example
```dockerfile
FROM alpine:3.22 AS context
RUN echo built > /built
```

## Use instead
```dockerfile
FROM alpine:3.22 AS build-context
RUN echo built > /built
```
"""

from pydocklint.findings import Hit, Severity
from pydocklint.rule import rule
from pydocklint.rules.dockerfile.stages.duplicate_name import stage_name_span

RESERVED_NAMES = ("scratch", "context")


@rule(code="PDL601", name="reserved-stage-name", severity=Severity.WARNING,
      summary="Stage name is reserved (scratch, context)", covers=("DL3063", "ReservedStageName"))
def check(dockerfile):
    for stage in dockerfile.stages:
        if stage.name in RESERVED_NAMES:
            yield Hit.at(stage_name_span(stage), f"Stage name '{stage.name}' is reserved: choose another name")
