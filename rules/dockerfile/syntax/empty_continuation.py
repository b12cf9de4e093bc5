"""## What it does
Reports an empty (or whitespace-only) line inside an instruction continued with
a backslash, once per instruction, at the first such line (BuildKit's own
warning names the instruction's last line instead).

## Why is this bad?
Docker skips the empty line and keeps continuing the instruction, which hides
where the instruction really ends; BuildKit warns that this will become an
error. Comment lines inside a continuation are fine.

## Example
```dockerfile
FROM debian:12-slim
RUN mkdir -p /srv/app && \\

    chmod 755 /srv/app
```

## Use instead
```dockerfile
FROM debian:12-slim
RUN mkdir -p /srv/app && \\
    chmod 755 /srv/app
```
"""

from pydocklint.findings import Severity
from pydocklint.rule import rule
from pydocklint.rules.dockerfile.syntax import problems_as_hits


@rule(code="PDL009", name="empty-continuation", severity=Severity.WARNING,
      summary="Empty line inside a continued instruction", covers=("NoEmptyContinuation",))
def check(dockerfile):
    return problems_as_hits(dockerfile, "empty-continuation")
