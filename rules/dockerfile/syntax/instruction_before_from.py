"""## What it does
Reports an instruction other than `ARG` before the first `FROM`, and a file
with no `FROM` at all.

## Why is this bad?
Every instruction but `ARG` belongs to a build stage, and a stage starts with
`FROM`. BuildKit fails with "no build stage in current context".

## Example
```dockerfile
ENV APP_HOME=/app
FROM python:3.12-slim
```

## Use instead
```dockerfile
FROM python:3.12-slim
ENV APP_HOME=/app
```
"""

from pydocklint.findings import Severity
from pydocklint.rule import rule
from pydocklint.rules.dockerfile.syntax import problems_as_hits


@rule(code="PDL005", name="instruction-before-from", severity=Severity.ERROR,
      summary="Only ARG may come before the first FROM", covers=("DL3061",))
def check(dockerfile):
    return problems_as_hits(dockerfile, "instruction-before-from")
