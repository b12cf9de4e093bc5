"""## What it does
Reports a variable in a `FROM` line (the image or `--platform`) that is not
declared by an ARG before the first `FROM`, as BuildKit's `UndefinedArgInFrom`
check does. The automatic platform args (`TARGETPLATFORM`, `TARGETARCH`,
`BUILDPLATFORM`...) need no declaration. A reference with a fallback
(`${TAG:-3.20}`) is reported too: without `ARG TAG` before the first `FROM`,
`--build-arg TAG=...` cannot change it.

## Why is this bad?
`FROM` lines only see ARGs declared before the first `FROM`. An ARG declared
inside a stage, or a misspelt name, expands to an empty string: `FROM
alpine:$VERSION` becomes `FROM alpine:`, which Docker refuses, and a misspelt
platform arg silently builds for the default platform.

## Example
```dockerfile
FROM alpine:${ALPINE_VERSION}
```

## Use instead
```dockerfile
ARG ALPINE_VERSION=3.22
FROM alpine:${ALPINE_VERSION}
```
"""

from pydocklint.dockerfile.scope import AUTOMATIC_ARGS, global_arg_defaults, suggest_name
from pydocklint.dockerfile.variables import references
from pydocklint.findings import Hit, Severity
from pydocklint.rule import rule


@rule(code="PDL104", name="undefined-arg-in-from", severity=Severity.WARNING,
      summary="FROM uses a variable that no ARG before the first FROM declares", covers=("UndefinedArgInFrom",))
def check(dockerfile):
    declared = global_arg_defaults(dockerfile)
    known = tuple(declared) + tuple(sorted(AUTOMATIC_ARGS))
    for stage in dockerfile.stages:
        instruction = stage.from_instruction
        for offset, text in from_words_with_variables(instruction):
            for reference in references(text, escape=dockerfile.escape):
                name = reference.name
                if name in declared or name in AUTOMATIC_ARGS or not (name[:1].isalpha() or name[:1] == "_"):
                    continue
                suggestion = suggest_name(name, known)
                hint = f"did you mean {suggestion}?" if suggestion else f"declare ARG {name} before the first FROM"
                yield Hit.at(instruction.span_at(offset + reference.start, reference.end - reference.start),
                             f"FROM argument '{name}' is not declared: {hint}")


def from_words_with_variables(instruction):
    """(offset, text) of the FROM parts BuildKit expands: ``--platform`` values and the image word."""
    parts = [(flag.offset, instruction.node.original[flag.offset:flag.offset + flag.length])
             for flag in instruction.flags if flag.name == "platform"]
    words = instruction.argument_words()
    if words:
        parts.append(words[0])
    return [(offset, text) for offset, text in parts if "$" in text]
