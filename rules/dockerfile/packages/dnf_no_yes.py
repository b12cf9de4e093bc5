"""## What it does
Reports a `dnf/microdnf install` without `-y` (or `--assumeyes`).

## Why is this bad?
dnf asks for confirmation before installing. A build has no one to answer,
so the install aborts and the build fails.

## Example
```dockerfile
FROM fedora:41
RUN dnf install httpd-2.4.62 \
 && dnf clean all
```

## Use instead
```dockerfile
FROM fedora:41
RUN dnf install -y httpd-2.4.62 \
 && dnf clean all
```
"""

from pydocklint.dockerfile.packages import command_span, run_package_commands
from pydocklint.findings import Hit, Severity
from pydocklint.rule import rule


@rule(code="PDL338", name="dnf-install-not-assume-yes", severity=Severity.WARNING,
      summary="dnf/microdnf install without -y", covers=("DL3038",))
def check(dockerfile):
    for _, _, script, found in run_package_commands(dockerfile, 'dnf', 'microdnf',):
        if found.action == "install" and not found.has("-y", "--assumeyes", "--assume-yes"):
            yield Hit.at(command_span(script, found), f"{found.manager} install without -y will stop at its "
                         "confirmation prompt: add -y")
