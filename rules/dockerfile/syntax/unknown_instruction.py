"""## What it does
Reports an instruction keyword Docker does not know, with the closest known
instruction when one is near (`RUNN`: did you mean `RUN`?).

## Why is this bad?
BuildKit fails with "unknown instruction" before building anything. A common
cause is a line that was meant to continue the previous instruction but lost
its trailing backslash.

## Example
```dockerfile
FROM alpine:3.22
RUN mkdir -p /srv/app
    /srv/data
```

## Use instead
```dockerfile
FROM alpine:3.22
RUN mkdir -p /srv/app \\
    /srv/data
```
"""

from pydocklint.findings import Severity
from pydocklint.rule import rule
from pydocklint.rules.dockerfile.syntax import problems_as_hits


@rule(code="PDL002", name="unknown-instruction", severity=Severity.ERROR,
      summary="Unknown instruction keyword",
      covers=("DL1000",))
def check(dockerfile):
    return problems_as_hits(dockerfile, "unknown-instruction")
