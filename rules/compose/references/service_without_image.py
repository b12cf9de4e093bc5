"""## What it does
Reports a service with neither `image` nor `build` (nor `provider`), after
`extends`, `include` and the override file are merged in. An overlay file linted
without its base file is not checked: its services are meant to be partial.

## Why is this bad?
Compose refuses the project: "service … has neither an image nor a build context
specified". Usually an overlay that is being run on its own, or a service whose
`extends` was lost.

## Example
```yaml
services:
  worker:
    command: ["run-jobs"]
    restart: unless-stopped
    mem_limit: 256m
```

## Use instead
```yaml
services:
  worker:
    image: ghcr.io/example/worker:1.2.0
    command: ["run-jobs"]
    restart: unless-stopped
    mem_limit: 256m
```
"""

from pydocklint.compose.nodes import hit
from pydocklint.findings import Severity
from pydocklint.rule import rule


@rule(code="PDC206", name="service-without-image", severity=Severity.ERROR, kind="compose",
      summary="Service has neither an image nor a build")
def check(project):
    if project.fragment:
        return
    for service in project.services.values():
        if not any(key in service.node for key in ("image", "build", "provider", "extends")):
            yield hit(service.key, f"{service.name} has neither image nor build: Compose cannot create it")
