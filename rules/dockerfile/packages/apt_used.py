"""## What it does
Reports the `apt` command in a RUN (`apt install`, `apt update`, ...).

## Why is this bad?
`apt` is the interactive front end: its command-line interface is not stable
and it warns "apt does not have a stable CLI interface. Use with caution in
scripts." `apt-get` and `apt-cache` are the tools meant for scripts.

## Example
```dockerfile
FROM debian:12.8
RUN apt update \
 && apt install -y --no-install-recommends curl=7.88.1-10+deb12u8 \
 && rm -rf /var/lib/apt/lists/*
```

## Use instead
```dockerfile
FROM debian:12.8
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8 \
 && rm -rf /var/lib/apt/lists/*
```
"""

from pydocklint.dockerfile.shell import run_scripts
from pydocklint.findings import Hit, Severity
from pydocklint.rule import rule


@rule(code="PDL324", name="apt-in-script", severity=Severity.WARNING,
      summary="RUN uses apt instead of apt-get or apt-cache", covers=("DL3027",))
def check(dockerfile):
    for _, _, script in run_scripts(dockerfile):
        for command in script.named("apt"):
            yield Hit.at(script.span(command.words[0]), "apt is meant for interactive use: "
                         "use apt-get (or apt-cache) in scripts")
