"""## What it does
Reports `chmod` giving write permission to everyone: `chmod 777`,
`chmod -R 666`, `chmod o+w`, `chmod a+rwx` and the like. Modes with the
sticky bit (`chmod 1777 /tmp`), the standard way to share a scratch directory,
are not reported.

## Why is this bad?
A world-writable file or directory can be changed by any process in the
container, whatever its user: a compromised or unprivileged process can
replace binaries, configuration or data that others trust. Give the files to
the user that needs them (`chown`, `COPY --chown`) with a mode like 755 or 644.

## Example
```dockerfile
FROM debian:12.8
RUN mkdir /app && chmod -R 777 /app
```

## Use instead
```dockerfile
FROM debian:12.8
RUN mkdir /app && chown -R 10001:10001 /app && chmod -R 755 /app
USER 10001
```
"""

import re

from pydocklint.dockerfile.shell import run_scripts
from pydocklint.findings import Hit, Severity
from pydocklint.rule import rule

_SYMBOLIC_CLAUSE = re.compile(r"^([ugoa]*)([-+=])([rwxXst]*)$")


@rule(code="PDL652", name="chmod-world-writable", severity=Severity.WARNING,
      summary="chmod makes files writable by everyone (chmod 777)")
def check(dockerfile):
    for _, _, script in run_scripts(dockerfile):
        for command in script.named("chmod"):
            mode = next((word for word in command.args if not word.value.startswith("-") or
                         _SYMBOLIC_CLAUSE.match(word.value.split(",")[0])), None)
            if mode is not None and _world_writable(mode.value):
                targets = " ".join(word.value for word in command.args[command.args.index(mode) + 1:])
                yield Hit.at(script.span(mode), f"chmod {mode.value} makes {targets or 'the files'} writable by "
                             "every user: chown them to the user that needs them and use 755/644")


def _world_writable(mode: str) -> bool:
    if mode.isdigit():
        digits = mode.zfill(4)
        sticky = int(digits[-4]) & 1
        return bool(int(digits[-1]) & 2) and not sticky
    writable = False
    for clause in mode.split(","):
        match = _SYMBOLIC_CLAUSE.match(clause)
        if match is None:
            return False
        who, operator, permissions = match.groups()
        if "t" in permissions:
            return False
        if operator in "+=" and "w" in permissions and (not who or "a" in who or "o" in who):
            writable = writable or bool(who)  # a bare +w obeys the umask: others do not get write
    return writable
