"""## What it does
Reports each package of an `apt-get install` (or `apt install`) that has no
pinned version (`curl` instead of `curl=7.88.1-10+deb12u5`). The install is
found wherever it is in the RUN's chain, also inside `sh -c '...'` and heredoc
scripts. Local `.deb` files, paths, `pkg/release` selections and packages
named by a variable the Dockerfile gives no value are not reported; a package
list kept in an ARG or ENV (`$PACKAGES`) is judged by its value. A list the
script itself computes (`PKG=$(...)`, or built from itself in `if` branches) is
not judged either: its value is only known when the build runs.

## Why is this bad?
Without a version, the package is whatever the mirror serves on the day of the
build: two builds of the same Dockerfile can differ, and an update can break
the image without any change to the Dockerfile.

## Example
```dockerfile
FROM debian:12.8
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
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

from pydocklint.dockerfile.packages import run_package_commands
from pydocklint.findings import Severity
from pydocklint.rule import rule
from pydocklint.rules.dockerfile.packages import one_finding_per_command


@rule(code="PDL320", name="apt-package-unpinned", severity=Severity.WARNING,
      summary="apt-get install package without a pinned version", covers=("DL3008",))
def check(dockerfile):
    unpinned = ((script, found, package) for _, _, script, found in run_package_commands(dockerfile, "apt-get", "apt")
                if found.action == "install" for package in found.packages if not package.pinned)
    return one_finding_per_command(unpinned, "Package", lambda name: f"install {name}=<version>")
