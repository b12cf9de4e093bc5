"""## What it does
Reports a `zypper` command that changes packages (`install`/`in`,
`remove`/`rm`, `update`/`up`, `patch`, `dist-upgrade`/`dup`,
`source-install`/`si`) without a non-interactive option: neither the global
`-n`/`--non-interactive` before the command nor `-y`/`--no-confirm` after it.

## Why is this bad?
zypper asks for confirmation before changing packages. A build has no one to
answer, so the command aborts and the build fails.

## Example
```dockerfile
FROM opensuse/leap:15.6
RUN zypper install nginx=1.21.5 \
 && zypper clean --all
```

## Use instead
```dockerfile
FROM opensuse/leap:15.6
RUN zypper --non-interactive install nginx=1.21.5 \
 && zypper clean --all
```
"""

from pydocklint.dockerfile.packages import command_span, run_package_commands
from pydocklint.findings import Hit, Severity
from pydocklint.rule import rule

_CHANGES = ("install", "remove", "upgrade", "dist-upgrade", "source")


@rule(code="PDL341", name="zypper-not-non-interactive", severity=Severity.WARNING,
      summary="zypper command without a non-interactive option", covers=("DL3034",))
def check(dockerfile):
    for _, _, script, found in run_package_commands(dockerfile, "zypper"):
        if found.action in _CHANGES and not found.has("-n", "--non-interactive", "-y", "--no-confirm"):
            yield Hit.at(command_span(script, found), f"zypper {found.action_word.value} will stop at its "
                         "confirmation prompt: add --non-interactive (-n) before the command")
