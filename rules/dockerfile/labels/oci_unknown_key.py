"""## What it does
Reports a `LABEL` key in the `org.opencontainers.image.` namespace that the
OCI image specification does not define, usually a typo
(`org.opencontainers.image.licence`, `…image.repository`). The defined keys
are `created`, `authors`, `url`, `documentation`, `source`, `version`,
`revision`, `vendor`, `licenses`, `ref.name`, `title`, `description`,
`base.digest` and `base.name`; the message suggests the closest one.

## Why is this bad?
The namespace is reserved for the specification, and tools only read the keys
it defines: a misspelt key carries its value nowhere.

## Example
```dockerfile
FROM alpine:3.22
LABEL org.opencontainers.image.licence="MIT"
```

## Use instead
```dockerfile
FROM alpine:3.22
LABEL org.opencontainers.image.licenses="MIT"
```
"""

from pydocklint.dockerfile.instructions import did_you_mean
from pydocklint.dockerfile.stages_runtime import labels
from pydocklint.findings import Hit, Severity
from pydocklint.rule import rule

_OCI = "org.opencontainers.image."
OCI_KEYS = ("created", "authors", "url", "documentation", "source", "version", "revision", "vendor",
            "licenses", "ref.name", "title", "description", "base.digest", "base.name")
_ALIASES = {"license": "licenses", "repository": "source", "repo": "source", "vcs-url": "source",
            "author": "authors", "name": "title", "commit": "revision", "homepage": "url", "docs": "documentation"}


@rule(code="PDL802", name="oci-label-unknown-key", severity=Severity.WARNING,
      summary="LABEL key in the org.opencontainers.image namespace that the OCI spec does not define")
def check(dockerfile):
    for label in labels(dockerfile):
        key = label.key
        if key is None or not key.startswith(_OCI):
            continue
        suffix = key[len(_OCI):]
        if suffix in OCI_KEYS:
            continue
        suggestion = _ALIASES.get(suffix.lower()) or did_you_mean(suffix.lower(), OCI_KEYS)
        hint = f"did you mean {_OCI}{suggestion}?" if suggestion else f"the defined keys are {', '.join(OCI_KEYS)}"
        yield Hit.at(label.span, f"{key} is not an OCI annotation key: {hint}")
