"""## What it does
Reports `COPY --from=<name>` inside the stage called `<name>` (by name or by
index).

## Why is this bad?
A stage cannot copy from itself: BuildKit stops with "circular dependency
detected". The intended source is usually another stage, or the build context
(drop `--from`).

## Example
```dockerfile
FROM golang:1.26 AS build
COPY --from=build /src /src
```

## Use instead
```dockerfile
FROM golang:1.26 AS build
COPY src /src
```
"""

from pydocklint.dockerfile.scope import stage_by_reference
from pydocklint.findings import Hit, Severity
from pydocklint.rule import rule


@rule(code="PDL603", name="copy-from-own-stage", severity=Severity.ERROR,
      summary="COPY --from names the stage it is in", covers=("DL3023",))
def check(dockerfile):
    for stage in dockerfile.stages:
        for instruction in stage.instructions:
            flag = instruction.flag("from") if instruction.name == "COPY" else None
            if flag is None or not flag.value or "$" in flag.value:
                continue
            if stage_by_reference(dockerfile, flag.value) is stage:
                yield Hit.at(instruction.flag_span(flag), f"COPY --from={flag.value} copies from the stage it is "
                             "in: Docker fails with a circular dependency; copy from another stage")
