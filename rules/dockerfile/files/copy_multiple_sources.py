"""## What it does
Reports a `COPY` or `ADD` with several sources (heredocs included) whose
destination does not end with `/`. Variables in the destination are
substituted with the `ARG`/`ENV` values known at that point; a destination
with an unknown variable is not reported. A single source with a wildcard
(`COPY *.json /app`) may also match several files, but that depends on the
build context and is not reported.

Differences from hadolint: for `COPY --chown 1:1 a b /x`, hadolint reads the
flag's value as a source; Docker refuses a flag written without `=`, which
invalid-flag (PDL003) reports, so this rule stays quiet.

## Why is this bad?
With several sources the destination must be a directory. The classic
builder (`DOCKER_BUILDKIT=0`, Cloud Build's `docker` step, older CI images)
refuses the build: "When using COPY with more than one source file, the
destination must be a directory and end with a /". BuildKit accepts it, but
for a destination that does not exist yet it has been known to write the
sources over one another (moby/buildkit#1853). `.` is a directory for
BuildKit, yet the classic builder refuses `COPY a b .` too: write `./`.

## Example
```dockerfile
FROM node:22-alpine
WORKDIR /app
COPY package.json package-lock.json .
```

## Use instead
```dockerfile
FROM node:22-alpine
WORKDIR /app
COPY package.json package-lock.json ./
```
"""

from pydocklint.dockerfile.stages_runtime import copy_paths, expand_known, walk_environment
from pydocklint.findings import Hit, Severity
from pydocklint.rule import rule


@rule(code="PDL503", name="copy-multiple-sources-destination", severity=Severity.WARNING,
      summary="COPY or ADD with several sources to a destination not ending in /", covers=("DL3021",))
def check(dockerfile):
    for stage in dockerfile.stages:
        if not any(_has_several_sources(i) for i in stage.instructions):
            continue
        for instruction, env in walk_environment(dockerfile, stage):
            if not _has_several_sources(instruction):
                continue
            sources, destination = copy_paths(instruction)
            if destination is None:
                continue
            path = expand_known(destination.text, env, dockerfile.escape)
            if path is None or path.endswith(("/", "\\")):
                continue
            yield Hit.at(destination.span, f"{instruction.name} of {len(sources)} sources needs a directory "
                         f"destination ending in /: write {path}/")


def _has_several_sources(instruction):
    return instruction.name in ("COPY", "ADD") and len(instruction.args) > 2
