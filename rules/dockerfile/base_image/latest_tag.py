"""## What it does
Reports a `FROM` image tagged `latest` without a digest. Variables are resolved
through the defaults of the ARGs declared before the first `FROM`, as for
`base-image-untagged`.

## Why is this bad?
`latest` moves: it names whatever was pushed last, so the image you test is not
the one you build next week. Pinning a version makes builds reproducible and
upgrades deliberate. `image:latest@sha256:...` is pinned by its digest and is
not reported.

## Example
```dockerfile
FROM node:latest
```

## Use instead
```dockerfile
FROM node:22.11-bookworm-slim
```
"""

from pydocklint.dockerfile.images import base_images
from pydocklint.findings import Hit, Severity
from pydocklint.rule import rule
from pydocklint.rules.dockerfile.base_image.untagged import image_span


@rule(code="PDL102", name="base-image-latest-tag", severity=Severity.WARNING,
      summary="Base image uses the `latest` tag", covers=("DL3007",))
def check(dockerfile):
    for stage, image, reference in base_images(dockerfile):
        if reference.tag == "latest" and reference.digest is None:
            shown = image if image == stage.image else f"{stage.image} (= {image})"
            yield Hit.at(image_span(stage), f"Base image {shown} uses the floating `latest` tag: pin a version")
