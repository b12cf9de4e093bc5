"""## What it does
Reports an `environment` variable whose name says it holds a secret (a
`PASSWORD`, `PASSWD`, `TOKEN` or `SECRET` part, or ending in `KEY`) set to a
literal value in the Compose file. Values taken from variables (`${DB_PASSWORD}`),
`*_FILE` variables (which hold a path), empty values, booleans, numbers and paths
are not reported.

## Why is this bad?
The Compose file ends up in version control, CI logs and `docker inspect`
output, and so does the secret. Read it from the project `.env` or the shell
(`${DB_PASSWORD:?}`), or use Compose `secrets:` with a `*_FILE` variable.

## Example
```yaml
services:
  db:
    image: postgres:16.4
    restart: unless-stopped
    mem_limit: 512m
    environment:
      POSTGRES_PASSWORD: hunter2
```

## Use instead
```yaml
services:
  db:
    image: postgres:16.4
    restart: unless-stopped
    mem_limit: 512m
    environment:
      POSTGRES_PASSWORD_FILE: /run/secrets/db_password
    secrets:
      - db_password
    volumes:
      - db-data:/var/lib/postgresql/data
volumes:
  db-data:
secrets:
  db_password:
    file: ./db_password.txt
```
"""

import re

from pydocklint.compose.model import environment
from pydocklint.compose.nodes import hit
from pydocklint.findings import Severity
from pydocklint.rule import rule

_SECRET_PARTS = frozenset({"PASSWORD", "PASSWD", "TOKEN", "SECRET", "APIKEY"})
_NOT_A_SECRET = re.compile(r"^(?:true|false|yes|no|on|off|none|null|\d+(?:\.\d+)?|[./~].*)$", re.IGNORECASE)
# A relative file path (certs/server.key) or a key file name: where the secret is, not the secret.
_PATH = re.compile(r"^[\w.-]+/[\w./-]+$|\.(?:key|pem|crt|cert|p12|pfx|jks)$", re.IGNORECASE)


def is_secret_name(name: str) -> bool:
    parts = [part for part in re.split(r"[_\W]+", name.upper()) if part]
    if not parts or parts[-1] == "FILE":
        return False
    return any(part in _SECRET_PARTS for part in parts) or parts[-1] == "KEY"


@rule(code="PDC506", name="secret-in-environment", severity=Severity.WARNING, kind="compose", tags=("security",),
      summary="Secret-looking environment variable holds a literal value")
def check(project):
    for service in project.services.values():
        for variable in environment(service):
            written = variable.written
            if not written or "$" in written or not is_secret_name(variable.name):
                continue
            if _NOT_A_SECRET.match(written.strip()) or _PATH.search(written.strip()):
                continue
            yield hit(variable.value_node or variable.name_node,
                      f"{variable.name} of {service.name} is a literal secret in the Compose file: read it from "
                      f"a variable (${{{variable.name}:?}}) or use secrets: with {variable.name}_FILE")
