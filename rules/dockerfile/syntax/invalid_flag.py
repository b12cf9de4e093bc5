"""## What it does
Reports a flag an instruction does not accept (`COPY --chwon`), a flag given
twice, a flag missing its value (`COPY --from`), and flag values BuildKit
rejects: a boolean that is not true/false, a HEALTHCHECK duration or retry
count that does not parse, an unknown `RUN --network`/`--security` mode, or a
variable in `COPY --from` (it is never expanded there).

Because BuildKit takes every leading `--word` as a flag, `CMD --help` is also
reported: the command would have no arguments.

## Why is this bad?
`docker build` fails on each of these before building anything.

## Example
```dockerfile
FROM alpine:3.22
COPY --chwon=app:app . /app
```

## Use instead
```dockerfile
FROM alpine:3.22
COPY --chown=app:app . /app
```
"""

from pydocklint.findings import Severity
from pydocklint.rule import rule
from pydocklint.rules.dockerfile.syntax import problems_as_hits


@rule(code="PDL003", name="invalid-flag", severity=Severity.ERROR,
      summary="Unknown, repeated or malformed instruction flag",
      covers=("DL1000",))
def check(dockerfile):
    return problems_as_hits(dockerfile, "invalid-flag")
