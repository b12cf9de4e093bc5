"""## What it does
Reports a `build.target` that names no stage (`FROM … AS <name>`, compared
case-insensitively) of the Dockerfile the service builds.

## Why is this bad?
The build fails with "target stage … could not be found". Usually a stage was
renamed in the Dockerfile and not in the Compose file.

## Example
```yaml
services:
  api:
    build:
      context: .
      target: production
    restart: unless-stopped
    mem_limit: 256m
```

## Use instead
```yaml
services:
  api:
    build:
      context: .
      target: prod
    restart: unless-stopped
    mem_limit: 256m
```
"""

from pydocklint.compose.model import build_of, dockerfile_model
from pydocklint.compose.nodes import hit
from pydocklint.findings import Severity
from pydocklint.rule import rule


@rule(code="PDC402", name="build-target-missing", severity=Severity.ERROR, kind="compose",
      summary="build.target names no stage of the Dockerfile",
      example_context=(("Dockerfile", "FROM alpine:3.22 AS build\nRUN echo built > /out\n\n"
                                      "FROM alpine:3.22 AS prod\nCOPY --from=build /out /out\nUSER nobody\n"),))
def check(project):
    for service in project.services.values():
        build = build_of(project, service)
        if build is None or build.target_node is None or build.target_node.text is None:
            continue
        dockerfile = dockerfile_model(project, build)
        if dockerfile is None or not dockerfile.stages:
            continue
        target = build.target_node.text
        if target.lower() not in dockerfile.stage_names:
            names = ", ".join(stage.name for stage in dockerfile.stages if stage.name) or "none"
            yield hit(build.target_node, f"{build.dockerfile_path or 'the Dockerfile'} has no stage named {target} "
                      f"(its stages: {names})")
