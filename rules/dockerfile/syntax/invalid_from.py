"""## What it does
Reports a `FROM` that is not `FROM image` or `FROM image AS name`, and a stage
name BuildKit rejects (it must start with a letter and contain only letters,
digits, `-`, `_` and `.`).

## Why is this bad?
`docker build` fails before building anything. A frequent cause is an
end-of-line comment: Docker has none, so `FROM node:20 # base` has three
arguments.

## Example
```dockerfile
FROM node:22-alpine AS 1st-stage
```

## Use instead
```dockerfile
FROM node:22-alpine AS first-stage
```
"""

from pydocklint.findings import Severity
from pydocklint.rule import rule
from pydocklint.rules.dockerfile.syntax import problems_as_hits


@rule(code="PDL004", name="invalid-from", severity=Severity.ERROR,
      summary="FROM has the wrong number of arguments or an invalid stage name")
def check(dockerfile):
    return problems_as_hits(dockerfile, "invalid-from")
