"""## What it does
Reports `depends_on: {x: {condition: service_healthy}}` when service `x` has no
healthcheck: none in Compose and no `HEALTHCHECK` in the Dockerfile its `build:`
uses (followed through the `FROM` stages of that file to the build target), or a
healthcheck that is switched off (`disable: true`, `test: ["NONE"]`,
`HEALTHCHECK NONE`). When the Dockerfile's first stage builds on an external
image, that image could still define a `HEALTHCHECK`; the message says so.
Services that pull an image are not reported: their image is not inspected.

## Why is this bad?
`docker compose up` waits for `x` to report healthy, which never happens: it
fails with "… has no healthcheck configured" or keeps the dependent service from
starting.

## Example
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
      disable: true
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
      interval: 10s
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


@rule(code="PDC101", name="depends-on-missing-healthcheck", severity=Severity.ERROR, kind="compose",
      summary="depends_on waits for service_healthy on a service without a healthcheck")
def check(project):
    for service, dependency, target in dependency_targets(project):
        if dependency.condition != "service_healthy":
            continue
        state, where = healthcheck_state(project, target)
        if state == "disabled":
            message = f"{service.name} waits for {target.name} to be healthy, but {where}"
        elif state == "none":
            message = f"{service.name} waits for {target.name} to be healthy, but {where} declares no HEALTHCHECK"
        elif state == "inherited":
            message = (f"{service.name} waits for {target.name} to be healthy, but neither Compose nor {where} "
                       "declares a healthcheck (unless its base image does): add one")
        else:
            continue
        yield hit(dependency.condition_node or dependency.node, message)
