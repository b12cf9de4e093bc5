"""## What it does
Reports an `ENV` that uses a variable it defines itself, in a later pair of the
same instruction: `ENV A=1 B=$A`. A pair that extends its own variable
(`ENV PATH=/opt/bin:$PATH`) is fine and not reported, and so is a use of a pair
that copies a variable's own value (`ENV V=$V W=$V`, common to turn ARGs into
ENVs): the value before and after is the same.

## Why is this bad?
Docker expands every value of an `ENV` with the environment as it was before
the instruction, so in `ENV A=1 B=$A`, `B` gets the old value of `A` (empty if
there was none), not `1`. Split the instruction in two.

## Example
```dockerfile
FROM alpine:3.22
ENV APP_HOME=/app APP_DATA=$APP_HOME/data
```

## Use instead
```dockerfile
FROM alpine:3.22
ENV APP_HOME=/app
ENV APP_DATA=$APP_HOME/data
```
"""

from pydocklint.dockerfile.scope import definition_offsets, variable_uses
from pydocklint.findings import Hit, Severity
from pydocklint.rule import rule


@rule(code="PDL701", name="env-uses-own-definition", severity=Severity.WARNING,
      summary="ENV uses a variable defined earlier in the same instruction", covers=("DL3044",))
def check(dockerfile):
    for instruction in dockerfile.instructions:
        if instruction.name != "ENV" or instruction.stage is None:
            continue
        pairs = definition_offsets(instruction)
        values = dict(zip(instruction.args[0::3], instruction.args[1::3]))
        uses = variable_uses(instruction, dockerfile.escape, shell=False)
        for use in uses:
            pair = next((i for i in reversed(range(len(pairs))) if pairs[i][1] <= use.offset), None)
            defined_before = {name for name, _ in pairs[:pair]} if pair is not None else set()
            if use.name in defined_before and use.name != pairs[pair][0] and \
                    values.get(use.name) not in (f"${use.name}", f"${{{use.name}}}"):
                yield Hit.at(instruction.span_at(use.offset, use.length),
                             f"${use.name} is defined in this same ENV, which does not see its own values: "
                             f"it expands to the value {use.name} had before; set {use.name} in an earlier ENV")
