"""## What it does
Reports a service whose `build` points at a Dockerfile that does not exist. The
path is resolved as Compose does: `build.dockerfile` (default `Dockerfile`) is
relative to the build **context**, and the context is relative to the Compose
file that wrote it. Contexts that are git URLs, absolute paths, `~` paths or
unset variables are not checked, nor is `dockerfile_inline`.

## Why is this bad?
`docker compose build` (and `up` for a service without an image) fails. Writing
`dockerfile:` relative to the Compose file instead of the context is a common
slip once the context is a subdirectory.

## Example
```yaml
services:
  api:
    build:
      context: ./backend
      dockerfile: ./backend/Dockerfile
    restart: unless-stopped
    mem_limit: 256m
```

## Use instead
```yaml
services:
  api:
    build:
      context: ./backend
      dockerfile: Dockerfile
    restart: unless-stopped
    mem_limit: 256m
```
"""

from pydocklint.compose.model import build_of
from pydocklint.compose.nodes import hit
from pydocklint.findings import Severity
from pydocklint.rule import rule


@rule(code="PDC401", name="build-dockerfile-missing", severity=Severity.ERROR, kind="compose",
      summary="Service builds from a Dockerfile that does not exist",
      example_context=(("backend/Dockerfile", "FROM alpine:3.22\nUSER nobody\n"),))
def check(project):
    for service in project.services.values():
        build = build_of(project, service)
        if build is None or not build.missing:
            continue
        node = build.dockerfile_node or build.node
        if build.dockerfile_node is None and project.read(build.context) is not None:
            yield hit(node, f"{service.name}'s build context {build.context} is a file: build: takes the "
                      "context directory (name the Dockerfile in build.dockerfile)")
            continue
        yield hit(node, f"{service.name} builds from {build.dockerfile_path}, which does not exist "
                  f"(build.dockerfile is relative to the context {build.context})")
