"""## What it does
Reports a file that BuildKit's parser rejects outright: an unterminated heredoc,
a JSON array holding something other than strings, a repeated or invalid parser
directive, `ENV`/`LABEL` without a value, a line longer than 64 KiB, or a file
with no instructions.

Covers hadolint's DL1000 (its parse error), as do `unknown-instruction`,
`invalid-flag` and `invalid-arguments`. Differences from hadolint: hadolint's
parser also fails on files BuildKit builds (a comment line right after a
heredoc, an empty line inside a continued RUN, newer flags); those are not
reported.

## Why is this bad?
`docker build` stops before building anything. Nothing else in the file can be
checked until this is fixed, so this is the only finding such a file gets.

## Example
```dockerfile
FROM alpine:3.22
RUN <<EOF
echo "the terminator is missing"
```

## Use instead
```dockerfile
FROM alpine:3.22
RUN <<EOF
echo "the terminator is there"
EOF
```
"""

from pydocklint.findings import Severity
from pydocklint.rule import rule
from pydocklint.rules.dockerfile.syntax import problems_as_hits


@rule(code="PDL001", name="invalid-syntax", severity=Severity.ERROR,
      summary="The file cannot be parsed: Docker refuses it",
      covers=("DL1000",))
def check(dockerfile):
    return problems_as_hits(dockerfile, "invalid-syntax")
