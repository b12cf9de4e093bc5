"""## What it does
Reports a service that uses a network, named volume, secret or config that the
top-level `networks:`, `volumes:`, `secrets:` or `configs:` section does not
declare. The `default` network needs no declaration, bind mounts (paths starting
with `/`, `.` or `~`) are not named volumes, and an overlay file linted without
its base file is not checked.

## Why is this bad?
Compose refuses the project ("service … refers to undefined volume …"). A named
volume that is not declared is also often a bind mount missing its `./`.

## Example
```yaml
services:
  db:
    image: postgres:16.4
    restart: unless-stopped
    mem_limit: 512m
    volumes:
      - pgdata:/var/lib/postgresql/data
```

## Use instead
```yaml
services:
  db:
    image: postgres:16.4
    restart: unless-stopped
    mem_limit: 512m
    volumes:
      - pgdata:/var/lib/postgresql/data
volumes:
  pgdata:
```
"""

from pydocklint.compose.model import mounts
from pydocklint.compose.nodes import Mapping, Scalar, Sequence, hit
from pydocklint.findings import Severity
from pydocklint.rule import rule


@rule(code="PDC202", name="undefined-resource", severity=Severity.ERROR, kind="compose",
      summary="Service uses a network, volume, secret or config that is not declared")
def check(project):
    if project.fragment:
        return
    for service in project.services.values():
        for kind, name, node in _references(service):
            if name not in project.resources.get(kind, {}):
                singular = kind[:-1]
                yield hit(node, f"{service.name} uses {singular} {name}, which the top-level {kind}: section "
                          "does not declare")


def _references(service):
    networks = service.node.get("networks")
    if isinstance(networks, Sequence):
        for item in networks.items:
            if isinstance(item, Scalar) and item.text and item.text != "default":
                yield "networks", item.text, item
    elif isinstance(networks, Mapping):
        for name, (key, _) in networks.entries.items():
            if name != "default":
                yield "networks", name, key
    for mount in mounts(service):
        if mount.type == "volume" and mount.source and not mount.unknown:
            yield "volumes", mount.source, mount.source_node
    for kind in ("secrets", "configs"):
        value = service.node.sequence(kind)
        for item in value.items if value else []:
            name_node = item if isinstance(item, Scalar) else item.scalar("source") if isinstance(item, Mapping) \
                else None
            if name_node is not None and name_node.text:
                yield kind, name_node.text, name_node
