"""## What it does
Reports a `${...}` that Compose's interpolation refuses ("Invalid template"):
anything but a variable name optionally followed by `:-`, `-`, `:?`, `?`, `:+` or
`+`, such as the shell's `${VAR/old/new}`, `${#VAR}` or `${VAR:0:2}`, and a `${`
with no closing brace. A literal `$` is written `$$`.

## Why is this bad?
Compose stops with an error before doing anything. Shell-only forms are often
meant for the container's shell: write them with `$$` so Compose leaves them alone.

## Example
```yaml
services:
  web:
    image: nginx:1.27-alpine
    restart: unless-stopped
    mem_limit: 256m
    command: sh -c "echo ${HOSTNAME/-/_}"
```

## Use instead
```yaml
services:
  web:
    image: nginx:1.27-alpine
    restart: unless-stopped
    mem_limit: 256m
    command: sh -c "echo $${HOSTNAME/-/_}"
```
"""

from pydocklint.findings import FileHit, Severity
from pydocklint.rule import rule


@rule(code="PDC003", name="compose-interpolation-invalid", severity=Severity.ERROR, kind="compose",
      summary="Variable reference Compose cannot interpolate")
def check(project):
    for problem in project.problems_of("interpolation"):
        yield FileHit(problem.message, problem.span, problem.path)
