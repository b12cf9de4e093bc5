"""## What it does
Reports `cd` in a RUN's script, where `WORKDIR` would say the same thing, in
POSIX shells and in the cmd and PowerShell RUNs of Windows images alike. A
`cd` inside a subshell (`(cd src && make)`), a command substitution or an
inner `sh -c` script is scoped on purpose and is not reported; neither is
`cd -` or a `cd` with no directory.

Differences from hadolint: hadolint also reports the `cd` of
`(cd src && make)`, whose effect ends with the subshell by design.

## Why is this bad?
A `cd` lasts only until the end of its RUN, so the next RUN silently runs in
the old directory again. `WORKDIR` states the working directory once, for every
following instruction, and creates it when missing.

## Example
```dockerfile
FROM golang:1.26-bookworm
COPY . /src
RUN cd /src && go build -o /usr/local/bin/app .
```

## Use instead
```dockerfile
FROM golang:1.26-bookworm
WORKDIR /src
COPY . .
RUN go build -o /usr/local/bin/app .
```
"""

from pydocklint.dockerfile.shell import run_scripts
from pydocklint.dockerfile.windows_shell import windows_run_scripts
from pydocklint.findings import Hit, Severity
from pydocklint.rule import rule


@rule(code="PDL300", name="cd-instead-of-workdir", severity=Severity.WARNING,
      summary="RUN uses cd where WORKDIR would do", covers=("DL3003",))
def check(dockerfile):
    for _, _, script in run_scripts(dockerfile) + windows_run_scripts(dockerfile):
        for command in script.named("cd"):
            if command.subshell or command.substitution or command.depth > 0:
                continue
            # cmd's `cd /d C:\app` switches the drive too; `/d` is its only option.
            targets = [word for word in command.args if not word.value.startswith("-") and word.value.lower() != "/d"]
            if not targets:
                continue
            yield Hit.at(script.span(command.words[0]), f"cd {targets[0].value} lasts only for this RUN: "
                         f"use WORKDIR {targets[0].value} instead")
