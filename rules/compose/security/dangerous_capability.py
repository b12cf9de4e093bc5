"""## What it does
Reports `cap_add` of `ALL`, `SYS_ADMIN`, `NET_ADMIN`, `SYS_MODULE` or `SYS_PTRACE`
(with or without the `CAP_` prefix, any case).

## Why is this bad?
`ALL` is nearly `privileged`; `SYS_ADMIN` allows mounting filesystems and many
container escapes; `NET_ADMIN` reconfigures networking and firewalls;
`SYS_MODULE` loads kernel modules; `SYS_PTRACE` reads other processes' memory.
Each is rarely what a service needs.

## Example
```yaml
services:
  vpn:
    image: ghcr.io/example/vpn:1.0.2
    restart: unless-stopped
    mem_limit: 256m
    cap_add:
      - SYS_ADMIN
```

## Use instead
```yaml
services:
  vpn:
    image: ghcr.io/example/vpn:1.0.2
    restart: unless-stopped
    mem_limit: 256m
    cap_drop:
      - ALL
    cap_add:
      - NET_BIND_SERVICE
```
"""

from pydocklint.compose.nodes import Scalar, hit
from pydocklint.findings import Severity
from pydocklint.rule import rule

DANGEROUS = frozenset({"ALL", "SYS_ADMIN", "NET_ADMIN", "SYS_MODULE", "SYS_PTRACE"})


@rule(code="PDC504", name="dangerous-capability", severity=Severity.WARNING, kind="compose", tags=("security",),
      summary="Service adds a dangerous capability (ALL, SYS_ADMIN, NET_ADMIN…)")
def check(project):
    for service in project.services.values():
        added = service.node.sequence("cap_add")
        for item in added.items if added else []:
            if isinstance(item, Scalar) and item.text:
                name = item.text.upper().removeprefix("CAP_")
                if name in DANGEROUS:
                    yield hit(item, f"{service.name} adds capability {item.text}: grant a narrower one if possible")
