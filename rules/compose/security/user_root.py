"""## What it does
Reports `user: root` (also `0`, `root:root`, `0:0`) on a service.

## Why is this bad?
The service's processes run as root, so a compromise of the application gives
root in the container, one kernel bug away from root on the host, and write
access to every mounted volume. Most images work as an unprivileged user.

## Example
```yaml
services:
  web:
    image: nginx:1.27-alpine
    restart: unless-stopped
    mem_limit: 256m
    user: root
```

## Use instead
```yaml
services:
  web:
    image: nginx:1.27-alpine
    restart: unless-stopped
    mem_limit: 256m
    user: "101:101"
```
"""

from pydocklint.compose.nodes import hit
from pydocklint.findings import Severity
from pydocklint.rule import rule


@rule(code="PDC508", name="user-root", severity=Severity.WARNING, kind="compose", tags=("security",),
      summary="Service runs as root")
def check(project):
    for service in project.services.values():
        value = service.node.scalar("user")
        if value is not None and value.text is not None and value.text.split(":")[0] in ("root", "0"):
            yield hit(value, f"{service.name} runs as root (user: {value.text}): run it as an unprivileged user")
