"""## What it does
Reports a service `image` whose tag moves over time: `latest`, `stable`, `edge`,
`nightly`, `rolling`, `main` or `master`, after interpolation with the project's
`.env` (a default such as `${TAG:-latest}` counts). Images with a digest, images
that depend on unset variables and the `image` of a service with `build:` are not
reported.

## Why is this bad?
A floating tag is replaced on the registry without warning: the same Compose file
starts different software on different hosts, and a rollback cannot go back to
what ran before.

## Example
```yaml
services:
  cache:
    image: redis:latest
    restart: unless-stopped
    mem_limit: 256m
```

## Use instead
```yaml
services:
  cache:
    image: redis:7.4-alpine
    restart: unless-stopped
    mem_limit: 256m
    volumes:
      - cache-data:/data
volumes:
  cache-data:
```
"""

from pydocklint.compose.nodes import hit
from pydocklint.findings import Severity
from pydocklint.rule import rule
from pydocklint.rules.compose.images.image_untagged import pulled_image, shown

FLOATING_TAGS = frozenset({"latest", "stable", "edge", "nightly", "rolling", "main", "master"})


@rule(code="PDC302", name="image-floating-tag", severity=Severity.WARNING, kind="compose",
      summary="Service image uses a floating tag such as latest")
def check(project):
    for service in project.services.values():
        node, reference = pulled_image(service)
        if reference is not None and reference.digest is None and (reference.tag or "").lower() in FLOATING_TAGS:
            yield hit(node, f"Image {shown(node)} uses the floating tag {reference.tag}: pin a version")
