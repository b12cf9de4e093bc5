"""## What it does
Reports a `FROM` image with neither a tag nor a digest (`FROM python`). Images
written with variables are resolved through the defaults of the ARGs declared
before the first `FROM`; when a variable has no default, nothing is reported,
since the `--build-arg` given at build time decides. `scratch` and references to
earlier stages are not images and are never reported.

Differences from hadolint: hadolint does not substitute variables, so it
reports `FROM base-$TARGETARCH` (a stage chosen per platform),
`FROM busybox${TARGETARCH:+@sha256:…}` (a digest) and `FROM $IMAGE` whose
default carries a tag; pydocklint judges the value.

## Why is this bad?
An image without a tag means `latest`: whatever the registry holds on the day
of the build. Two builds of the same Dockerfile can get different operating
systems, language versions and vulnerabilities.

## Example
```dockerfile
FROM python
```

## Use instead
```dockerfile
FROM python:3.12-slim-bookworm
```
"""

from pydocklint.dockerfile.images import base_images
from pydocklint.findings import Hit, Severity
from pydocklint.rule import rule


@rule(code="PDL101", name="base-image-untagged", severity=Severity.WARNING,
      summary="Base image has neither a tag nor a digest", covers=("DL3006",))
def check(dockerfile):
    for stage, image, reference in base_images(dockerfile):
        if reference.tag is None and reference.digest is None:
            shown = image if image == stage.image else f"{stage.image} (= {image})"
            yield Hit.at(image_span(stage), f"Base image {shown} has no tag: pin a version, e.g. {image}:<version>")


def image_span(stage):
    """The span of the image word in the FROM line (the whole FROM when it cannot be found)."""
    instruction = stage.from_instruction
    words = instruction.argument_words()
    if words:
        offset, word = words[0]
        return instruction.span_at(offset, len(word))
    return instruction.span
