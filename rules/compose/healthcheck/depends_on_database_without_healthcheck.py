"""## What it does
Reports a `depends_on` entry without a `condition` (so it waits only for the
start) on a database or broker service (PostgreSQL, MySQL, MariaDB, MongoDB, Redis, RabbitMQ, Elasticsearch, …
recognised by its image, or by the image its Dockerfile builds on) that has no
healthcheck: none in Compose, none (or `HEALTHCHECK NONE`) in the Dockerfile it
builds, or one that is disabled. None of the recognised images declares a
`HEALTHCHECK` of its own.

An entry with a written `condition` is not reported: `service_started` is then a
choice, and `service_healthy` on a service without a healthcheck is
depends-on-missing-healthcheck (PDC101). A short-form entry on a service that has
a healthcheck is depends-on-short-form (PDC102).

## Why is this bad?
`depends_on` without a readiness check only orders container starts. A database
takes seconds to accept connections after its container has started (longer on
its first start, while it initialises), so the dependent service's first
connection attempts fail: it crashes, restarts or gives up. A healthcheck plus
`condition: service_healthy` makes Compose wait until the database is ready.

## Example
```yaml
services:
  web:
    image: ghcr.io/example/app:5.0.1
    restart: unless-stopped
    mem_limit: 256m
    depends_on:
      - db
  db:
    image: postgres:16.4
    restart: unless-stopped
    mem_limit: 512m
    volumes:
      - db-data:/var/lib/postgresql/data
volumes:
  db-data:
```

## Use instead
```yaml
services:
  web:
    image: ghcr.io/example/app:5.0.1
    restart: unless-stopped
    mem_limit: 256m
    depends_on:
      db:
        condition: service_healthy
  db:
    image: postgres:16.4
    restart: unless-stopped
    mem_limit: 512m
    volumes:
      - db-data:/var/lib/postgresql/data
    healthcheck:
      test: ["CMD", "pg_isready", "-U", "postgres"]
      interval: 10s
volumes:
  db-data:
```
"""

from pydocklint.compose.data_services import data_image_of
from pydocklint.compose.model import dependency_targets, healthcheck_state
from pydocklint.compose.nodes import hit
from pydocklint.findings import Severity
from pydocklint.rule import rule


@rule(code="PDC106", name="depends-on-database-without-healthcheck", severity=Severity.INFO, kind="compose",
      summary="depends_on a database or broker that has no healthcheck, so only its start is awaited")
def check(project):
    for service, dependency, target in dependency_targets(project):
        if dependency.condition_node is not None:
            continue  # a written condition is a choice; service_healthy is PDC101's
        image = data_image_of(project, target)
        if image is None or healthcheck_state(project, target)[0] == "declared":
            continue
        probe = f" (e.g. test: {image.probe})" if image.probe else ""
        yield hit(dependency.node, f"{service.name} starts as soon as {target.name} ({image.product}) has "
                  f"started, not when it accepts connections: give {target.name} a healthcheck{probe} and "
                  "use condition: service_healthy")
