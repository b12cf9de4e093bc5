"""## What it does
Reports a service `image` with neither a tag nor a digest (`image: postgres`),
after interpolation with the project's `.env`. An image that depends on a
variable `.env` does not set is not reported, and neither is the `image` of a
service that also has `build:` (there it names the image Compose builds).

## Why is this bad?
No tag means `latest`: whatever the registry holds the day the stack is pulled.
Two hosts, or two days, run different versions of the service.

## Example
```yaml
services:
  db:
    image: postgres
    restart: unless-stopped
    mem_limit: 512m
```

## Use instead
```yaml
services:
  db:
    image: postgres:16.4
    restart: unless-stopped
    mem_limit: 512m
    volumes:
      - db-data:/var/lib/postgresql/data
volumes:
  db-data:
```
"""

from pydocklint.compose.nodes import hit
from pydocklint.dockerfile.images import ImageReference
from pydocklint.findings import Severity
from pydocklint.rule import rule


def pulled_image(service):
    """The image node and reference of a service that pulls its image (None when built or unknown)."""
    node = service.node.scalar("image")
    if node is None or node.text is None or not node.text.strip() or "build" in service.node:
        return None, None
    return node, ImageReference.parse(node.text.strip())


def shown(node) -> str:
    return node.text if node.raw is None else f"{node.text} (from {node.raw})"


@rule(code="PDC301", name="image-untagged", severity=Severity.WARNING, kind="compose",
      summary="Service image has neither a tag nor a digest")
def check(project):
    for service in project.services.values():
        node, reference = pulled_image(service)
        if reference is not None and reference.tag is None and reference.digest is None:
            yield hit(node, f"Image {shown(node)} has no tag: pin a version, e.g. {node.text}:<version>")
