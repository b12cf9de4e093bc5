"""## What it does
Reports a service that mounts the Docker socket (`/var/run/docker.sock` or
`/run/docker.sock`), in the short or the long volume syntax, read-only or not.
A socket proxy itself (an image whose name contains `socket-proxy`, such as
`tecnativa/docker-socket-proxy`) is the recommended fix and is not reported.

## Why is this bad?
Whoever can talk to the Docker socket can start a privileged container that
mounts the host's root: the service (and anyone who compromises it) controls the
host. `:ro` does not help, since the API is used through the socket, not by
writing the file. Use a socket proxy that allows only the API calls needed.

## Example
```yaml
services:
  dashboard:
    image: ghcr.io/example/dashboard:3.1.0
    restart: unless-stopped
    mem_limit: 256m
    volumes:
      - /var/run/docker.sock:/var/run/docker.sock:ro
```

## Use instead
```yaml
services:
  dashboard:
    image: ghcr.io/example/dashboard:3.1.0
    restart: unless-stopped
    mem_limit: 256m
    environment:
      DOCKER_HOST: tcp://socket-proxy:2375
```
"""

import posixpath

from pydocklint.compose.model import mounts
from pydocklint.compose.nodes import hit
from pydocklint.findings import Severity
from pydocklint.rule import rule

SOCKETS = frozenset({"/var/run/docker.sock", "/run/docker.sock"})


@rule(code="PDC502", name="docker-socket-mounted", severity=Severity.WARNING, kind="compose", tags=("security",),
      summary="Service mounts the Docker socket")
def check(project):
    for service in project.services.values():
        if "socket-proxy" in (service.node.text("image") or ""):
            continue  # the proxy is what the other services should talk to instead
        for mount in mounts(service):
            if mount.source and mount.source.startswith("/") and posixpath.normpath(mount.source) in SOCKETS:
                yield hit(mount.source_node, f"{service.name} mounts the Docker socket {mount.source}, which gives "
                          "it control of the host: use a socket proxy limited to the API calls it needs")
