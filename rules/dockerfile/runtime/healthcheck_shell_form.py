"""## What it does
Reports `HEALTHCHECK CMD` in shell form when the command uses no shell syntax
at all (`HEALTHCHECK CMD curl -f http://localhost/`), so the exec form says
the same without a shell. Commands that need a shell (`|| exit 1`, pipes,
`$VAR`, quoting, redirection) are left alone: for them the shell form is the
right one. The message gives the exec form to write.

Differences from hadolint: DL3025 reports every shell-form `HEALTHCHECK CMD`,
including `curl -f http://localhost/ || exit 1`, the form Docker's own
documentation shows; rewriting that in exec form needs `sh -c` anyway.

## Why is this bad?
In shell form Docker runs the check as `/bin/sh -c "…"` every interval: an
extra process each time, and a check that fails in images without
`/bin/sh` (distroless, scratch) even though the program it calls is there.

## Example
```dockerfile
FROM nginx:1.27
HEALTHCHECK CMD curl -fsS http://localhost/
```

## Use instead
```dockerfile
FROM nginx:1.27
HEALTHCHECK CMD ["curl", "-fsS", "http://localhost/"]
```
"""

from pydocklint.dockerfile.stages_runtime import arguments_span, exec_form_suggestion
from pydocklint.findings import Hit, Severity
from pydocklint.rule import rule


@rule(code="PDL407", name="healthcheck-shell-form", severity=Severity.INFO,
      summary="HEALTHCHECK CMD in shell form with a command that needs no shell", covers=("DL3025",))
def check(dockerfile):
    for stage in dockerfile.stages:
        for instruction in stage.instructions:
            if instruction.name != "HEALTHCHECK" or instruction.node.json:
                continue
            args = instruction.args
            if len(args) < 2 or args[0].upper() != "CMD":
                continue
            suggestion = exec_form_suggestion(" ".join(args[1:]))
            if suggestion:
                yield Hit.at(arguments_span(instruction), f"HEALTHCHECK CMD in shell form starts /bin/sh for a command "
                             f"that needs none: write HEALTHCHECK CMD {suggestion}")
