"""## What it does
Reports a Compose file that cannot be read as YAML the way Docker Compose reads it:
a syntax error, a duplicate key, a top level that is not a mapping, an alias bomb
(aliases that expand to more than 200,000 values) or nesting deeper than 200
levels. Files are read with YAML 1.2 rules, as Compose's Go YAML library does, so
`22:22` is a string and `yes` is not a boolean. Several `---` documents in one
file are legal: Compose merges them in order like override files.

## Why is this bad?
`docker compose` refuses the whole file, so nothing in it runs. A duplicate key
is especially easy to miss: other YAML tools silently keep the last value.

## Example
```yaml
services:
  web:
    image: nginx:1.27-alpine
    image: nginx:1.26-alpine
```

## Use instead
```yaml
services:
  web:
    image: nginx:1.27-alpine
    restart: unless-stopped
    mem_limit: 256m
```
"""

from pydocklint.findings import FileHit, Severity
from pydocklint.rule import rule


@rule(code="PDC001", name="compose-yaml-invalid", severity=Severity.ERROR, kind="compose",
      summary="Compose file is not valid YAML, or YAML Compose refuses")
def check(project):
    for problem in project.problems_of("yaml"):
        yield FileHit(problem.message, problem.span, problem.path)
