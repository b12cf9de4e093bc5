"""## What it does
Reports a service with no `restart` policy (and no `deploy.restart_policy`).
One-shot jobs (services another service waits for with
`condition: service_completed_successfully`) and overlay files linted without
their base are not reported.

## Why is this bad?
The default is `restart: "no"`: after a crash or a reboot of the Docker host the
service stays down until someone notices. Long-running services usually want
`unless-stopped` or `on-failure`. This is advice, so the severity is info.

## Example
```yaml
services:
  web:
    image: nginx:1.27-alpine
    mem_limit: 256m
```

## Use instead
```yaml
services:
  web:
    image: nginx:1.27-alpine
    restart: unless-stopped
    mem_limit: 256m
```
"""

from pydocklint.compose.model import one_shot_services
from pydocklint.compose.nodes import hit
from pydocklint.findings import Severity
from pydocklint.rule import rule


@rule(code="PDC606", name="restart-policy-missing", severity=Severity.INFO, kind="compose",
      summary="Long-running service has no restart policy")
def check(project):
    if project.fragment:
        return
    jobs = one_shot_services(project)
    for service in project.services.values():
        deploy = service.node.mapping("deploy")
        if "restart" in service.node or (deploy is not None and "restart_policy" in deploy) or service.name in jobs:
            continue
        yield hit(service.key, f"{service.name} has no restart policy, so it stays down after a crash or reboot: "
                  "add restart: unless-stopped (or on-failure)")
