"""## What it does
Reports instructions with the wrong number or shape of arguments: `COPY`/`ADD`
without a destination or with a heredoc as destination, `USER`, `WORKDIR`,
`STOPSIGNAL` or `MAINTAINER` without a value, `ENV`, `ARG`, `LABEL`,
`EXPOSE`, `VOLUME` or `HEALTHCHECK` with nothing after them, an empty `VOLUME`
entry, a `HEALTHCHECK` that is neither `CMD ...` nor `NONE`, an empty `SHELL`
array, and an empty `ONBUILD`.

## Why is this bad?
BuildKit fails on each of these before building anything.

## Example
```dockerfile
FROM alpine:3.22
COPY app.conf
```

## Use instead
```dockerfile
FROM alpine:3.22
COPY app.conf /etc/app/app.conf
```
"""

from pydocklint.findings import Severity
from pydocklint.rule import rule
from pydocklint.rules.dockerfile.syntax import problems_as_hits


@rule(code="PDL008", name="invalid-arguments", severity=Severity.ERROR,
      summary="Instruction has the wrong number or shape of arguments",
      covers=("DL1000",))
def check(dockerfile):
    return problems_as_hits(dockerfile, "invalid-arguments")
