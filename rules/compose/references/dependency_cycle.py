"""## What it does
Reports services that depend on each other in a circle, through `depends_on`,
`links`, `volumes_from` and `service:` namespaces (a service depending on
itself is the shortest circle), and `extends` or `include` chains that come back
to where they started. Each cycle is reported once, at the reference that
closes it.

## Why is this bad?
Compose cannot decide which service to start first and refuses the project.

## Example
```yaml
services:
  web:
    image: nginx:1.27-alpine
    restart: unless-stopped
    mem_limit: 256m
    depends_on: [api]
  api:
    image: ghcr.io/example/api:2.3.1
    restart: unless-stopped
    mem_limit: 256m
    depends_on: [web]
```

## Use instead
```yaml
services:
  web:
    image: nginx:1.27-alpine
    restart: unless-stopped
    mem_limit: 256m
    depends_on: [api]
  api:
    image: ghcr.io/example/api:2.3.1
    restart: unless-stopped
    mem_limit: 256m
```
"""

from pydocklint.compose.model import dependencies, implicit_dependencies
from pydocklint.compose.nodes import hit
from pydocklint.findings import FileHit, Severity
from pydocklint.rule import rule


@rule(code="PDC203", name="dependency-cycle", severity=Severity.ERROR, kind="compose",
      summary="Services, extends or include depend on each other in a circle")
def check(project):
    for kind in ("cycle", "include"):
        for problem in project.problems_of(kind):
            yield FileHit(problem.message, problem.span, problem.path)
    edges = {name: [(d.name, d.node) for d in dependencies(service)] + implicit_dependencies(service)
             for name, service in project.services.items()}
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    for start in sorted(edges):
        if state.get(start):
            continue
        # Iterative depth-first search: a reference to a service still on the path closes a cycle.
        path, stack = [start], [iter(edges[start])]
        state[start] = 1
        while stack:
            step = next(stack[-1], None)
            if step is None:
                state[path.pop()] = 2
                stack.pop()
                continue
            target, node = step
            if target not in edges:
                continue
            if state.get(target) == 1:
                circle = path[path.index(target):] + [target]
                yield hit(node, f"Dependency cycle: {' → '.join(circle)}")
            elif not state.get(target):
                state[target] = 1
                path.append(target)
                stack.append(iter(edges[target]))
