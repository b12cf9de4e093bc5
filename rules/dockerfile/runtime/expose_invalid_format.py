"""## What it does
Reports an `EXPOSE` entry that names a host address or a host port
(`127.0.0.1:80:80`, `8080:80`), as BuildKit's ExposeInvalidFormat does, after
substituting variables with their known values.

## Why is this bad?
`EXPOSE` only documents the container's ports; which host address and port
they are published on is decided by `docker run -p` or Compose. Docker ignores
the host part (BuildKit warns this will become an error), so the file
promises a mapping that never happens.

## Example
```dockerfile
FROM nginx:1.27
EXPOSE 8080:80
HEALTHCHECK CMD curl -fsS http://localhost/ || exit 1
```

## Use instead
```dockerfile
FROM nginx:1.27
EXPOSE 80
HEALTHCHECK CMD curl -fsS http://localhost/ || exit 1
```
"""

from pydocklint.dockerfile.stages_runtime import exposed_ports
from pydocklint.findings import Hit, Severity
from pydocklint.rule import rule


@rule(code="PDL412", name="expose-invalid-format", severity=Severity.WARNING,
      summary="EXPOSE entry names a host address or host port", covers=("ExposeInvalidFormat",))
def check(dockerfile):
    for exposed in exposed_ports(dockerfile):
        if ":" in exposed.value:
            parts = exposed.value.split(":")
            container_port = parts[-1]
            advice = f"expose {container_port} and publish it with docker run -p or Compose"
            if len(parts) == 2 and all(part.isdigit() for part in parts) and int(parts[0]) < int(parts[1]):
                advice += f" (for a range of ports write {parts[0]}-{parts[1]})"
            yield Hit.at(exposed.span, f"EXPOSE {exposed.value} names a host address or port, which Docker ignores: "
                         f"{advice}")
