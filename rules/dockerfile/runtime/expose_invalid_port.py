"""## What it does
Reports an `EXPOSE` entry that is not a port Docker can expose: a port number
above 65535, a range whose end is below its start or out of bounds
(`8000-70000`), something that is not a number at all (`EXPOSE http`), or a
protocol other than `tcp`, `udp` or `sctp`. Variables are substituted with
the `ARG`/`ENV` values known at that point; entries that use a variable with
no known value are not checked. Entries with a host address or port
(`8080:80`) are `expose-invalid-format` (PDL412).

## Why is this bad?
Docker refuses the image configuration: the build fails with "invalid
containerPort" or "invalid proto". A typo here is only found when the image
is built.

## Example
```dockerfile
FROM nginx:1.27
EXPOSE 80800
HEALTHCHECK CMD curl -fsS http://localhost/ || exit 1
```

## Use instead
```dockerfile
FROM nginx:1.27
EXPOSE 8080
HEALTHCHECK CMD curl -fsS http://localhost/ || exit 1
```
"""

import re

from pydocklint.dockerfile.stages_runtime import exposed_ports
from pydocklint.findings import Hit, Severity
from pydocklint.rule import rule

PROTOCOLS = ("tcp", "udp", "sctp")
_PORT_OR_RANGE = re.compile(r"(\d+)(?:-(\d+))?")


@rule(code="PDL410", name="expose-invalid-port", severity=Severity.ERROR,
      summary="EXPOSE entry is not a valid port, port range or protocol", covers=("DL3011",))
def check(dockerfile):
    for exposed in exposed_ports(dockerfile):
        if ":" in exposed.value:
            continue  # host address or port mapping: expose-invalid-format
        problem = _problem(*exposed.port_and_protocol)
        if problem:
            shown = exposed.written if exposed.written == exposed.value else f"{exposed.written} (= {exposed.value})"
            yield Hit.at(exposed.span, f"EXPOSE {shown}: {problem}")


def _problem(port, protocol):
    if protocol is not None and protocol.lower() not in PROTOCOLS:
        return f"unknown protocol {protocol!r} (use tcp, udp or sctp)"
    match = _PORT_OR_RANGE.fullmatch(port)
    if match is None:
        return "not a port number (write a number from 0 to 65535, or a range such as 8000-8010)"
    start, end = int(match.group(1)), int(match.group(2) or match.group(1))
    if max(start, end) > 65535:
        return "ports range from 0 to 65535"
    if end < start:
        return "the range ends before it starts"
    return None
