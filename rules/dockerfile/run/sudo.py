"""## What it does
Reports `sudo` in a RUN's script, wherever it appears in the chain.

## Why is this bad?
A build runs as root unless a `USER` instruction says otherwise, so `sudo` is
at best useless and at worst a sign that the image ships sudo, with its
unpredictable TTY and signal handling, to an unprivileged user. Switch users
with `USER` instead, or use `gosu`/`su-exec` in an entrypoint when a process
must drop privileges at run time.

Severity: hadolint calls this an error; pydocklint uses warning, since the
build works and the risk is in what it reveals.

## Example
```dockerfile
FROM debian:12.8
RUN sudo apt-get update \
 && sudo apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8 \
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

from pydocklint.dockerfile.shell import run_scripts
from pydocklint.findings import Hit, Severity
from pydocklint.rule import rule


@rule(code="PDL650", name="sudo-in-run", severity=Severity.WARNING,
      summary="RUN uses sudo", covers=("DL3004",))
def check(dockerfile):
    for _, _, script in run_scripts(dockerfile):
        for command in script.commands:
            word = command.has_wrapper("sudo") or (command.words[0] if command.name == "sudo" else None)
            if word is not None:
                yield Hit.at(script.span(word), "sudo in a build is unneeded and unpredictable: "
                             "run the command as root, or switch users with USER")
