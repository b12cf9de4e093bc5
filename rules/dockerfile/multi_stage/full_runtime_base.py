"""## What it does
Reports an application image (its final stage, or an earlier stage it is built
`FROM`, has a `CMD` or `ENTRYPOINT`) whose base is the full variant of an
official language image when a minimal variant of the same image exists:
`python`, `node`, `ruby` and `perl` without `slim` or `alpine` in the tag, `php`
without a minimal variant (`alpine`, `fpm`, `cli`, ...), and the JDK variants of
`eclipse-temurin` and `amazoncorretto` (a `jre` image runs Java applications).
Build stages are never reported, and neither are toolchain images (`golang`,
`rust`, `maven`: see `toolchain-in-final-image`), `buildpack-deps` (the base
the official full images are built on) or Debian, whose slim variant saves
less.

## Why is this bad?
The full variants carry compilers, headers and hundreds of packages an
application does not run with: `python:3.12` is about 1 GB where
`python:3.12-slim` is about 130 MB. Every pull, every scan and every
vulnerability report pays for the difference. Build in a stage based on the
full image if you need its tools, and run from the slim one.

## Example
```dockerfile
FROM python:3.12-bookworm
COPY app.py /srv/
USER 1000
CMD ["python", "/srv/app.py"]
```

## Use instead
```dockerfile
FROM python:3.12-slim-bookworm
COPY app.py /srv/
USER 1000
CMD ["python", "/srv/app.py"]
```
"""

from pydocklint.dockerfile.images import ImageReference, resolve_base_image
from pydocklint.dockerfile.stages_runtime import final_runtime
from pydocklint.findings import Hit, Severity
from pydocklint.rule import rule
from pydocklint.rules.dockerfile.base_image.untagged import image_span

_SLIM_VARIANTS = {"python": "-slim", "node": "-slim", "ruby": "-slim", "perl": "-slim", "php": "-alpine"}
_MINIMAL_MARKERS = ("slim", "alpine", "distroless", "minimal", "jre", "fpm", "apache", "zts", "cli")
_JDK_IMAGES = ("eclipse-temurin", "amazoncorretto")


@rule(code="PDL741", name="full-runtime-base", severity=Severity.INFO,
      summary="The final image runs on the full variant of a language image: a slim variant exists")
def check(dockerfile):
    runtime = final_runtime(dockerfile)
    if runtime is None or not (runtime.get("CMD") or runtime.get("ENTRYPOINT")):
        return  # a base or tool image
    root = runtime.root.stage
    image = resolve_base_image(dockerfile, root)
    if not image or image == "scratch":
        return
    reference = ImageReference.parse(image)
    name = reference.repository.removeprefix("docker.io/").removeprefix("library/")
    tag = (reference.tag or "latest").lower()
    advice = _advice(name, tag)
    if advice:
        yield Hit.at(image_span(root), f"The final image runs on {image}, the full variant of {name}: {advice}")


def _advice(name: str, tag: str) -> str | None:
    parts = tag.replace("_", "-").split("-")
    if name in _JDK_IMAGES:
        return "a jre tag runs Java applications without the compiler" if "jdk" in parts else None
    if name in _SLIM_VARIANTS and not any(marker in parts for marker in _MINIMAL_MARKERS):
        return f"a {_SLIM_VARIANTS[name].lstrip('-')} tag has what an application needs, in a fraction of the size"
    return None
