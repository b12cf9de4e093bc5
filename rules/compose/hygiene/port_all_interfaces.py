"""## What it does
Reports a port mapping without a host IP, which Docker publishes on every
interface of the host (`0.0.0.0` and `::`), including a container-only port such
as `"3000"`, which gets a random host port on every interface. Ports of a service
with `network_mode: host` and ports that depend on unset variables are not
reported.

## Why is this bad?
Anything published on all interfaces is reachable from the network, and Docker's
own firewall rules bypass host firewalls such as ufw. Development databases and
admin panels are exposed this way by accident. Bind to `127.0.0.1` unless the
port is meant to be public; this is advice, so the severity is info.

## Example
```yaml
services:
  db:
    image: postgres:16.4
    restart: unless-stopped
    mem_limit: 512m
    ports:
      - "5432:5432"
```

## Use instead
```yaml
services:
  db:
    image: postgres:16.4
    restart: unless-stopped
    mem_limit: 512m
    ports:
      - "127.0.0.1:5432:5432"
    volumes:
      - db-data:/var/lib/postgresql/data
volumes:
  db-data:
```
"""

from pydocklint.compose.model import ports
from pydocklint.compose.nodes import hit
from pydocklint.findings import Severity
from pydocklint.rule import rule


@rule(code="PDC604", name="port-on-all-interfaces", severity=Severity.INFO, kind="compose", tags=("security",),
      summary="Port published on every host interface")
def check(project):
    for service in project.services.values():
        if service.node.text("network_mode") == "host":
            continue
        for port in ports(service):
            if port.unknown or port.host_ip is not None:
                continue
            if port.published is None:
                message = (f"{service.name} publishes container port {port.target} on a random host port on every "
                           "interface: bind it to 127.0.0.1 (\"127.0.0.1::" + str(port.target) + "\") or use expose")
            else:
                message = (f"{service.name} publishes port {port.published[0]} on every host interface: prefix "
                           "127.0.0.1: unless it must be reachable from other hosts")
            yield hit(port.node, message)
