"""## What it does
Reports a comment directly above `FROM ... AS <name>` or `ARG` whose last line
does not start with the stage name or one of the ARG's names, as BuildKit's
experimental `InvalidDefinitionDescription` check does. `docker buildx build
--call=outline` and `--call=targets` show such comments as the description of
a build argument or target, but only in the form `# <name> <description>`.
A comment separated from the instruction by an empty `#` line is not its
description, and neither is one above a `FROM` without a stage name.

This check is experimental in BuildKit (off unless enabled), and so it is off
by default here too: enable it with `--extend-select PDL206` (or
`extend-select` in the configuration) if you use `--call=outline`.

## Why is this bad?
With another first word, the description is lost from the outline and targets
listings, which is what the comment was for when it sits on the definition.

## Example
```dockerfile
# The Alpine release to build on
ARG ALPINE_VERSION=3.22
FROM alpine:${ALPINE_VERSION}
```

## Use instead
```dockerfile
# ALPINE_VERSION is the Alpine release to build on
ARG ALPINE_VERSION=3.22
FROM alpine:${ALPINE_VERSION}
```
"""

from pydocklint.dockerfile.scope import defined_names
from pydocklint.findings import Hit, Severity
from pydocklint.rule import rule


@rule(code="PDL206", name="invalid-definition-description", severity=Severity.STYLE,
      summary="Comment above a stage or ARG does not start with its name",
      covers=("InvalidDefinitionDescription",), default_enabled=False)
def check(dockerfile):
    for instruction in dockerfile.instructions:
        comments = instruction.node.prev_comment
        if not comments:
            continue
        if instruction.name == "ARG":
            names = defined_names(instruction)
        elif instruction.name == "FROM" and len(instruction.args) == 3 and instruction.args[1].upper() == "AS":
            names = [instruction.args[2]]
        else:
            continue
        if not names or comments[-1].split(" ")[0] in names:
            continue
        example = names[0] if len(names) == 1 else "<arg_key>"
        yield Hit.at(_comment_span(dockerfile, instruction), f"Comment for {instruction.name} should follow the "
                     f"format: `# {example} <description>`")


def _comment_span(dockerfile, instruction):
    """The last comment line above the instruction (the instruction's keyword if it cannot be found)."""
    for line in range(instruction.line - 1, 0, -1):
        text = dockerfile.lines[line - 1]
        if text.lstrip().startswith("#"):
            start = len(text) - len(text.lstrip()) + 1
            return line, start, line, len(text) + 1
    return instruction.keyword_span
