"""## What it does
Reports `COPY --from=<name>` where `<name>` is not a stage defined earlier in
the file: either no stage has that name, or the stage is defined further down.
Names are compared lower-cased and a number is a stage index, as in Docker.

A value that is clearly an image reference (it has a `/`, `:`, `@` or `.`,
like `--from=nginx:1.27` or `--from=ghcr.io/org/tool`) is an image and is
never reported. A bare word such as `--from=alpine` is reported when no stage
has that name: Docker then pulls the image of that name, untagged, which is
either a typo of a stage name or an unpinned image. A named build context
(`docker buildx build --build-context tools=./tools`) is also referred to as
`--from=tools`; if the file relies on one, ignore the finding on that line.
`COPY --from=$VAR` is left to `invalid-flag` (Docker refuses it) and `--from`
naming its own stage to `copy-from-own-stage`.

Differences from hadolint (DL3022): hadolint also reports image references
without a tag, such as `--from=webdevops/toolbox`; those are images, not stage
names, and the choice of tag is a base-image question. A file with a stage
name written with a variable (`AS ${STAGE}`, which Buildah expands) is not
checked: BuildKit refuses such a name, which `invalid-from` (PDL004) reports.

## Why is this bad?
A misspelt stage name becomes an image pull that fails or, worse, succeeds with
an unrelated image. A stage used before its definition is built fine by
BuildKit, but the classic builder refuses it and readers expect stages to come
before their use.

## Example
```dockerfile
FROM golang:1.26 AS build
RUN go version > /version

FROM alpine:3.22
COPY --from=biuld /version /version
```

## Use instead
```dockerfile
FROM golang:1.26 AS build
RUN go version > /version

FROM alpine:3.22
COPY --from=build /version /version
```
"""

from pydocklint.dockerfile.instructions import did_you_mean
from pydocklint.dockerfile.scope import stage_by_reference
from pydocklint.findings import Hit, Severity
from pydocklint.rule import rule


@rule(code="PDL602", name="copy-from-unknown-stage", severity=Severity.WARNING,
      summary="COPY --from names no stage defined earlier", covers=("DL3022",))
def check(dockerfile):
    if any(stage.name and "$" in stage.name for stage in dockerfile.stages):
        return  # stage names that Docker refuses: the syntax rule reports them, references are unknowable
    for stage in dockerfile.stages:
        for instruction in stage.instructions:
            flag = instruction.flag("from") if instruction.name == "COPY" else None
            if flag is None or not flag.value or "$" in flag.value or looks_like_image(flag.value):
                continue
            message = _problem(dockerfile, stage, flag.value)
            if message:
                yield Hit.at(instruction.flag_span(flag), message)


def looks_like_image(reference: str) -> bool:
    return any(char in reference for char in "/:@.")


def _problem(dockerfile, stage, reference):
    source = stage_by_reference(dockerfile, reference)
    if source is None and reference.isdigit():
        return f"No stage has index {reference}: this file has {len(dockerfile.stages)} stages, counted from 0"
    if source is None:
        names = tuple(s.name for s in dockerfile.stages[:stage.index] if s.name)
        suggestion = did_you_mean(reference.lower(), names)
        hint = f"did you mean '{suggestion}'?" if suggestion else \
            f"Docker will pull the image '{reference}' unless the build passes --build-context {reference}=..."
        return f"No stage named '{reference}' is defined: {hint}"
    if source.index > stage.index:
        return (f"Stage '{reference}' is defined later (line {source.from_instruction.line}): define it before "
                "the stage that copies from it")
    return None
