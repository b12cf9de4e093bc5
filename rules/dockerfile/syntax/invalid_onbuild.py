"""## What it does
Reports `ONBUILD ONBUILD`, `ONBUILD FROM` and `ONBUILD MAINTAINER`.

## Why is this bad?
BuildKit refuses these triggers: a trigger cannot add another trigger, start a
new stage, or set the deprecated maintainer field.

## Example
```dockerfile
FROM alpine:3.22
ONBUILD FROM alpine:3.22
```

## Use instead
```dockerfile
FROM alpine:3.22
ONBUILD COPY . /app
```
"""

from pydocklint.findings import Severity
from pydocklint.rule import rule
from pydocklint.rules.dockerfile.syntax import problems_as_hits


@rule(code="PDL006", name="invalid-onbuild", severity=Severity.ERROR,
      summary="ONBUILD trigger that Docker does not allow", covers=("DL3043",))
def check(dockerfile):
    return problems_as_hits(dockerfile, "invalid-onbuild")
