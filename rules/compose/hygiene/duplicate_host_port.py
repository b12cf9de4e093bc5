"""## What it does
Reports a host port that two port mappings publish, in the same or different
services: the same protocol, overlapping port ranges, and host IPs that overlap
(no IP, `0.0.0.0` and `::` mean every interface). A container-only port (`"80"`)
publishes a random host port and never conflicts; ports that depend on unset
variables and services whose profiles never run together are not compared.

## Why is this bad?
Only one container can bind a host port: the second fails to start with "port is
already allocated".

## Example
```yaml
services:
  web:
    image: nginx:1.27-alpine
    restart: unless-stopped
    mem_limit: 256m
    ports:
      - "127.0.0.1:8080:80"
  admin:
    image: ghcr.io/example/admin:1.0.0
    restart: unless-stopped
    mem_limit: 256m
    ports:
      - "127.0.0.1:8080:8000"
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
  admin:
    image: ghcr.io/example/admin:1.0.0
    restart: unless-stopped
    mem_limit: 256m
    ports:
      - "127.0.0.1:8081:8000"
```
"""

from pydocklint.compose.model import ports, profiles
from pydocklint.compose.nodes import hit
from pydocklint.findings import Severity
from pydocklint.rule import rule

_ANY = (None, "", "0.0.0.0", "::")


def _ips_overlap(a, b) -> bool:
    return a in _ANY or b in _ANY or a == b


@rule(code="PDC603", name="duplicate-host-port", severity=Severity.ERROR, kind="compose",
      summary="Two port mappings publish the same host port")
def check(project):
    published = []  # (service, its profiles, port)
    for service in project.services.values():
        if service.node.text("network_mode") == "host":
            continue
        own_profiles = profiles(service)
        for port in ports(service):
            if port.unknown or port.published is None:
                continue
            for other, other_profiles, earlier in published:
                if own_profiles and other_profiles and not own_profiles & other_profiles:
                    continue  # never enabled together
                low, high = port.published
                if earlier.protocol == port.protocol and earlier.published[0] <= high \
                        and low <= earlier.published[1] and _ips_overlap(earlier.host_ip, port.host_ip):
                    where = "also" if other == service.name else f"like {other}"
                    yield hit(port.node, f"{service.name} publishes host port {_shown(port)} {where} "
                              f"(line {earlier.node.line}): only one can bind it")
                    break
            published.append((service.name, own_profiles, port))


def _shown(port) -> str:
    low, high = port.published
    text = str(low) if low == high else f"{low}-{high}"
    return f"{text}/{port.protocol}" if port.protocol != "tcp" else text
