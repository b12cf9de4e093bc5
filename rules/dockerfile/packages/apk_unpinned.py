"""## What it does
Reports each package of an `apk add` with no version constraint (`curl`
instead of `curl=8.11.1-r0` or `curl~8.11`). Local `.apk` files, packages named
by a variable the Dockerfile gives no value and the name given to
`--virtual`/`-t` are not reported; a package list kept in an ARG or ENV
(`$PACKAGES`) is judged by its value.

## Why is this bad?
Without a version, the package is whatever the Alpine mirror serves on the day
of the build: two builds of the same Dockerfile can differ and break without
any change to it.

## Example
```dockerfile
FROM alpine:3.22
RUN apk add --no-cache curl
```

## Use instead
```dockerfile
FROM alpine:3.22
RUN apk add --no-cache curl=8.11.1-r0
```
"""

from pydocklint.dockerfile.packages import unpinned_packages
from pydocklint.findings import Severity
from pydocklint.rule import rule
from pydocklint.rules.dockerfile.packages import one_finding_per_command


@rule(code="PDL330", name="apk-package-unpinned", severity=Severity.WARNING,
      summary="apk add package without a pinned version", covers=("DL3018",))
def check(dockerfile):
    return one_finding_per_command(unpinned_packages(dockerfile, ("apk",)), "Package",
                                   lambda name: f"add {name}=<version> (or {name}~<version>)")
