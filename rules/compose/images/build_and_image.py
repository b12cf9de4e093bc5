"""## What it does
Reports a service with both `build` and `image` but no `pull_policy`.

## Why is this bad?
Compose then tries to *pull* `image` first and builds only when the pull fails.
As soon as an image of that name exists on the registry (pushed by CI, or a name
that happens to be taken), `docker compose up` runs it instead of the local
source. `pull_policy: build` always builds; `pull_policy: missing` makes the
pull-first behaviour explicit.

## Example
```yaml
services:
  api:
    build: .
    image: ghcr.io/example/api:2.3.1
    restart: unless-stopped
    mem_limit: 256m
```

## Use instead
```yaml
services:
  api:
    build: .
    image: ghcr.io/example/api:2.3.1
    pull_policy: build
    restart: unless-stopped
    mem_limit: 256m
```
"""

from pydocklint.compose.nodes import hit
from pydocklint.findings import Severity
from pydocklint.rule import rule


@rule(code="PDC303", name="build-and-image-without-pull-policy", severity=Severity.WARNING, kind="compose",
      summary="Service has both build and image but no pull_policy",
      example_context=(("Dockerfile", "FROM alpine:3.22\n"),))
def check(project):
    for service in project.services.values():
        image = service.node.scalar("image")
        if image is not None and "build" in service.node and "pull_policy" not in service.node:
            yield hit(image, f"{service.name} has build and image {image.written} but no pull_policy: Compose "
                      "pulls the image when it can instead of building; set pull_policy: build (or missing)")
