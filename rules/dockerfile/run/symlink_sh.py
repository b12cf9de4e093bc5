"""## What it does
Reports a RUN that replaces `/bin/sh` with a link (`ln -sf /bin/bash /bin/sh`).

## Why is this bad?
Relinking `/bin/sh` changes the shell of every script in the image, including
the distribution's own maintainer scripts, which are written for the original
`sh`. To run RUN instructions with bash, say so with the `SHELL` instruction.

## Example
```dockerfile
FROM debian:12.8
RUN ln -sf /bin/bash /bin/sh
```

## Use instead
```dockerfile
FROM debian:12.8
SHELL ["/bin/bash", "-c"]
```
"""

from pydocklint.dockerfile.shell import run_scripts
from pydocklint.findings import Hit, Severity
from pydocklint.rule import rule


@rule(code="PDL304", name="relinked-bin-sh", severity=Severity.WARNING,
      summary="RUN relinks /bin/sh instead of using SHELL", covers=("DL4005",))
def check(dockerfile):
    for _, _, script in run_scripts(dockerfile):
        for command in script.named("ln"):
            operands = [word for word in command.args if not word.value.startswith("-")]
            if len(operands) >= 2 and operands[-1].value in ("/bin/sh", "/usr/bin/sh"):
                yield Hit.at(script.span(operands[-1]), f"Relinking {operands[-1].value} changes the shell of "
                             "every script in the image: use the SHELL instruction instead")
