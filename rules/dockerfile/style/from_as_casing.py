"""## What it does
Reports `FROM image AS name` where the `AS` keyword's case differs from the
`FROM` keyword's (`FROM alpine as build`, `from alpine AS build`), as BuildKit's
`FromAsCasing` check does. A mixed-case `From` is left to
`inconsistent-instruction-casing`. The fix rewrites `AS` in `FROM`'s case.

## Why is this bad?
Docker accepts any case, but keywords in one line that disagree read as a typo
and make the file's style inconsistent.

## Example
```dockerfile
FROM alpine:3.22 as build
RUN echo built > /built
```

## Use instead
```dockerfile
FROM alpine:3.22 AS build
RUN echo built > /built
```
"""

from pydocklint.findings import Edit, Fix, Hit, Severity
from pydocklint.rule import rule


@rule(code="PDL204", name="from-as-casing", severity=Severity.STYLE,
      summary="The AS keyword's case differs from FROM's", covers=("FromAsCasing",), fix="safe")
def check(dockerfile):
    for stage in dockerfile.stages:
        instruction = stage.from_instruction
        words = from_words(instruction)
        keyword = instruction.keyword
        if words is None or not (keyword.isupper() or keyword.islower()):
            continue
        offset, written = words[1]
        wanted = written.upper() if keyword.isupper() else written.lower()
        if written != wanted:
            span = instruction.written_span(offset, len(written))
            fix = Fix(f"Write {wanted}", (Edit.replacing(span, wanted),), safe=True) if span else None
            yield Hit.at(instruction.span_at(offset, len(written)),
                         f"'{written}' and '{keyword}' keywords' casing do not match: write {keyword} ... {wanted}",
                         fix)


def from_words(instruction):
    """The (offset, word) of image, AS and name of a ``FROM image AS name``; None for other forms."""
    words = instruction.argument_words()
    if len(instruction.args) != 3 or len(words) != 3 or words[1][1].upper() != "AS":
        return None
    return words
