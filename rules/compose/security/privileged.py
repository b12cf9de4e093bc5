"""## What it does
Reports `privileged: true` on a service.

## Why is this bad?
A privileged container gets every capability, every host device and no seccomp
or AppArmor confinement: root in it is root on the host. Grant the one
capability or device the service needs (`cap_add`, `devices`) instead.

## Example
```yaml
services:
  agent:
    image: ghcr.io/example/agent:1.4.0
    restart: unless-stopped
    mem_limit: 256m
    privileged: true
```

## Use instead
```yaml
services:
  agent:
    image: ghcr.io/example/agent:1.4.0
    restart: unless-stopped
    mem_limit: 256m
    devices:
      - /dev/fuse
```
"""

from pydocklint.compose.nodes import hit
from pydocklint.findings import Severity
from pydocklint.rule import rule


@rule(code="PDC501", name="privileged-service", severity=Severity.WARNING, kind="compose", tags=("security",),
      summary="Service runs privileged")
def check(project):
    for service in project.services.values():
        value = service.node.scalar("privileged")
        if value is not None and value.text == "true":
            yield hit(value, f"{service.name} runs privileged (all capabilities and devices, no confinement): "
                      "grant only the capabilities or devices it needs")
