"""## What it does
Reports a RUN that refreshes the package index (`apt-get update`, `apt update`,
`apk update`, `yum makecache`, `dnf makecache`, `zypper refresh`) but installs
nothing in the same RUN. A RUN that may install through something the linter
cannot see (`xargs`, a local script, `make`, `dpkg`) is not reported.

## Why is this bad?
The build cache keeps that RUN's layer as long as its text does not change, so
a later `RUN apt-get install ...` can run months later against the cached,
stale index: it fails on packages that moved, or installs outdated ones. The
index also ships in its own layer, where no later clean-up can remove it.
Update and install in the same RUN.

## Example
```dockerfile
FROM debian:12.8
RUN apt-get update
RUN apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8 \
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

from pydocklint.dockerfile.packages import command_span, package_commands_of
from pydocklint.dockerfile.shell import run_scripts
from pydocklint.findings import Hit, Severity
from pydocklint.rule import rule

_INSTALLS = ("install", "upgrade", "dist-upgrade", "build-dep", "download", "source")


@rule(code="PDL325", name="package-index-update-alone", severity=Severity.WARNING,
      summary="Package index updated in a RUN that installs nothing")
def check(dockerfile):
    for _, _, script in run_scripts(dockerfile):
        found = package_commands_of(dockerfile, script)
        updates = [item for item in found if item.action == "update" and item.manager in
                   ("apt-get", "apt", "apk", "yum", "dnf", "microdnf", "zypper")]
        if updates and not any(item.action in _INSTALLS for item in found) and not _may_install(script):
            update = updates[0]
            yield Hit.at(command_span(script, update), f"{update.manager} {update.action_word.value} in a RUN "
                         "that installs nothing leaves a stale cached index for later RUNs: "
                         "update and install in the same RUN")


def _may_install(script) -> bool:
    """Commands that can install without showing it: xargs, local scripts, make, shells running a file."""
    for command in script.commands:
        name = command.name
        first = command.words[0].value if command.words else ""
        if name in ("xargs", "make", "dpkg", "eval", ".", "source") or name.endswith(".sh") or \
                first.startswith(("/", "./", "$")) and name not in ("apt-get", "apt", "apk", "yum", "dnf", "zypper"):
            return True
        if name in ("sh", "bash") and any(not word.value.startswith("-") for word in command.args[:1]):
            return True
    return False
