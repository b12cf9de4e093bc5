"""## What it does
Reports two services with the same `container_name`, after interpolation. Names
that depend on unset variables are compared as written: `${NAME}` twice is the
same name whatever `NAME` is.

## Why is this bad?
Container names are unique per Docker host: the second container cannot be
created ("Conflict. The container name … is already in use").

## Example
```yaml
services:
  web:
    image: nginx:1.27-alpine
    restart: unless-stopped
    mem_limit: 256m
    container_name: app
  worker:
    image: ghcr.io/example/worker:1.2.0
    restart: unless-stopped
    mem_limit: 256m
    container_name: app
```

## Use instead
```yaml
services:
  web:
    image: nginx:1.27-alpine
    restart: unless-stopped
    mem_limit: 256m
    container_name: app-web
  worker:
    image: ghcr.io/example/worker:1.2.0
    restart: unless-stopped
    mem_limit: 256m
    container_name: app-worker
```
"""

from pydocklint.compose.nodes import hit
from pydocklint.findings import Severity
from pydocklint.rule import rule


@rule(code="PDC602", name="duplicate-container-name", severity=Severity.ERROR, kind="compose",
      summary="Two services use the same container_name")
def check(project):
    first: dict[str, tuple[str, object]] = {}
    for service in project.services.values():
        value = service.node.scalar("container_name")
        if value is None:
            continue
        name = value.text if not value.unknown else f"template:{value.written}"
        if not name or name == "template:":
            continue
        if name in first:
            other, node = first[name]
            yield hit(value, f"{service.name} uses container_name {value.written}, like {other} "
                      f"(line {node.line}): container names must be unique")
        else:
            first[name] = (service.name, value)
