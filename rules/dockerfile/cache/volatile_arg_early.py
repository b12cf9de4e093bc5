"""## What it does
Reports an `ARG` or `ENV` that carries a per-build value (`BUILD_DATE`,
`BUILD_NUMBER`, `BUILD_ID`, `GIT_COMMIT`, `COMMIT_SHA`, `SOURCE_COMMIT`,
`VCS_REF`, `REVISION`, `GITHUB_SHA`, `CI_COMMIT_SHA` and the like) declared
before a `RUN` of the same stage. `CACHEBUST`-style names, whose purpose is to
invalidate the cache, are not reported.

## Why is this bad?
Build arguments and environment variables in scope are part of every later
`RUN`'s cache key. A value that changes on each build therefore rebuilds every
`RUN` after it, every time, including package installs that did not change.
Declare such values as late as possible, usually just before the `LABEL` that
records them.

## Example
```dockerfile
FROM debian:12-slim
ARG BUILD_DATE
RUN mkdir -p /srv/app
LABEL org.opencontainers.image.created=$BUILD_DATE
```

## Use instead
```dockerfile
FROM debian:12-slim
RUN mkdir -p /srv/app
ARG BUILD_DATE
LABEL org.opencontainers.image.created=$BUILD_DATE
```
"""

import re

from pydocklint.findings import Hit, Severity
from pydocklint.rule import rule

_VOLATILE = re.compile(r"^(?:BUILD_?(?:DATE|TIME|TIMESTAMP|ID|NUMBER|NUM|REF|SHA)|(?:GIT_?)?COMMIT(?:_?(?:SHA|HASH|ID))?|"
                       r"GIT_?(?:SHA|HASH|REF|REVISION)|SOURCE_COMMIT|VCS_REF|REVISION|GITHUB_SHA|CI_COMMIT_SHA)$",
                       re.IGNORECASE)


@rule(code="PDL731", name="volatile-arg-early", severity=Severity.INFO,
      summary="A per-build ARG or ENV comes before RUN steps and rebuilds them every time")
def check(dockerfile):
    for stage in dockerfile.stages:
        instructions = stage.instructions
        for index, instruction in enumerate(instructions):
            if instruction.name not in ("ARG", "ENV"):
                continue
            names = _declared(instruction)
            volatile = [name for name in names if _VOLATILE.match(name)]
            later_run = next((i for i in instructions[index + 1:] if i.name == "RUN"), None)
            if volatile and later_run is not None:
                yield Hit.at(instruction.span, f"{instruction.name} {volatile[0]} changes on every build, so the RUN "
                             f"on line {later_run.line} and every RUN after it rebuild each time: declare it just "
                             "before the instruction that needs it")


def _declared(instruction) -> list[str]:
    if instruction.name == "ARG":
        return [word.partition("=")[0] for word in instruction.args]
    return list(instruction.args[0::3])
