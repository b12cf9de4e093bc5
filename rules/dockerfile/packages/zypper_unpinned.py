"""## What it does
Reports each package of a `zypper install` (or `zypper in`) with no version
(`nginx` instead of `nginx=1.21.5` or `nginx>=1.21`). Local or remote `.rpm`
files and packages named by a variable the Dockerfile gives no value are not
reported; a list kept in an ARG or ENV is judged by its value.

## Why is this bad?
Without a version, the package is whatever the repository serves on the day
of the build: two builds of the same Dockerfile can differ and break without
any change to it.

## Example
```dockerfile
FROM opensuse/leap:15.6
RUN zypper --non-interactive install nginx \
 && zypper clean --all
```

## Use instead
```dockerfile
FROM opensuse/leap:15.6
RUN zypper --non-interactive install nginx=1.21.5 \
 && zypper clean --all
```
"""

from pydocklint.dockerfile.packages import unpinned_packages
from pydocklint.findings import Severity
from pydocklint.rule import rule
from pydocklint.rules.dockerfile.packages import one_finding_per_command


@rule(code="PDL344", name="zypper-package-unpinned", severity=Severity.WARNING,
      summary="zypper install package without a pinned version", covers=("DL3037",))
def check(dockerfile):
    return one_finding_per_command(unpinned_packages(dockerfile, ("zypper",)), "Package",
                                   lambda name: f"install {name}=<version>")
