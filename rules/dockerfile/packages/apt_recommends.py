"""## What it does
Reports an `apt-get install` (or `apt install`) without
`--no-install-recommends` (or `-o APT::Install-Recommends=false`), also when
it names no package: `apt-get install -f` pulls in recommendations too.

## Why is this bad?
By default apt also installs every package the requested ones merely
recommend: documentation, optional tools, whole desktop stacks. They make the
image larger and widen its attack surface for nothing the build asked for.

## Example
```dockerfile
FROM debian:12.8
RUN apt-get update \
 && apt-get install -y curl=7.88.1-10+deb12u8 \
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

from pydocklint.dockerfile.fix_edits import add_option_fix
from pydocklint.dockerfile.packages import run_package_commands
from pydocklint.findings import Hit, Severity
from pydocklint.rule import rule


@rule(code="PDL323", name="apt-install-recommends", severity=Severity.INFO,
      summary="apt-get install without --no-install-recommends", covers=("DL3015",), fix="unsafe")
def check(dockerfile):
    for _, _, script, found in run_package_commands(dockerfile, "apt-get", "apt"):
        if found.action == "install" and not _skips_recommends(found):
            yield Hit.at(script.span_of(found.command.words[0], found.action_word),
                         f"{found.manager} install also installs recommended packages: add --no-install-recommends",
                         add_option_fix(script, found, "--no-install-recommends"))


def _skips_recommends(found) -> bool:
    if found.has("--no-install-recommends"):
        return True
    return any(word.value.lower().replace('"', "") in ("apt::install-recommends=false", "apt::install-recommends=0")
               for word in found.options)
