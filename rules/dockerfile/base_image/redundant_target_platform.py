"""## What it does
Reports `FROM --platform=$TARGETPLATFORM` (or `${TARGETPLATFORM}`), as
BuildKit's `RedundantTargetPlatform` check does.

## Why is this bad?
Every stage is built for the target platform unless told otherwise, so the
flag changes nothing and suggests to readers that it does.
`--platform=$BUILDPLATFORM` is the useful form, for stages that should run
natively and cross-compile.

## Example
```dockerfile
FROM --platform=$TARGETPLATFORM alpine:3.20
```

## Use instead
```dockerfile
FROM alpine:3.20
```
"""

from pydocklint.findings import Hit, Severity
from pydocklint.rule import rule


@rule(code="PDL107", name="redundant-target-platform", severity=Severity.INFO,
      summary="FROM --platform=$TARGETPLATFORM is the default", covers=("DL3065", "RedundantTargetPlatform"))
def check(dockerfile):
    for stage in dockerfile.stages:
        instruction = stage.from_instruction
        flag = instruction.flag("platform")
        if flag is not None and flag.value in ("$TARGETPLATFORM", "${TARGETPLATFORM}"):
            yield Hit.at(instruction.flag_span(flag), f"--platform={flag.value} is redundant: it is the default "
                         "platform of every stage; remove it")
