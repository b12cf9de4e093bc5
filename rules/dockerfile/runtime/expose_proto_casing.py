"""## What it does
Reports an `EXPOSE` protocol that is not written in lower case (`80/TCP`), as
BuildKit's ExposeProtoCasing does, after substituting variables with their
known values.

## Why is this bad?
Docker lower-cases the protocol and warns on every build; other tools that
read the image configuration (or the Dockerfile) may compare protocols
case-sensitively.

## Example
```dockerfile
FROM nginx:1.27
EXPOSE 80/TCP
HEALTHCHECK CMD curl -fsS http://localhost/ || exit 1
```

## Use instead
```dockerfile
FROM nginx:1.27
EXPOSE 80/tcp
HEALTHCHECK CMD curl -fsS http://localhost/ || exit 1
```
"""

from pydocklint.dockerfile.stages_runtime import exposed_ports
from pydocklint.findings import Hit, Severity
from pydocklint.rule import rule


@rule(code="PDL411", name="expose-proto-casing", severity=Severity.WARNING,
      summary="EXPOSE protocol is not lower-case", covers=("ExposeProtoCasing",))
def check(dockerfile):
    for exposed in exposed_ports(dockerfile):
        port, protocol = exposed.port_and_protocol
        if protocol and protocol != protocol.lower():
            yield Hit.at(exposed.span, f"Protocol in EXPOSE {exposed.value} should be lower-case: "
                         f"write {port}/{protocol.lower()}")
