"""## What it does
Reports a short-form dependency (`depends_on: [db]`, or an entry without
`condition`) on a service that has a healthcheck, in Compose or as a
`HEALTHCHECK` in the Dockerfile it builds.

## Why is this bad?
The short form only waits until the container has *started*. A database or broker
that has started is usually not yet accepting connections, so the dependent
service fails or restarts on its first attempts. The target already reports when
it is ready: `condition: service_healthy` waits for that.

## Example
```yaml
services:
  web:
    image: nginx:1.27-alpine
    restart: unless-stopped
    mem_limit: 256m
    depends_on:
      - db
  db:
    image: postgres:16.4
    restart: unless-stopped
    mem_limit: 512m
    healthcheck:
      test: ["CMD", "pg_isready", "-U", "postgres"]
```

## Use instead
```yaml
services:
  web:
    image: nginx:1.27-alpine
    restart: unless-stopped
    mem_limit: 256m
    depends_on:
      db:
        condition: service_healthy
  db:
    image: postgres:16.4
    restart: unless-stopped
    mem_limit: 512m
    healthcheck:
      test: ["CMD", "pg_isready", "-U", "postgres"]
    volumes:
      - db-data:/var/lib/postgresql/data
volumes:
  db-data:
```
"""

from pydocklint.compose.model import dependency_targets, healthcheck_state
from pydocklint.compose.nodes import hit
from pydocklint.findings import Severity
from pydocklint.rule import rule


@rule(code="PDC102", name="depends-on-short-form", severity=Severity.INFO, kind="compose",
      summary="depends_on waits only for start on a service that reports health")
def check(project):
    for service, dependency, target in dependency_targets(project):
        if dependency.condition_node is not None:
            continue
        if healthcheck_state(project, target)[0] == "declared":
            yield hit(dependency.node, f"{service.name} starts as soon as {target.name} has started, although "
                      f"{target.name} reports its health: use condition: service_healthy")
