"""## What it does
Reports a service with no memory limit: neither `mem_limit` nor
`deploy.resources.limits.memory`. Overlay files linted without their base are
not reported.

## Why is this bad?
Without a limit, one leaking or overloaded container can use all the host's
memory, and the kernel's out-of-memory killer then picks victims among every
container and process on the host. This is advice, so the severity is info.

## Example
```yaml
services:
  web:
    image: nginx:1.27-alpine
    restart: unless-stopped
```

## Use instead
```yaml
services:
  web:
    image: nginx:1.27-alpine
    restart: unless-stopped
    deploy:
      resources:
        limits:
          memory: 256m
```
"""

from pydocklint.compose.nodes import hit
from pydocklint.findings import Severity
from pydocklint.rule import rule


def memory_limit(service):
    if "mem_limit" in service.node:
        return service.node.get("mem_limit")
    deploy = service.node.mapping("deploy")
    resources = deploy.mapping("resources") if deploy is not None else None
    limits = resources.mapping("limits") if resources is not None else None
    return limits.get("memory") if limits is not None else None


@rule(code="PDC607", name="memory-limit-missing", severity=Severity.INFO, kind="compose",
      summary="Service has no memory limit")
def check(project):
    if project.fragment:
        return
    for service in project.services.values():
        if memory_limit(service) is None:
            yield hit(service.key, f"{service.name} has no memory limit: set mem_limit or "
                      "deploy.resources.limits.memory")
