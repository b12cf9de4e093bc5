"""## What it does
Applies a team's base-image tag policy from the configuration: a `FROM` image
whose tag is in `forbidden-tags`, or not in `allowed-tags` when that list is
set, is reported. Entries are glob patterns (`*-alpine`, `3.12*`); an image
pinned only by a digest has no tag and is not checked. Without either option
the rule never fires. Images written with variables are resolved through the
defaults of the ARGs before the first `FROM`, as in `base-image-untagged`.

## Why is this bad?
Organisations standardise on some variants (slim images, a supported release
line) and ban others (release candidates, unsupported distributions).
Checking the policy in the linter catches a drift before review does.

## Example
```dockerfile
FROM python:3.14-rc-slim
```

with this configuration (`.pydocklint.toml`):

```toml
forbidden-tags = ["*-rc*", "*beta*"]
```

## Use instead
```dockerfile
FROM python:3.12-slim
```
"""

import fnmatch

from pydocklint.dockerfile.images import base_images
from pydocklint.findings import Hit, Severity
from pydocklint.rule import rule
from pydocklint.rules.dockerfile.base_image.untagged import image_span


@rule(code="PDL110", name="base-image-tag-policy", severity=Severity.WARNING,
      summary="Base image tag is forbidden or not allowed by the configured tag policy",
      options=("allowed-tags", "forbidden-tags"))
def check(dockerfile, options=None):
    options = options or {}
    allowed = tuple(options.get("allowed-tags", ()))
    forbidden = tuple(options.get("forbidden-tags", ()))
    if not allowed and not forbidden:
        return
    for stage, image, reference in base_images(dockerfile):
        tag = reference.tag
        if tag is None:
            continue
        if any(fnmatch.fnmatchcase(tag, pattern) for pattern in forbidden):
            yield Hit.at(image_span(stage), f"Base image {image} uses the forbidden tag {tag} "
                         "(forbidden-tags in the configuration)")
        elif allowed and not any(fnmatch.fnmatchcase(tag, pattern) for pattern in allowed):
            yield Hit.at(image_span(stage), f"Base image {image} uses the tag {tag}, which allowed-tags in the "
                         "configuration does not list")
