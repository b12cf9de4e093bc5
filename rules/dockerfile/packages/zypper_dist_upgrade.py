"""## What it does
Reports `zypper dist-upgrade` (or `zypper dup`) in a RUN.

## Why is this bad?
A distribution upgrade moves every package to whatever the repositories offer
on the day of the build, possibly to a new release, and can change vendors:
the image stops matching its base tag and two builds differ. Use a newer base
image, or update the packages you need with `zypper update`/`patch`.

## Example
```dockerfile
FROM opensuse/leap:15.6
RUN zypper --non-interactive dist-upgrade \
 && zypper clean --all
```

## Use instead
```dockerfile
FROM opensuse/leap:15.6
RUN zypper --non-interactive patch \
 && zypper clean --all
```
"""

from pydocklint.dockerfile.packages import command_span, run_package_commands
from pydocklint.findings import Hit, Severity
from pydocklint.rule import rule


@rule(code="PDL342", name="zypper-dist-upgrade", severity=Severity.WARNING,
      summary="zypper dist-upgrade used", covers=("DL3035",))
def check(dockerfile):
    for _, _, script, found in run_package_commands(dockerfile, "zypper"):
        if found.action == "dist-upgrade":
            yield Hit.at(command_span(script, found), f"zypper {found.action_word.value} upgrades the whole "
                         "distribution on the day of the build: use a newer base image instead")
