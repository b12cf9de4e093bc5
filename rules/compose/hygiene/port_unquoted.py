"""## What it does
Reports an unquoted port mapping such as `- 2222:22` whose parts after the first
are below 60, as written: `${HOST_PORT}:22` is a string to every YAML reader,
whatever it expands to, so it is not reported. The fix quotes the mapping where
it is written in the file being linted.

## Why is this bad?
Compose reads it correctly (YAML 1.2), but YAML 1.1 tools, including PyYAML and
many editors, CI linters and scripts that process Compose files, read
`2222:22` as the base-60 number 133342. Quoting makes every reader agree.

## Example
```yaml
services:
  git:
    image: ghcr.io/example/git:2.1.0
    restart: unless-stopped
    mem_limit: 256m
    ports:
      - 2222:22
```

## Use instead
```yaml
services:
  git:
    image: ghcr.io/example/git:2.1.0
    restart: unless-stopped
    mem_limit: 256m
    ports:
      - "127.0.0.1:2222:22"
```
"""

import re

from pydocklint.compose.nodes import Scalar, hit
from pydocklint.findings import Edit, Fix, Severity
from pydocklint.rule import rule

# YAML 1.1's sexagesimal integer: the form a YAML 1.1 reader turns into a number.
_SEXAGESIMAL = re.compile(r"^[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+$")


@rule(code="PDC605", name="port-unquoted", severity=Severity.STYLE, kind="compose",
      summary="Unquoted port mapping that YAML 1.1 readers take for a number", fix="safe")
def check(project):
    for service in project.services.values():
        value = service.node.sequence("ports")
        for item in value.items if value else []:
            # A YAML reader sees the text as written: `${PORT}:22` is a string to it, whatever it expands to.
            if isinstance(item, Scalar) and not item.quoted and item.raw is None and isinstance(item.value, str) \
                    and _SEXAGESIMAL.match(item.value) and item.line == item.end_line:
                fix = None
                if item.path == project.path:
                    fix = Fix("Quote the port mapping", (Edit(*item.span, f'"{item.value}"'),), safe=True)
                yield hit(item, f"Quote port mapping {item.value}: YAML 1.1 readers take it for a base-60 number",
                          fix=fix)
