"""## What it does
Reports a `CMD`, `ENTRYPOINT` or `HEALTHCHECK` that a later one of the same
kind in the same stage overrides, as BuildKit's MultipleInstructionsDisallowed
does: every occurrence but the last is reported, since those are the lines
that have no effect. The `CMD` inside `HEALTHCHECK CMD …` is not a `CMD`
instruction, `ONBUILD` triggers are not counted, and each stage is counted on
its own (a stage overriding its base image's `CMD` is normal).

Differences from hadolint: DL4003 (CMD), DL4004 (ENTRYPOINT) and DL3012
(HEALTHCHECK) flag the same stages but point at the later, effective
occurrences; this rule points at the overridden ones, like BuildKit.

## Why is this bad?
Only the last of each takes effect. An earlier one is dead code that readers
take for the real start command, often left over from a merge or a copied
snippet.

## Example
```dockerfile
FROM python:3.12-slim
USER 10001
CMD ["python", "-m", "http.server"]
CMD ["python", "app.py"]
```

## Use instead
```dockerfile
FROM python:3.12-slim
USER 10001
CMD ["python", "app.py"]
```
"""

from pydocklint.findings import Hit, Severity
from pydocklint.rule import rule

ONCE_PER_STAGE = ("CMD", "ENTRYPOINT", "HEALTHCHECK")


@rule(code="PDL404", name="multiple-instructions-disallowed", severity=Severity.WARNING,
      summary="CMD, ENTRYPOINT or HEALTHCHECK overridden by a later one in the same stage",
      covers=("MultipleInstructionsDisallowed", "DL4003", "DL4004", "DL3012"))
def check(dockerfile):
    for stage in dockerfile.stages:
        last = {}
        for instruction in stage.instructions:
            if instruction.name in ONCE_PER_STAGE:
                last[instruction.name] = instruction
        for instruction in stage.instructions:
            winner = last.get(instruction.name)
            if winner is not None and winner is not instruction:
                yield Hit.at(instruction.span, f"This {instruction.name} has no effect: the {winner.name} on line "
                             f"{winner.line} overrides it (only the last one in a stage counts); remove one of them")
