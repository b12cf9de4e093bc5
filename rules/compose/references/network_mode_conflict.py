"""## What it does
Reports a service that sets both `network_mode` and `networks`, and `ports` on a
service with `network_mode: host` (or `none`, or another service's or
container's network).

## Why is this bad?
Compose refuses `network_mode` together with `networks` ("mutually exclusive").
With `network_mode: host` the container uses the host's ports directly and port
mappings are meaningless; Docker refuses or ignores them depending on the
version, so the mapping does not do what it says.

## Example
```yaml
services:
  web:
    image: nginx:1.27-alpine
    restart: unless-stopped
    mem_limit: 256m
    network_mode: bridge
    networks: [front]
networks:
  front:
```

## Use instead
```yaml
services:
  web:
    image: nginx:1.27-alpine
    restart: unless-stopped
    mem_limit: 256m
    networks: [front]
networks:
  front:
```
"""

from pydocklint.compose.nodes import hit
from pydocklint.findings import Severity
from pydocklint.rule import rule


@rule(code="PDC205", name="network-mode-conflict", severity=Severity.ERROR, kind="compose",
      summary="network_mode together with networks, or ports without a network of its own")
def check(project):
    for service in project.services.values():
        mode_node = service.node.scalar("network_mode")
        mode = mode_node.text if mode_node is not None else None
        if mode is None:
            continue
        if "networks" in service.node:
            yield hit(service.node.key("networks"), f"{service.name} sets both network_mode ({mode}) and networks, "
                      "which Compose refuses: keep one")
        if (mode in ("host", "none") or mode.startswith(("service:", "container:"))) and \
                service.node.sequence("ports"):
            yield hit(service.node.key("ports"), f"{service.name} uses network_mode: {mode}, so its ports: "
                      "mappings cannot apply: remove them")
