"""## What it does
Reports instruction keywords whose case differs from the rest of the file. The
file's case is the majority of its keywords that are all upper-case or all
lower-case (a tie goes to upper-case); every keyword in the other case, or in
mixed case like `Run`, is reported. As in BuildKit, ARGs before the first
`FROM` are not counted, and for `ONBUILD` only the `ONBUILD` word counts. The
fix rewrites the keyword in the file's case.

## Why is this bad?
Docker accepts any case, but a file that mixes `RUN` and `run` is harder to
read and suggests copy-pasted fragments.

## Example
```dockerfile
FROM alpine:3.22
run apk add --no-cache curl~8
COPY . /app
```

## Use instead
```dockerfile
FROM alpine:3.22
RUN apk add --no-cache curl~8
COPY . /app
```
"""

from pydocklint.dockerfile.instructions import INSTRUCTIONS
from pydocklint.findings import Edit, Fix, Hit, Severity
from pydocklint.rule import rule


@rule(code="PDL202", name="inconsistent-instruction-casing", severity=Severity.STYLE,
      summary="Instruction keyword case differs from the rest of the file",
      covers=("ConsistentInstructionCasing",), fix="safe")
def check(dockerfile):
    counted = [i for i in dockerfile.instructions if i.stage is not None and i.name in INSTRUCTIONS]
    upper = sum(1 for i in counted if i.keyword.isupper())
    lower = sum(1 for i in counted if i.keyword.islower())
    majority_is_upper = upper >= lower
    for instruction in counted:
        keyword = instruction.keyword
        if (keyword.isupper() if majority_is_upper else keyword.islower()):
            continue
        wanted = keyword.upper() if majority_is_upper else keyword.lower()
        case = "upper-case" if majority_is_upper else "lower-case"
        yield Hit.at(instruction.keyword_span, f"Instruction '{keyword}' should be {case} like the rest of the file "
                     f"({wanted})", Fix(f"Write {wanted}", (Edit.replacing(instruction.keyword_span, wanted),),
                                        safe=True))
