"""## What it does
Reports `security_opt` entries that switch confinement off: `seccomp:unconfined`,
`apparmor:unconfined`, `label:disable` and `no-new-privileges:false` (written
with `:` or `=`).

## Why is this bad?
The seccomp profile blocks the system calls most container escapes use, and
AppArmor/SELinux limit what a compromised process can touch. Turning them off
widens the attack surface of the host kernel for every process in the container.

## Example
```yaml
services:
  app:
    image: ghcr.io/example/app:5.0.1
    restart: unless-stopped
    mem_limit: 256m
    security_opt:
      - seccomp:unconfined
```

## Use instead
```yaml
services:
  app:
    image: ghcr.io/example/app:5.0.1
    restart: unless-stopped
    mem_limit: 256m
    security_opt:
      - no-new-privileges:true
```
"""

import re

from pydocklint.compose.nodes import Scalar, hit
from pydocklint.findings import Severity
from pydocklint.rule import rule

_UNCONFINED = re.compile(r"^(?:(seccomp|apparmor)[:=]unconfined|label[:=]disable|no-new-privileges[:=]false)$",
                         re.IGNORECASE)


@rule(code="PDC505", name="security-opt-unconfined", severity=Severity.WARNING, kind="compose", tags=("security",),
      summary="security_opt switches seccomp, AppArmor, SELinux or no-new-privileges off")
def check(project):
    for service in project.services.values():
        options = service.node.sequence("security_opt")
        for item in options.items if options else []:
            if isinstance(item, Scalar) and item.text and _UNCONFINED.match(item.text.strip()):
                yield hit(item, f"{service.name} sets security_opt {item.text}, which removes a layer of "
                          "confinement")
