"""## What it does
Reports every `MAINTAINER` instruction. The fix rewrites it as
`LABEL org.opencontainers.image.authors="..."` with the same text: `MAINTAINER`
takes its value literally while a `LABEL` value is expanded, so `"`, `$` and the
escape character are escaped. A `MAINTAINER` written over several lines keeps
its finding but gets no fix (comments between the lines would be lost).

## Why is this bad?
`MAINTAINER` has been deprecated since Docker 1.13. A label carries the same
information in the standard OCI key that registries and tools read.

## Example
```dockerfile
FROM alpine:3.22
MAINTAINER Jane Doe <jane@example.com>
```

## Use instead
```dockerfile
FROM alpine:3.22
LABEL org.opencontainers.image.authors="Jane Doe <jane@example.com>"
```
"""

from pydocklint.findings import Edit, Fix, Hit, Severity
from pydocklint.rule import rule

AUTHORS_LABEL = "org.opencontainers.image.authors"


@rule(code="PDL201", name="maintainer-deprecated", severity=Severity.WARNING,
      summary="MAINTAINER is deprecated", covers=("DL4000", "MaintainerDeprecated"), fix="safe")
def check(dockerfile):
    for instruction in dockerfile.instructions:
        if instruction.name == "MAINTAINER":
            yield Hit.at(instruction.span, "MAINTAINER is deprecated: use "
                         "LABEL org.opencontainers.image.authors=\"...\" instead", _fix(instruction, dockerfile.escape))


def _fix(instruction, escape):
    """MAINTAINER's value as a double-quoted LABEL value that Docker reads back unchanged."""
    node = instruction.node
    if node.start_line != node.end_line or node.flags or len(node.args) != 1 or not node.args[0]:
        return None
    value = node.args[0]
    start = node.original.find(value, len(node.keyword))
    if start < 0:
        return None
    quoted = "".join(escape + c if c in ('"', "$", escape) else c for c in value)
    keyword = "label" if instruction.keyword.islower() else "LABEL"
    return Fix("Replace MAINTAINER with an authors LABEL",
               (Edit.replacing(instruction.span_at(0, start + len(value)), f'{keyword} {AUTHORS_LABEL}="{quoted}"'),),
               safe=True)
