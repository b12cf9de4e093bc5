"""## What it does
Reports a service that shares a host namespace: `network_mode: host`,
`pid: host`, `ipc: host`, `uts: host` or `userns_mode: host`.

## Why is this bad?
The container then sees and can reach the host's network interfaces and local
services (`network_mode`), every host process (`pid`), the host's shared memory
(`ipc`) or runs without user-namespace remapping. Isolation the container
would otherwise provide is gone; with `network_mode: host` any `ports:` are
ignored too.

## Example
```yaml
services:
  web:
    image: nginx:1.27-alpine
    restart: unless-stopped
    mem_limit: 256m
    network_mode: host
```

## Use instead
```yaml
services:
  web:
    image: nginx:1.27-alpine
    restart: unless-stopped
    mem_limit: 256m
    ports:
      - "127.0.0.1:8080:80"
```
"""

from pydocklint.compose.nodes import hit
from pydocklint.findings import Severity
from pydocklint.rule import rule

NAMESPACE_KEYS = {"network_mode": "network", "pid": "process", "ipc": "IPC", "uts": "UTS", "userns_mode": "user"}


@rule(code="PDC503", name="host-namespace", severity=Severity.WARNING, kind="compose", tags=("security",),
      summary="Service shares a host namespace (network, PID, IPC, UTS or user)")
def check(project):
    for service in project.services.values():
        for key, namespace in NAMESPACE_KEYS.items():
            value = service.node.scalar(key)
            if value is not None and value.text == "host":
                yield hit(value, f"{service.name} shares the host's {namespace} namespace ({key}: host), "
                          "which removes that isolation")
