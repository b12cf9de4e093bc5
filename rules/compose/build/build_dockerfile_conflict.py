"""## What it does
Reports a `build` that sets both `dockerfile` and `dockerfile_inline`.

## Why is this bad?
Compose refuses the project: the two are mutually exclusive, and which
Dockerfile was meant is unclear.

## Example
```yaml
services:
  tool:
    build:
      context: .
      dockerfile: Dockerfile
      dockerfile_inline: |
        FROM alpine:3.22
        USER nobody
    restart: unless-stopped
    mem_limit: 256m
```

## Use instead
```yaml
services:
  tool:
    build:
      context: .
      dockerfile_inline: |
        FROM alpine:3.22
        USER nobody
    restart: unless-stopped
    mem_limit: 256m
```
"""

from pydocklint.compose.nodes import hit
from pydocklint.findings import Severity
from pydocklint.rule import rule


@rule(code="PDC404", name="build-dockerfile-conflict", severity=Severity.ERROR, kind="compose",
      summary="build sets both dockerfile and dockerfile_inline",
      example_context=(("Dockerfile", "FROM alpine:3.22\nUSER nobody\n"),))
def check(project):
    for service in project.services.values():
        build = service.node.mapping("build")
        if build is not None and "dockerfile" in build and "dockerfile_inline" in build:
            yield hit(build.key("dockerfile_inline"), f"{service.name} sets both build.dockerfile and "
                      "build.dockerfile_inline, which Compose refuses: keep one")
