"""## What it does
Reports a healthcheck `interval`, `timeout`, `start_period` or `start_interval`
that is not a duration Compose can parse: a number with a unit (`ns`, `us`, `ms`,
`s`, `m`, `h`), units combinable as in `1m30s`. A bare number other than `0`
has no unit and is refused.

## Why is this bad?
The schema only says "string", so the mistake shows up when Compose converts the
value: `docker compose up` stops with an invalid duration error.

## Example
```yaml
services:
  db:
    image: postgres:16.4
    restart: unless-stopped
    mem_limit: 512m
    healthcheck:
      test: ["CMD", "pg_isready", "-U", "postgres"]
      interval: 10 seconds
```

## Use instead
```yaml
services:
  db:
    image: postgres:16.4
    restart: unless-stopped
    mem_limit: 512m
    healthcheck:
      test: ["CMD", "pg_isready", "-U", "postgres"]
      interval: 10s
    volumes:
      - db-data:/var/lib/postgresql/data
volumes:
  db-data:
```
"""

import re

from pydocklint.compose.model import healthcheck
from pydocklint.compose.nodes import hit
from pydocklint.findings import Severity
from pydocklint.rule import rule

DURATION_KEYS = ("interval", "timeout", "start_period", "start_interval")
_DURATION = re.compile(r"^[-+]?(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+$")


def is_duration(text: str) -> bool:
    """Go's time.ParseDuration grammar (what compose-go uses)."""
    return text == "0" or bool(_DURATION.match(text))


@rule(code="PDC103", name="healthcheck-duration-invalid", severity=Severity.ERROR, kind="compose",
      summary="Healthcheck duration Compose cannot parse")
def check(project):
    for service in project.services.values():
        check_node = healthcheck(service)
        if check_node is None:
            continue
        for key in DURATION_KEYS:
            value = check_node.scalar(key)
            if value is None or value.text is None or isinstance(value.value, bool):
                continue
            if isinstance(value.value, (int, float)) and value.value == 0:
                continue
            if not is_duration(value.text):
                yield hit(value, f"healthcheck {key} {value.text!r} is not a duration: write a number with a unit, "
                          "e.g. 30s or 1m30s")
