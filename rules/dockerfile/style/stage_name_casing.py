"""## What it does
Reports a stage name written with upper-case letters (`FROM node:22 AS Builder`),
as BuildKit's `StageNameCasing` check does.

## Why is this bad?
Docker lower-cases stage names, so `AS Builder` defines the stage `builder`:
`COPY --from=Builder` and `--target Builder` still work, but the file reads as
if the case mattered. Writing the name as Docker stores it avoids the confusion.

## Example
```dockerfile
FROM alpine:3.22 AS Builder
RUN echo built > /built

FROM alpine:3.22
COPY --from=Builder /built /built
```

## Use instead
```dockerfile
FROM alpine:3.22 AS builder
RUN echo built > /built

FROM alpine:3.22
COPY --from=builder /built /built
```
"""

from pydocklint.findings import Hit, Severity
from pydocklint.rule import rule
from pydocklint.rules.dockerfile.style.from_as_casing import from_words


@rule(code="PDL203", name="stage-name-casing", severity=Severity.STYLE,
      summary="Stage name is not lower-case", covers=("StageNameCasing",))
def check(dockerfile):
    for stage in dockerfile.stages:
        words = from_words(stage.from_instruction)
        if words is None:
            continue
        offset, written = words[2]
        if written != written.lower() and "$" not in written:  # a variable: invalid-from reports the name
            yield Hit.at(stage.from_instruction.span_at(offset, len(written)),
                         f"Stage name '{written}' should be lower-case ({written.lower()}): Docker lower-cases it")
