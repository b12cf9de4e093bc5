"""## What it does
Reports a bind mount of a sensitive host directory as a whole: `/`, `/etc`,
`/root`, `/proc`, `/sys`, `/dev`, `/boot`, `/var/run`, `/run`, `/var`, `/usr`,
`/lib`, `/bin`, `/sbin` or `/home`. Single files or subdirectories below them
(`/etc/localtime`, `/var/log/app`) are not reported; the Docker socket has its
own rule.

## Why is this bad?
The container can read (and without `:ro`, rewrite) host configuration,
credentials, kernel interfaces or the host's other sockets: a compromise of the
service becomes a compromise of the host.

## Example
```yaml
services:
  backup:
    image: ghcr.io/example/backup:2.0.0
    restart: unless-stopped
    mem_limit: 256m
    volumes:
      - /etc:/host-etc
```

## Use instead
```yaml
services:
  backup:
    image: ghcr.io/example/backup:2.0.0
    restart: unless-stopped
    mem_limit: 256m
    volumes:
      - /etc/app:/host-etc/app:ro
```
"""

import posixpath

from pydocklint.compose.model import mounts
from pydocklint.compose.nodes import hit
from pydocklint.findings import Severity
from pydocklint.rule import rule

SENSITIVE = frozenset({"/", "/etc", "/root", "/proc", "/sys", "/dev", "/boot", "/var/run", "/run", "/var", "/usr",
                       "/lib", "/bin", "/sbin", "/home"})


@rule(code="PDC507", name="sensitive-host-path", severity=Severity.WARNING, kind="compose", tags=("security",),
      summary="Service bind-mounts a sensitive host directory")
def check(project):
    for service in project.services.values():
        for mount in mounts(service):
            if mount.type != "bind" or not mount.source or not mount.source.startswith("/"):
                continue
            source = posixpath.normpath(mount.source)
            source = "/" if source == "//" else source
            if source in SENSITIVE:
                access = "read-only" if mount.read_only else "read-write"
                yield hit(mount.source_node, f"{service.name} mounts the host's {source} ({access}): mount only "
                          "the files it needs, read-only")
