"""## What it does
Reports `apt-key add` and `apt-key adv` (with or without options such as
`--keyring` before them), including `curl ... | apt-key add -`.

## Why is this bad?
`apt-key` is deprecated since Debian 11 and Ubuntu 22.04 (it prints a warning)
and is gone from Debian 13 (trixie), where the build fails with `apt-key: not
found`. It also trusts the key for every repository on the system, not just the
one it belongs to. Store the key in a file under `/etc/apt/keyrings/` and name
it with `signed-by=` in that repository's source entry.

## Example
```dockerfile
FROM debian:12.8
RUN apt-get update \\
 && apt-get install -y --no-install-recommends ca-certificates=20230311 curl=7.88.1-10+deb12u8 gnupg=2.2.40-1.1 \\
 && curl -fsSLo /tmp/docker.asc https://download.docker.com/linux/debian/gpg \\
 && apt-key add /tmp/docker.asc \\
 && echo "deb https://download.docker.com/linux/debian bookworm stable" > /etc/apt/sources.list.d/docker.list \\
 && rm -rf /var/lib/apt/lists/*
```

## Use instead
```dockerfile
FROM debian:12.8
RUN apt-get update \\
 && apt-get install -y --no-install-recommends ca-certificates=20230311 curl=7.88.1-10+deb12u8 \\
 && install -d -m 0755 /etc/apt/keyrings \\
 && curl -fsSLo /etc/apt/keyrings/docker.asc https://download.docker.com/linux/debian/gpg \\
 && echo "deb [signed-by=/etc/apt/keyrings/docker.asc] https://download.docker.com/linux/debian bookworm stable" \\
    > /etc/apt/sources.list.d/docker.list \\
 && rm -rf /var/lib/apt/lists/*
```
"""

from pydocklint.dockerfile.shell import run_scripts
from pydocklint.findings import Hit, Severity
from pydocklint.rule import rule

_DEPRECATED_ACTIONS = frozenset({"add", "adv"})
_OPTIONS_WITH_VALUE = frozenset({"--keyring"})


@rule(code="PDL326", name="apt-key-deprecated", severity=Severity.WARNING,
      summary="apt-key is deprecated and removed from current Debian")
def check(dockerfile):
    for _, _, script in run_scripts(dockerfile):
        for command in script.named("apt-key"):
            action = _action(command.args)
            if action is not None:
                yield Hit.at(script.span_of(command.words[0], action),
                             f"apt-key {action.value} is deprecated and gone from Debian 13: save the key under "
                             "/etc/apt/keyrings/ and name it with signed-by= in the repository's source entry")


def _action(args):
    """The ``add``/``adv`` word of an apt-key command line, after its global options."""
    skip_value = False
    for word in args:
        if skip_value:
            skip_value = False
            continue
        value = word.value
        if value in _OPTIONS_WITH_VALUE:
            skip_value = True
        elif not value.startswith("-"):
            return word if value in _DEPRECATED_ACTIONS else None
    return None
