"""## What it does
Validates every Compose file of the project against the Compose specification
schema (compose-go's copy, the one Docker Compose uses) after interpolation, and
reports each error at the key or value that breaks it, in plain words: unknown
keys, values of the wrong type, missing required keys, values outside a fixed
set. Values that depend on variables the project's `.env` does not set are
checked as the text written.

## Why is this bad?
Docker Compose validates the same way and refuses the whole project on the first
error. A misspelt key is never silently ignored; outside `x-` extensions every
key must be one Compose knows.

## Example
```yaml
services:
  web:
    image: nginx:1.27-alpine
    restart: unless-stopped
    mem_limit: 256m
    enviroment:
      LOG_LEVEL: info
```

## Use instead
```yaml
services:
  web:
    image: nginx:1.27-alpine
    restart: unless-stopped
    mem_limit: 256m
    environment:
      LOG_LEVEL: info
```
"""

from pydocklint.findings import FileHit, Severity
from pydocklint.rule import rule


@rule(code="PDC002", name="compose-schema-invalid", severity=Severity.ERROR, kind="compose",
      summary="Compose file breaks the Compose specification schema")
def check(project):
    from pydocklint.compose.schema import schema_errors

    for compose_file in project.files.values():
        if compose_file.root is None:
            continue
        for node, span, message in schema_errors(compose_file.root):
            yield FileHit(message, span, node.path)
