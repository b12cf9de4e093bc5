"""## What it does
Reports a `build.args` entry that the Dockerfile the service builds never
declares with `ARG`. Docker's predefined args (`HTTP_PROXY` and friends,
`BUILDKIT_*`, `SOURCE_DATE_EPOCH`, `TARGETARCH`…) need no declaration.

## Why is this bad?
A build arg that no `ARG` consumes does nothing (BuildKit warns that it was not
consumed): the value the Compose file sets never reaches the build, usually
because of a typo or an `ARG` that was renamed.

## Example
```yaml
services:
  api:
    build:
      context: .
      args:
        APP_VERSION: 2.3.1
    restart: unless-stopped
    mem_limit: 256m
```

## Use instead
```yaml
services:
  api:
    build:
      context: .
      args:
        VERSION: 2.3.1
    restart: unless-stopped
    mem_limit: 256m
```
"""

from pydocklint.compose.model import build_of, dockerfile_model
from pydocklint.compose.nodes import Mapping, Scalar, Sequence, hit
from pydocklint.dockerfile.scope import AUTOMATIC_ARGS
from pydocklint.findings import Severity
from pydocklint.rule import rule

_PROXY_ARGS = {"HTTP_PROXY", "HTTPS_PROXY", "FTP_PROXY", "NO_PROXY", "ALL_PROXY"}
PREDEFINED = AUTOMATIC_ARGS | _PROXY_ARGS | {name.lower() for name in _PROXY_ARGS} | {"SOURCE_DATE_EPOCH"}


@rule(code="PDC403", name="build-arg-undeclared", severity=Severity.WARNING, kind="compose",
      summary="build.args sets an arg the Dockerfile never declares",
      example_context=(("Dockerfile", "FROM alpine:3.22\nARG VERSION\nLABEL org.opencontainers.image.version=$VERSION\n"
                                      "USER nobody\n"),))
def check(project):
    for service in project.services.values():
        build = build_of(project, service)
        if build is None or build.args_node is None:
            continue
        dockerfile = dockerfile_model(project, build)
        if dockerfile is None:
            continue
        declared = {word.split("=", 1)[0] for instruction in dockerfile.instructions if instruction.name == "ARG"
                    for word in instruction.args}
        for name, node in _args(build.args_node):
            if name not in declared and name not in PREDEFINED and not name.startswith("BUILDKIT_"):
                yield hit(node, f"build arg {name} is not declared by any ARG in "
                          f"{build.dockerfile_path or 'the Dockerfile'}, so it has no effect")


def _args(node):
    if isinstance(node, Mapping):
        for name, (key, _) in node.entries.items():
            yield name, key
    elif isinstance(node, Sequence):
        for item in node.items:
            if isinstance(item, Scalar) and item.written:
                yield item.written.split("=", 1)[0], item
