"""## What it does
Reports every `MAINTAINER` instruction.

## Why is this bad?
`MAINTAINER` has been deprecated since Docker 1.13. A label carries the same
information in the standard OCI key that registries and tools read.

## Example
```dockerfile
FROM alpine:3.20
MAINTAINER Jane Doe <jane@example.com>
```

## Use instead
```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.authors="Jane Doe <jane@example.com>"
```
"""

from pydocklint.findings import Hit, Severity
from pydocklint.rule import rule


@rule(code="PDL201", name="maintainer-deprecated", severity=Severity.WARNING,
      summary="MAINTAINER is deprecated", covers=("DL4000", "MaintainerDeprecated"))
def check(dockerfile):
    for instruction in dockerfile.instructions:
        if instruction.name == "MAINTAINER":
            yield Hit.at(instruction.span, "MAINTAINER is deprecated: use "
                         "LABEL org.opencontainers.image.authors=\"...\" instead")
