"""## What it does
Reports commands that make no sense in an image build: interactive programs
and tools that manage a running system (`ssh`, `vim`, `nano`, `top`, `ps`,
`free`, `kill`, `mount`, `service`, `shutdown`, `systemctl start`/`stop`/
`restart`/`reboot`, `reboot`). `systemctl enable` and `disable`, which only
write files, are not reported.

## Why is this bad?
A build has no terminal and no running services: an editor waits forever,
`service x start` starts a process that dies with the build step, and `kill`,
`mount` or `shutdown` act on the build container, not on the image. They are
leftovers from an interactive session or a misunderstanding of how images are
built.

## Example
```dockerfile
FROM debian:12.8
COPY app.conf /etc/app.conf
RUN vim /etc/app.conf
```

## Use instead
```dockerfile
FROM debian:12.8
COPY app.conf /etc/app.conf
```
"""

from pydocklint.dockerfile.shell import run_scripts
from pydocklint.findings import Hit, Severity
from pydocklint.rule import rule

_POINTLESS = frozenset({"ssh", "vim", "vi", "nano", "emacs", "top", "htop", "ps", "free", "kill", "killall",
                        "pkill", "mount", "umount", "service", "shutdown", "reboot", "halt", "poweroff"})
_SYSTEMCTL_RUNTIME = frozenset({"start", "stop", "restart", "reload", "reboot", "poweroff", "status"})


@rule(code="PDL301", name="interactive-command-in-run", severity=Severity.INFO,
      summary="RUN invokes an interactive or system-management command", covers=("DL3001",))
def check(dockerfile):
    for _, _, script in run_scripts(dockerfile):
        for command in script.commands:
            name = command.name
            pointless = name in _POINTLESS or (
                name == "systemctl" and any(word.value in _SYSTEMCTL_RUNTIME for word in command.args))
            if pointless:
                yield Hit.at(script.span(command.words[0]), f"{name} has no terminal or running system "
                             "to act on during a build: remove it from the RUN")
