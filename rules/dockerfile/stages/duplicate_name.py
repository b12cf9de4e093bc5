"""## What it does
Reports a stage whose name (compared lower-cased, as Docker stores it) was
already given to an earlier stage, as BuildKit's `DuplicateStageName` check
does. The later `FROM` is reported.

## Why is this bad?
`COPY --from=name`, `FROM name` and `--target name` all pick the first stage
of that name, so the later one can only be reached as the final stage: work
meant for it silently goes to the other one.

## Example
```dockerfile
FROM golang:1.26 AS build
RUN go version > /version

FROM node:22.11-bookworm-slim AS build
RUN node --version > /version
```

## Use instead
```dockerfile
FROM golang:1.26 AS build-go
RUN go version > /version

FROM node:22.11-bookworm-slim AS build-node
COPY --from=build-go /version /go-version
```
"""

from pydocklint.findings import Hit, Severity
from pydocklint.rule import rule
from pydocklint.rules.dockerfile.style.from_as_casing import from_words


@rule(code="PDL600", name="duplicate-stage-name", severity=Severity.WARNING,
      summary="Two stages have the same name", covers=("DL3024", "DuplicateStageName"))
def check(dockerfile):
    for stage in dockerfile.stages:
        first = dockerfile.stage_names.get(stage.name) if stage.name else None
        if first is None or first is stage:
            continue
        yield Hit.at(stage_name_span(stage), f"Duplicate stage name '{stage.name}' (first defined on line "
                     f"{first.from_instruction.line}): stage names must be unique")


def stage_name_span(stage):
    """The span of the name in ``FROM image AS name`` (the whole FROM if it cannot be found)."""
    words = from_words(stage.from_instruction)
    if words is None:
        return stage.from_instruction.span
    offset, name = words[2]
    return stage.from_instruction.span_at(offset, len(name))
