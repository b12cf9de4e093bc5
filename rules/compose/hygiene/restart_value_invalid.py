"""## What it does
Reports a `restart` value Docker does not accept: anything but `no`, `always`,
`on-failure`, `on-failure:<retries>` or `unless-stopped`. Values that depend on
unset variables are not checked.

## Why is this bad?
The schema accepts any string, so the mistake surfaces only when the container is
created: Docker refuses an invalid restart policy and the service does not start.

## Example
```yaml
services:
  web:
    image: nginx:1.27-alpine
    restart: unless_stopped
    mem_limit: 256m
```

## Use instead
```yaml
services:
  web:
    image: nginx:1.27-alpine
    restart: unless-stopped
    mem_limit: 256m
```
"""

import re

from pydocklint.compose.nodes import hit
from pydocklint.findings import Severity
from pydocklint.rule import rule

_VALID = re.compile(r"^(?:no|always|unless-stopped|on-failure(?::\d+)?)$")


@rule(code="PDC608", name="restart-value-invalid", severity=Severity.ERROR, kind="compose",
      summary="restart value Docker does not accept")
def check(project):
    for service in project.services.values():
        value = service.node.scalar("restart")
        if value is None or value.text is None or _VALID.match(value.text):
            continue
        if value.value is False:  # `restart: no` unquoted: YAML 1.2 reads "no", older tools read false
            continue
        yield hit(value, f"restart {value.text!r} is not a restart policy: use no, always, on-failure[:N] "
                  "or unless-stopped")
