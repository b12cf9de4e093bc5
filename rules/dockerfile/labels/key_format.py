"""## What it does
Reports a `LABEL` key that does not follow Docker's key format: it must start
with a lower-case letter, end with a lower-case letter or a digit, contain
only lower-case letters, digits, `.`, `-`, `_` and `/`, have no `..` or `--`,
and not use the namespaces Docker reserves (`com.docker.`, `io.docker.`,
`org.dockerproject.`). Quotes around the key are removed and variables
substituted first; a key with a variable of unknown value is not checked.
Each bad key is reported at the key itself. The upper-case keys `RUN`,
`INSTALL` and `UNINSTALL` are accepted: `podman container runlabel` (and the
Project Atomic tools before it) reads them by those names.

This is hadolint's DL3048 check (which accepts `_` and `/` where Docker's
guide only names `.` and `-`). Differences from hadolint: it reports the
instruction once, this rule each key; hadolint also reports the runlabel keys.

## Why is this bad?
Keys in reverse-DNS form and lower case (`org.opencontainers.image.source`,
`com.example.team`) are what tools filter and query on; `Version` and
`version` are different keys to them, and the reserved namespaces belong to
Docker itself.

## Example
```dockerfile
FROM alpine:3.22
LABEL Maintainer_Team="platform"
```

## Use instead
```dockerfile
FROM alpine:3.22
LABEL com.example.maintainer-team="platform"
```
"""

import re

from pydocklint.dockerfile.stages_runtime import labels
from pydocklint.findings import Hit, Severity
from pydocklint.rule import rule

RUNLABEL_KEYS = frozenset({"RUN", "INSTALL", "UNINSTALL"})  # read by `podman container runlabel`
RESERVED_NAMESPACES = ("com.docker.", "io.docker.", "org.dockerproject.")
_ALLOWED = re.compile(r"[a-z0-9._/-]*")


@rule(code="PDL800", name="label-key-format", severity=Severity.STYLE,
      summary="LABEL key is not lower-case reverse-DNS style", covers=("DL3048",))
def check(dockerfile):
    for label in labels(dockerfile):
        if label.key is None or label.key in RUNLABEL_KEYS:
            continue
        problem = key_problem(label.key)
        if problem:
            yield Hit.at(label.span, f"Label key {label.key!r} {problem}")


def key_problem(key):
    """What is wrong with a label key, or None."""
    reserved = next((namespace for namespace in RESERVED_NAMESPACES if key.startswith(namespace)), None)
    if reserved:
        return f"uses the namespace {reserved} that Docker reserves: use your own, e.g. com.example."
    if not key:
        return "is empty"
    if not _ALLOWED.fullmatch(key) and _ALLOWED.fullmatch(key.lower()):
        return f"should be lower-case: {key.lower()}"
    if not _ALLOWED.fullmatch(key):
        return "should only contain lower-case letters, digits, '.', '-', '_' and '/'"
    if not ("a" <= key[0] <= "z"):
        return "should start with a lower-case letter"
    if not ("a" <= key[-1] <= "z" or key[-1].isdigit()):
        return "should end with a lower-case letter or a digit"
    if ".." in key or "--" in key:
        return "should not repeat '.' or '-'"
    return None
