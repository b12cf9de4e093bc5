"""## What it does
Reports a `FROM` image, written without variables, that is not a valid image
reference as Docker parses it: upper-case letters in the repository
(`FROM Ubuntu:22.04`), an empty tag (`FROM alpine:`), a malformed digest, or
characters not allowed in names. `scratch` and references to earlier stages
are not images. References with variables are `invalid-default-arg-in-from`'s.

## Why is this bad?
Docker refuses to build: "invalid reference format".

## Example
```dockerfile
FROM Alpine:3.20
```

## Use instead
```dockerfile
FROM alpine:3.22
```
"""

from pydocklint.dockerfile.images import is_image, reference_error
from pydocklint.findings import Hit, Severity
from pydocklint.rule import rule
from pydocklint.rules.dockerfile.base_image.untagged import image_span


@rule(code="PDL106", name="invalid-image-reference", severity=Severity.ERROR,
      summary="FROM image is not a valid image reference")
def check(dockerfile):
    for stage in dockerfile.stages:
        image = stage.image
        if not image or "$" in image or not is_image(dockerfile, stage, image):
            continue
        problem = reference_error(image)
        if problem:
            yield Hit.at(image_span(stage), f"Invalid base image reference '{image}': {problem}")
