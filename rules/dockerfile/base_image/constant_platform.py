"""## What it does
Reports `FROM --platform=<constant>`, such as `--platform=linux/amd64`, as
BuildKit's `FromPlatformFlagConstDisallowed` check does. A stage whose name
contains the platform's OS or architecture (`AS build-amd64`) is one of a set
of per-platform stages and is not reported; nor is a value with variables
(`--platform=$BUILDPLATFORM`, `linux/$ARCH`).

Differences from hadolint (DL3029): hadolint also reports values built from
variables such as `linux/$FOREIGNARCH`, which is how multi-platform builds
pick a platform.

## Why is this bad?
A fixed platform makes the image the same architecture whatever the build is
asked for: `docker build --platform linux/arm64` still produces an amd64
image, run under emulation. Use `$BUILDPLATFORM` or `$TARGETPLATFORM`, or
build with `--platform` on the command line.

## Example
```dockerfile
FROM --platform=linux/amd64 alpine:3.22
```

## Use instead
```dockerfile
FROM alpine:3.22
```
"""

from pydocklint.findings import Hit, Severity
from pydocklint.rule import rule


@rule(code="PDL108", name="from-platform-constant", severity=Severity.INFO,
      summary="FROM --platform is a constant", covers=("DL3029", "FromPlatformFlagConstDisallowed"))
def check(dockerfile):
    for stage in dockerfile.stages:
        instruction = stage.from_instruction
        flag = instruction.flag("platform")
        if flag is None or not flag.value or "$" in flag.value:
            continue
        parts = [part for part in flag.value.lower().split("/") if part]
        if stage.name and any(part in stage.name for part in parts[:2]):
            continue
        yield Hit.at(instruction.flag_span(flag), f"FROM --platform flag should not use the constant value "
                     f"\"{flag.value}\": use $BUILDPLATFORM or $TARGETPLATFORM, or build with --platform")
