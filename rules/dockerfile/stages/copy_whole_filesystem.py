"""## What it does
Reports `COPY --from=<stage or image> / /`: copying another filesystem's root
over the root of a stage that is built on an image.

Copying a root into a stage built `FROM scratch` (directly or through earlier
stages) is how images are flattened and is not reported; nor is copying from a stage
built from `scratch` (it holds only the files put there, not a system), or from
an image made to be overlaid this way (`tonistiigi/xx`, whose documentation
installs it with `COPY --from=xx / /`).

Differences from hadolint (DL3067): hadolint reports every `/ /` copy,
including the flattening into `scratch`, which is the purpose of that pattern.

## Why is this bad?
The copy overwrites the base image's `/etc`, `/usr` and `/lib` with files from
a different system: package databases, `passwd` and shared libraries stop
matching each other, and the result depends on both images' exact versions.
Copy only the directories you need.

## Example
```dockerfile
FROM alpine:3.22 AS tools
RUN mkdir -p /opt/tools && echo tool > /opt/tools/tool

FROM debian:12-slim
COPY --from=tools / /
```

## Use instead
```dockerfile
FROM alpine:3.22 AS tools
RUN mkdir -p /opt/tools && echo tool > /opt/tools/tool

FROM debian:12-slim
COPY --from=tools /opt/tools /opt/tools
```
"""

from pydocklint.dockerfile.images import ImageReference, resolve_base_image
from pydocklint.dockerfile.scope import stage_by_reference, stage_scopes
from pydocklint.findings import Hit, Severity
from pydocklint.rule import rule

_ROOTS = ("/", "/.", "/*")
# Images published to be copied whole over another image's root.
OVERLAY_IMAGES = frozenset({"tonistiigi/xx", "docker.io/tonistiigi/xx"})


@rule(code="PDL604", name="copy-whole-filesystem", severity=Severity.INFO,
      summary="COPY --from copies a whole filesystem over an image's root", covers=("DL3067",))
def check(dockerfile):
    for scope in stage_scopes(dockerfile):
        if not scope.open:
            continue  # built from scratch: copying a root in is flattening
        for instruction in scope.stage.instructions:
            flag = instruction.flag("from") if instruction.name == "COPY" else None
            args = instruction.args
            if flag is None or len(args) != 2 or args[0] not in _ROOTS or args[1].rstrip("/.") != "":
                continue
            if _is_overlay_image(dockerfile, flag.value) or _is_scratch_stage(dockerfile, flag.value):
                continue
            yield Hit.at(instruction.span, f"COPY --from={flag.value} {args[0]} {args[1]} copies a whole filesystem "
                         "over this image's: copy only the directories needed")


def _is_overlay_image(dockerfile, reference):
    source = stage_by_reference(dockerfile, reference)
    image = resolve_base_image(dockerfile, source) if source is not None else reference
    return image is not None and ImageReference.parse(image).repository in OVERLAY_IMAGES


def _is_scratch_stage(dockerfile, reference):
    source = stage_by_reference(dockerfile, reference)
    return source is not None and not stage_scopes(dockerfile)[source.index].open
