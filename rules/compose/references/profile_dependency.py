"""## What it does
Reports a `depends_on` on a service that is enabled only by profiles the
dependent service does not share: a service that always runs (no `profiles`)
depending on a profiled one, or a service enabled by a profile under which its
dependency is disabled. `required: false` dependencies are not reported.

## Why is this bad?
With the default run (`docker compose up`, no `--profile`) or with the profile
that enables only the dependent service, Compose refuses: the dependency is
disabled by its profiles.

## Example
```yaml
services:
  web:
    image: nginx:1.27-alpine
    restart: unless-stopped
    mem_limit: 256m
    depends_on: [cache]
  cache:
    image: redis:7.4-alpine
    restart: unless-stopped
    mem_limit: 256m
    profiles: [full]
```

## Use instead
```yaml
services:
  web:
    image: nginx:1.27-alpine
    restart: unless-stopped
    mem_limit: 256m
    depends_on:
      cache:
        condition: service_started
        required: false
  cache:
    image: redis:7.4-alpine
    command: ["redis-server", "--save", ""]
    restart: unless-stopped
    mem_limit: 256m
    profiles: [full]
```
"""

from pydocklint.compose.model import dependencies, profiles
from pydocklint.compose.nodes import hit
from pydocklint.findings import Severity
from pydocklint.rule import rule


@rule(code="PDC204", name="depends-on-disabled-profile", severity=Severity.ERROR, kind="compose",
      summary="depends_on a service that its profiles leave disabled")
def check(project):
    for service in project.services.values():
        own = profiles(service)
        for dependency in dependencies(service):
            target = project.services.get(dependency.name)
            if target is None or not dependency.required:
                continue
            needed = profiles(target)
            if not needed:
                continue
            if not own:
                yield hit(dependency.node, f"{service.name} always runs but {target.name} runs only with profile "
                          f"{', '.join(sorted(needed))}: add the profile to {service.name} or set required: false")
            elif own - needed:
                missing = ", ".join(sorted(own - needed))
                yield hit(dependency.node, f"with profile {missing}, {service.name} runs but {target.name} is "
                          f"disabled (it needs {', '.join(sorted(needed))})")
