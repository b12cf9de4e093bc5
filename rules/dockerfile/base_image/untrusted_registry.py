"""## What it does
Reports a `FROM` image, or a `COPY --from` image, from a registry that is not
in the `trusted-registries` list of the configuration. Without that option
(the default is an empty list, meaning any registry) the rule reports nothing.

Images are matched by registry host (`docker.io` for images without one, as
Docker resolves them); an entry may use `*` as a wildcard (`*.gcr.io`).
`scratch` and stage references are not images.

## Why is this bad?
An organisation that vets base images only keeps that promise if every image
comes from the registries it controls; an image from anywhere else bypasses
scanning and signing.

## Example
```dockerfile
FROM registry.example.com/team/app:1.0
```

with this configuration (`.pydocklint.toml`):

```toml
trusted-registries = ["docker.io"]
```

## Use instead
```dockerfile
FROM docker.io/library/alpine:3.22
```
"""

import fnmatch

from pydocklint.dockerfile.images import ImageReference, is_image, resolve_base_image
from pydocklint.findings import Hit, Severity
from pydocklint.rule import rule
from pydocklint.rules.dockerfile.base_image.untagged import image_span

# Registries images may come from when the configuration does not say; empty means any.
TRUSTED_REGISTRIES: tuple[str, ...] = ()


def registry_of(image: str) -> str:
    """The registry host of an image reference, as Docker decides it."""
    first, slash, _ = ImageReference.parse(image).repository.partition("/")
    if slash and ("." in first or ":" in first or first == "localhost"):
        return first
    return "docker.io"


@rule(code="PDL109", name="untrusted-registry", severity=Severity.ERROR,
      summary="Image comes from a registry not in the trusted list", covers=("DL3026",),
      options=("trusted-registries",))
def check(dockerfile, options=None):
    trusted = tuple((options or {}).get("trusted-registries", TRUSTED_REGISTRIES))
    if not trusted:
        return
    for stage in dockerfile.stages:
        image = resolve_base_image(dockerfile, stage)
        if image and is_image(dockerfile, stage, image) and not _trusted(registry_of(image), trusted):
            yield Hit.at(image_span(stage), f"Base image {image} comes from {registry_of(image)}, which is not a "
                         "trusted registry")
        for instruction in stage.instructions:
            flag = instruction.flag("from") if instruction.name == "COPY" else None
            if flag and _is_image_reference(dockerfile, flag.value) and not _trusted(registry_of(flag.value), trusted):
                yield Hit.at(instruction.flag_span(flag), f"COPY --from={flag.value} comes from "
                             f"{registry_of(flag.value)}, which is not a trusted registry")


def _is_image_reference(dockerfile, value):
    """A COPY --from value that names an image, not a stage (by name or index) or a variable."""
    return bool(value) and "$" not in value and not value.isdigit() and \
        dockerfile.stage_names.get(value.lower()) is None


def _trusted(registry, trusted):
    return any(fnmatch.fnmatchcase(registry, pattern) for pattern in trusted)
