"""## What it does
Reports `depends_on: {x: {condition: service_completed_successfully}}` when `x`
has `restart: always` or `restart: unless-stopped` (or a `deploy.restart_policy`
with condition `any`).

## Why is this bad?
`service_completed_successfully` waits for `x` to exit with status 0. A service
that Docker restarts whenever it exits never stays completed: the dependent
service waits for ever, or starts while `x` is already running again.

## Example
```yaml
services:
  app:
    image: ghcr.io/example/app:5.0.1
    restart: unless-stopped
    mem_limit: 256m
    depends_on:
      migrate:
        condition: service_completed_successfully
  migrate:
    image: ghcr.io/example/app:5.0.1
    command: ["migrate"]
    restart: always
    mem_limit: 256m
```

## Use instead
```yaml
services:
  app:
    image: ghcr.io/example/app:5.0.1
    restart: unless-stopped
    mem_limit: 256m
    depends_on:
      migrate:
        condition: service_completed_successfully
  migrate:
    image: ghcr.io/example/app:5.0.1
    command: ["migrate"]
    restart: on-failure
    mem_limit: 256m
```
"""

from pydocklint.compose.model import dependency_targets
from pydocklint.compose.nodes import hit
from pydocklint.findings import Severity
from pydocklint.rule import rule


def restarts_always(service) -> bool:
    restart = service.node.text("restart")
    if restart in ("always", "unless-stopped"):
        return True
    deploy = service.node.mapping("deploy")
    policy = deploy.mapping("restart_policy") if deploy is not None else None
    return policy is not None and policy.text("condition") == "any"


@rule(code="PDC105", name="depends-on-completed-restarting", severity=Severity.WARNING, kind="compose",
      summary="depends_on waits for a service to complete that Docker always restarts")
def check(project):
    for service, dependency, target in dependency_targets(project):
        if dependency.condition == "service_completed_successfully" and restarts_always(target):
            yield hit(dependency.condition_node or dependency.node,
                      f"{service.name} waits for {target.name} to complete, but {target.name} is restarted "
                      "whenever it exits: give it restart: on-failure (or \"no\")")
