"""## What it does
Reports a parser directive (`# syntax=`, `# escape=`, `# check=`) that Docker
ignores because a suppression comment (`# pydocklint: ...` or `# hadolint ...`)
comes before it.

## Why is this bad?
BuildKit reads parser directives only at the very top of the file: the first
line that is not a directive, comments included, ends them. A suppression
comment written above `# syntax=` therefore silently turns the directive into a
plain comment: the build uses the default frontend, a `# escape=` backtick is
no longer the escape character, and `# check=` settings are lost. Put
suppressions after the directives.

## Example
```dockerfile
# hadolint global ignore=DL3008
# syntax=docker/dockerfile:1
FROM alpine:3.22
USER 65534
```

## Use instead
```dockerfile
# syntax=docker/dockerfile:1
# hadolint global ignore=DL3008
FROM alpine:3.22
USER 65534
```
"""

import re

from pydocklint.findings import Hit, Severity
from pydocklint.rule import rule
from pydocklint.suppressions import parse_pragma

_DIRECTIVE_LIKE = re.compile(r"#[ \t]*(syntax|escape|check)[ \t]*=", re.IGNORECASE)


@rule(code="PDL010", name="suppression-before-directive", severity=Severity.WARNING,
      summary="Suppression comment before a parser directive disables the directive")
def check(dockerfile):
    lines = dockerfile.lines
    if dockerfile.parsed.directives:
        # The directive block ends at the line after the last directive recognised.
        first = max(directive.line for directive in dockerfile.parsed.directives) + 1
    else:
        first = 1
    if first > len(lines):
        return
    pragma = parse_pragma(lines[first - 1], first)
    if pragma is None:
        return  # the block ended on something else: not ours to report
    for number in range(first + 1, len(lines) + 1):
        text = lines[number - 1]
        stripped = text.lstrip(" \t")
        if not stripped.startswith("#"):
            return  # the leading comment block is over
        match = _DIRECTIVE_LIKE.match(stripped)
        if match:
            column = len(text) - len(stripped) + 1
            name = match.group(1).lower()
            yield Hit.at((number, column, number, len(text.rstrip()) + 1),
                         f"Parser directive `{name}` is ignored because the suppression comment on line "
                         f"{pragma.line} comes before it: move the suppression below the directives")
