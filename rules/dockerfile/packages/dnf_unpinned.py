"""## What it does
Reports each package of a `dnf/microdnf install` with no version
(`httpd` instead of `httpd-2.4.62`). A version is written
`name-version` or `name-version-release`, starting with a digit
(`mysql-server-8.0.36-1.el9`); digits inside a name
(`java-1.8.0-openjdk-devel`) are not a version. Local or remote `.rpm` files,
groups and modules (`@name`) and packages named by a variable the Dockerfile
gives no value are not reported; a package list or version kept in an ARG or
ENV is judged by its value.

Differences from hadolint: hadolint also reports a package whose version is a
build-time variable (`nginx-${NGINX_VERSION}`); the variable pins it, so
pydocklint does not.

## Why is this bad?
Without a version, the package is whatever the repository serves on the day
of the build: two builds of the same Dockerfile can differ and break without
any change to it.

## Example
```dockerfile
FROM fedora:41
RUN dnf install -y httpd \
 && dnf clean all
```

## Use instead
```dockerfile
FROM fedora:41
RUN dnf install -y httpd-2.4.62 \
 && dnf clean all
```
"""

from pydocklint.dockerfile.packages import unpinned_packages
from pydocklint.findings import Severity
from pydocklint.rule import rule
from pydocklint.rules.dockerfile.packages import one_finding_per_command


@rule(code="PDL340", name="dnf-package-unpinned", severity=Severity.WARNING,
      summary="dnf/microdnf install package without a pinned version", covers=("DL3041",))
def check(dockerfile):
    return one_finding_per_command(unpinned_packages(dockerfile, ("dnf", "microdnf")), "Package",
                                   lambda name: f"install {name}-<version>")
