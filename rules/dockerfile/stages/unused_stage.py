"""## What it does
Reports a named stage that the final stage does not need: no `FROM <stage>`,
`COPY --from=<stage>` or `RUN --mount=from=<stage>` leads to it from the last
stage of the file, directly or through other stages.

Nothing is reported when a stage reference cannot be resolved statically (a
`FROM $VAR` or `--mount=from=$VAR` whose value is not known): any stage may be
the one used. Unnamed stages that are not the last are reported too, since
they can only be built by index.

## Why is this bad?
A plain `docker build` builds only the final stage and what it needs; an
unused stage is dead code, or a stage meant for `--target` (tests, a
development image) that readers cannot tell apart from a forgotten one. If it
is a `--target` stage, say so in a comment and ignore this finding there.

## Example
```dockerfile
FROM golang:1.26 AS build
RUN go version > /version

FROM golang:1.26 AS test
RUN go version

FROM alpine:3.22
COPY --from=build /version /version
```

## Use instead
```dockerfile
FROM golang:1.26 AS build
RUN go version > /version

FROM alpine:3.22
COPY --from=build /version /version
```
"""

from pydocklint.dockerfile.scope import stage_dependencies, stages_needed_by
from pydocklint.findings import Hit, Severity
from pydocklint.rule import rule
from pydocklint.rules.dockerfile.stages.duplicate_name import stage_name_span


@rule(code="PDL605", name="unused-stage", severity=Severity.INFO,
      summary="Stage is not used by the final stage")
def check(dockerfile):
    if len(dockerfile.stages) < 2 or any(stage.name and "$" in stage.name for stage in dockerfile.stages):
        return  # one stage, or stage names Docker refuses (the syntax rules report those)
    needs = stage_dependencies(dockerfile)
    if needs is None:
        return
    used = stages_needed_by(needs, len(dockerfile.stages) - 1)
    for stage in dockerfile.stages:
        if stage.index in used:
            continue
        if stage.name:
            yield Hit.at(stage_name_span(stage), f"Stage '{stage.name}' is not used by the final stage: it is "
                         "built only with --target; remove it if it is not needed")
        else:
            yield Hit.at(stage.from_instruction.keyword_span, f"Stage {stage.index} (unnamed) is not used by the "
                         "final stage and cannot be a --target: remove it, or name it and use it")
