"""## What it does
Reports a healthcheck `test` in a form Compose rejects: an empty list, or a list
whose first item is not `NONE`, `CMD` or `CMD-SHELL`. (A string is fine: it means
`CMD-SHELL <string>`.) Also reports a `CMD` test whose single argument is a shell
command line (`||`, `&&`, a pipe or `$`), which runs as one program name.

## Why is this bad?
Compose refuses an unknown first item. A `CMD` test is executed without a shell:
`["CMD", "curl -f http://localhost || exit 1"]` looks for a program literally
named `curl -f http://localhost || exit 1`, so the check always fails and the
service never becomes healthy.

## Example
```yaml
services:
  web:
    image: nginx:1.27-alpine
    restart: unless-stopped
    mem_limit: 256m
    healthcheck:
      test: ["curl", "-f", "http://localhost"]
```

## Use instead
```yaml
services:
  web:
    image: nginx:1.27-alpine
    restart: unless-stopped
    mem_limit: 256m
    healthcheck:
      test: ["CMD", "curl", "-f", "http://localhost"]
```
"""

import re

from pydocklint.compose.model import healthcheck
from pydocklint.compose.nodes import Scalar, Sequence, hit
from pydocklint.findings import Severity
from pydocklint.rule import rule

_SHELL_SYNTAX = re.compile(r"\|\||&&|[|;$]")


@rule(code="PDC104", name="healthcheck-test-invalid", severity=Severity.ERROR, kind="compose",
      summary="Healthcheck test in a form Compose rejects or that cannot work")
def check(project):
    for service in project.services.values():
        check_node = healthcheck(service)
        test = check_node.get("test") if check_node is not None else None
        if not isinstance(test, Sequence):
            continue
        if not test.items:
            yield hit(test, "healthcheck test is an empty list: start it with CMD, CMD-SHELL or NONE")
            continue
        first = test.items[0]
        if not isinstance(first, Scalar) or first.text is None:
            continue
        if first.text not in ("NONE", "CMD", "CMD-SHELL"):
            yield hit(first, f"healthcheck test starts with {first.text!r}: the first item must be CMD, CMD-SHELL "
                      f"or NONE, e.g. [\"CMD\", \"{first.text}\", …]")
        elif first.text == "CMD" and len(test.items) == 2:
            command = test.items[1]
            if isinstance(command, Scalar) and command.text and " " in command.text \
                    and _SHELL_SYNTAX.search(command.text):
                yield hit(command, "this CMD test is a shell command line run as one program name: "
                          "use [\"CMD-SHELL\", …] for shell syntax")
