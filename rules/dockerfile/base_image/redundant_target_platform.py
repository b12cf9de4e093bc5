"""## What it does
Reports `FROM --platform=$TARGETPLATFORM` (or `${TARGETPLATFORM}`), as
BuildKit's `RedundantTargetPlatform` check does. The fix removes the flag and
the spaces after it; it is not offered when a global `ARG TARGETPLATFORM`
could give the variable another value.

## Why is this bad?
Every stage is built for the target platform unless told otherwise, so the
flag changes nothing and suggests to readers that it does.
`--platform=$BUILDPLATFORM` is the useful form, for stages that should run
natively and cross-compile.

## Example
```dockerfile
FROM --platform=$TARGETPLATFORM alpine:3.22
```

## Use instead
```dockerfile
FROM alpine:3.22
```
"""

from pydocklint.findings import Edit, Fix, Hit, Severity
from pydocklint.rule import rule


@rule(code="PDL107", name="redundant-target-platform", severity=Severity.INFO,
      summary="FROM --platform=$TARGETPLATFORM is the default", covers=("DL3065", "RedundantTargetPlatform"),
      fix="safe")
def check(dockerfile):
    # A global ARG of that name may change what the flag says: then it is not for a fix to drop it.
    fixable = not any(word.split("=", 1)[0] == "TARGETPLATFORM" for arg in dockerfile.global_args for word in arg.args)
    for stage in dockerfile.stages:
        instruction = stage.from_instruction
        flag = instruction.flag("platform")
        if flag is not None and flag.value in ("$TARGETPLATFORM", "${TARGETPLATFORM}"):
            yield Hit.at(instruction.flag_span(flag), f"--platform={flag.value} is redundant: it is the default "
                         "platform of every stage; remove it", _fix(instruction, flag) if fixable else None)


def _fix(instruction, flag):
    """Delete the flag word and the blanks that follow it on its line."""
    if len(instruction.flag_values("platform")) != 1:
        return None  # removing the last of several --platform flags would let an earlier one count
    node = instruction.node
    line = node.position(flag.offset)[0]
    end = flag.offset + flag.length
    while end < len(node.original) and node.original[end] in " \t" and node.position(end)[0] == line:
        end += 1
    span = instruction.written_span(flag.offset, end - flag.offset)
    return Fix(f"Remove --platform={flag.value}", (Edit.replacing(span, ""),), safe=True) if span else None
