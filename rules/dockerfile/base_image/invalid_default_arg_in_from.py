"""## What it does
Reports a `FROM` image written with variables that, expanded with only the
default values of the ARGs declared before the first `FROM` (what a build
without `--build-arg` gets), is empty or not a valid image reference, as
BuildKit's `InvalidDefaultArgInFrom` check does: `ARG TAG` then `FROM
busybox:${TAG}` gives `busybox:`. Images using the automatic platform args
(`$TARGETARCH`...) are not checked, since their values depend on the build.

## Why is this bad?
The file only builds when every caller remembers the right `--build-arg`; a
plain `docker build` fails with "invalid reference format". A default
(`ARG TAG=1.36`) or a fallback (`${TAG:-1.36}`) makes the file build as is.

## Example
```dockerfile
ARG TAG
FROM busybox:${TAG}
```

## Use instead
```dockerfile
ARG TAG=1.36
FROM busybox:${TAG}
```
"""

from pydocklint.dockerfile.images import reference_error
from pydocklint.dockerfile.scope import AUTOMATIC_ARGS, global_arg_defaults
from pydocklint.dockerfile.variables import ExpansionError, expand
from pydocklint.findings import Hit, Severity
from pydocklint.rule import rule
from pydocklint.rules.dockerfile.base_image.untagged import image_span


@rule(code="PDL105", name="invalid-default-arg-in-from", severity=Severity.WARNING,
      summary="FROM image is invalid with the default ARG values", covers=("InvalidDefaultArgInFrom",))
def check(dockerfile):
    defaults = {name: value or "" for name, value in global_arg_defaults(dockerfile).items()}
    for stage in dockerfile.stages:
        if "$" not in stage.image:
            continue
        try:
            expansion = expand(stage.image, defaults, escape=dockerfile.escape)
        except ExpansionError:
            continue  # a substitution Docker refuses: the syntax rules' business
        if expansion.referenced & AUTOMATIC_ARGS or expansion.unmatched:
            continue  # platform-dependent, or undeclared (undefined-arg-in-from reports it)
        image = expansion.value
        if dockerfile.earlier_stage(image, stage.index) is not None:
            continue
        problem = reference_error(image)
        if problem:
            yield Hit.at(image_span(stage), f"Default value for ARG {stage.image} results in empty or invalid base "
                         f"image name '{image}' ({problem}): give the ARG a default")
