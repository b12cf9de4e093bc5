"""## What it does
Reports a `yum install` without `-y` (or `--assumeyes`).

## Why is this bad?
yum asks for confirmation before installing. A build has no one to answer,
so the install aborts and the build fails.

## Example
```dockerfile
FROM almalinux:8.10
RUN yum install httpd-2.4.6 \
 && yum clean all
```

## Use instead
```dockerfile
FROM almalinux:8.10
RUN yum install -y httpd-2.4.6 \
 && yum clean all
```
"""

from pydocklint.dockerfile.packages import command_span, run_package_commands
from pydocklint.findings import Hit, Severity
from pydocklint.rule import rule


@rule(code="PDL335", name="yum-install-not-assume-yes", severity=Severity.WARNING,
      summary="yum install without -y", covers=("DL3030",))
def check(dockerfile):
    for _, _, script, found in run_package_commands(dockerfile, 'yum',):
        if found.action == "install" and not found.has("-y", "--assumeyes", "--assume-yes"):
            yield Hit.at(command_span(script, found), f"{found.manager} install without -y will stop at its "
                         "confirmation prompt: add -y")
