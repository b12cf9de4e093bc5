"""## What it does
Reports a container path that a service mounts twice: two `volumes` entries, or a
`volumes` entry and a `tmpfs` entry, with the same target (after merging the
override file and `extends`, where a later entry with the same target replaces
the earlier one). Targets that depend on unset variables are not compared.

## Why is this bad?
Compose refuses the service ("… target … already mounted"): only one mount can
sit at a path, and which one was meant is unclear.

## Example
```yaml
services:
  app:
    image: ghcr.io/example/app:5.0.1
    restart: unless-stopped
    mem_limit: 256m
    volumes:
      - data:/var/lib/app
    tmpfs:
      - /var/lib/app
volumes:
  data:
```

## Use instead
```yaml
services:
  app:
    image: ghcr.io/example/app:5.0.1
    restart: unless-stopped
    mem_limit: 256m
    volumes:
      - data:/var/lib/app
    tmpfs:
      - /var/cache/app
volumes:
  data:
```
"""

import posixpath

from pydocklint.compose.model import mounts
from pydocklint.compose.nodes import Scalar, Sequence, hit
from pydocklint.findings import Severity
from pydocklint.rule import rule


def _tmpfs_targets(service):
    value = service.node.get("tmpfs")  # a path or a list of paths, each optionally `:options`
    items = value.items if isinstance(value, Sequence) else [value] if value is not None else []
    for item in items:
        if isinstance(item, Scalar) and item.text:
            yield item.text.split(":")[0], item


@rule(code="PDC207", name="duplicate-mount-target", severity=Severity.ERROR, kind="compose",
      summary="Service mounts two volumes or tmpfs at the same container path")
def check(project):
    for service in project.services.values():
        seen = {}
        targets = [(m.target, m.node) for m in mounts(service) if m.target and not m.unknown]
        targets += list(_tmpfs_targets(service))
        for target, node in targets:
            key = posixpath.normpath(target) if target.startswith("/") else target
            if key in seen:
                yield hit(node, f"{service.name} mounts {key} twice (also on line {seen[key].line}): "
                          "Compose refuses a second mount at the same path")
            else:
                seen[key] = node
