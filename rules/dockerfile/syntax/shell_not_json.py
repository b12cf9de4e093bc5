"""## What it does
Reports a `SHELL` instruction that is not a JSON array of strings.

## Why is this bad?
`SHELL` only has the exec form; BuildKit fails with "SHELL requires the
arguments to be in JSON form".

## Example
```dockerfile
FROM debian:12-slim
SHELL /bin/bash -o pipefail -c
```

## Use instead
```dockerfile
FROM debian:12-slim
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
```
"""

from pydocklint.findings import Severity
from pydocklint.rule import rule
from pydocklint.rules.dockerfile.syntax import problems_as_hits


@rule(code="PDL007", name="shell-not-json", severity=Severity.ERROR,
      summary="SHELL must be written as a JSON array")
def check(dockerfile):
    return problems_as_hits(dockerfile, "shell-not-json")
