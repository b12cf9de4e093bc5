"""## What it does
Reports `ENV` and `LABEL` written in the legacy form `ENV NAME value` (a space
instead of `=`), as BuildKit's `LegacyKeyValueFormat` check does. ONBUILD
triggers are checked too: the trigger is parsed the same way when it runs.

## Why is this bad?
The legacy form sets exactly one variable and takes the whole rest of the line
as its value, spaces included: `ENV A 1 B 2` sets `A` to `1 B 2`. Docker's
documentation deprecates it; `ENV NAME=value` is unambiguous and can set several
variables at once.

## Example
```dockerfile
FROM alpine:3.20
ENV APP_HOME /app
```

## Use instead
```dockerfile
FROM alpine:3.20
ENV APP_HOME=/app
```
"""

from pydocklint.findings import Hit, Severity
from pydocklint.rule import rule


@rule(code="PDL205", name="legacy-key-value-format", severity=Severity.STYLE,
      summary="ENV or LABEL uses the legacy `KEY value` form", covers=("LegacyKeyValueFormat",))
def check(dockerfile):
    for instruction in dockerfile.instructions:
        node = instruction.node.trigger if instruction.name == "ONBUILD" else instruction.node
        if node is None or node.name not in ("ENV", "LABEL") or len(node.args) != 3 or node.args[2] != "":
            continue
        name = node.args[0]
        offset = max(0, node.original.find(name, len(node.keyword)))
        span = (*node.position(offset), *node.position(offset + len(name)))
        yield Hit.at(span, f'"{node.name} {name}=value" should be used instead of the legacy '
                     f'"{node.name} {name} value" form')
