"""## What it does
Reports a reference to a service the project does not define: a `depends_on`
target (unless `required: false`), `links`, `volumes_from`, `network_mode`,
`ipc` or `pid` of the form `service:<name>`, and an `extends` naming a service
or file that does not exist (or an `include` of a missing file). Services from
`include`d files, `extends` bases and the override file count as defined. An
overlay file linted without its base file is not checked.

## Why is this bad?
Compose refuses the project ("depends on undefined service"). Usually a typo or
a service that was renamed in one place only.

## Example
```yaml
services:
  web:
    image: nginx:1.27-alpine
    restart: unless-stopped
    mem_limit: 256m
    depends_on:
      - api
  backend:
    image: ghcr.io/example/api:2.3.1
    restart: unless-stopped
    mem_limit: 256m
```

## Use instead
```yaml
services:
  web:
    image: nginx:1.27-alpine
    restart: unless-stopped
    mem_limit: 256m
    depends_on:
      - backend
  backend:
    image: ghcr.io/example/api:2.3.1
    restart: unless-stopped
    mem_limit: 256m
```
"""

from pydocklint.compose.model import dependencies, implicit_dependencies
from pydocklint.compose.nodes import hit
from pydocklint.findings import FileHit, Severity
from pydocklint.rule import rule


@rule(code="PDC201", name="undefined-service", severity=Severity.ERROR, kind="compose",
      summary="Reference to a service (or extends/include file) that is not defined")
def check(project):
    for problem in project.problems_of("reference"):
        yield FileHit(problem.message, problem.span, problem.path)
    if project.fragment:
        return
    for service in project.services.values():
        references = [(d.name, d.node, "depends on") for d in dependencies(service) if d.required]
        references += [(name, node, "refers to") for name, node in implicit_dependencies(service)]
        for name, node, verb in references:
            if name not in project.services:
                yield hit(node, f"{service.name} {verb} service {name}, which is not defined{_hint(project, name)}")


def _hint(project, name: str) -> str:
    from difflib import get_close_matches

    close = get_close_matches(name, list(project.services), n=1)
    return f" (did you mean {close[0]}?)" if close else ""
