"""## What it does
Reports a `FROM` image whose tag is a moving alias rather than a version:
`stable`, `edge`, `lts`, `current`, `rolling`, `mainline`, `nightly`,
`testing`, `unstable`, `sid`, `canary`, `beta`, `alpha`, `master`, `main`,
`trunk` or `next`, alone or combined with variant words (`node:lts-alpine`,
`debian:stable-slim`, `nginx:mainline-alpine`), and the whole tags `devel`,
`dev`, `insider` and `preview`. A tag with any part that starts with a digit
names a version and is not reported (`jenkins/jenkins:2.452.2-lts-jdk17`,
`rust:nightly-2024-05-01`), nor is `devel` inside a versioned tag
(`nvidia/cuda:12.4.1-devel-ubuntu22.04`). Distribution code names
(`debian:bookworm`, `ubuntu:noble`) follow one release and are not reported.
`latest` is `base-image-latest-tag`'s. An image pinned by digest is not
reported. Variables resolve through global ARG defaults, as for
`base-image-untagged`.

## Why is this bad?
These tags are re-pointed to new releases: `node:lts` moved from Node 20 to
Node 22 overnight. The same Dockerfile then builds a different image, with new
major versions and breaking changes, without any change to the file. A version
tag makes upgrades deliberate; adding the digest (`image:tag@sha256:...`)
makes the build fully reproducible.

## Example
```dockerfile
FROM node:lts-alpine
```

## Use instead
```dockerfile
FROM node:22-alpine3.22
```
"""

from pydocklint.dockerfile.images import base_images, floating_tag_word
from pydocklint.findings import Hit, Severity
from pydocklint.rule import rule
from pydocklint.rules.dockerfile.base_image.untagged import image_span


@rule(code="PDL103", name="base-image-floating-tag", severity=Severity.WARNING,
      summary="Base image uses a floating tag such as `stable` or `lts`")
def check(dockerfile):
    for stage, image, reference in base_images(dockerfile):
        if reference.tag is None or reference.digest is not None or reference.tag == "latest":
            continue
        word = floating_tag_word(reference.tag)
        if word:
            shown = image if image == stage.image else f"{stage.image} (= {image})"
            yield Hit.at(image_span(stage), f"Base image {shown} uses the floating tag `{reference.tag}`, which "
                         "moves to new releases: pin a version (and a digest for a reproducible build)")
