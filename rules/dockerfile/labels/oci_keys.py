"""## What it does
Suggests the standard OCI annotation key (`org.opencontainers.image.*`) for a
`LABEL` key that means the same thing: the keys of the retired Label Schema
convention (`org.label-schema.vcs-url` → `org.opencontainers.image.source`)
and bare keys such as `version`, `description`, `vendor`, `url`, `source` or
`license`. It only looks at labels the file already sets, so a file without
labels is never asked to add any, and a key whose OCI equivalent the file
also sets is not reported. `maintainer`, which Docker's own documentation
recommends in place of `MAINTAINER`, is left alone. The advice is to set the
OCI key as well, not instead: some conventions require the bare keys (Red
Hat's container certification reads `name`, `version`, `description`…).

## Why is this bad?
Registries, scanners and `docker inspect`-based tools read the OCI keys:
GitHub links a package to its repository through
`org.opencontainers.image.source`, Renovate and Dependabot find release
notes through it, and scanners report `org.opencontainers.image.licenses`.
The same information under another key is invisible to them.

## Example
```dockerfile
FROM alpine:3.22
LABEL org.label-schema.vcs-url="https://github.com/example/app"
```

## Use instead
```dockerfile
FROM alpine:3.22
LABEL org.opencontainers.image.source="https://github.com/example/app"
```
"""

from pydocklint.dockerfile.stages_runtime import labels
from pydocklint.findings import Hit, Severity
from pydocklint.rule import rule

_OCI = "org.opencontainers.image."
# Label Schema 1.0 (http://label-schema.org/rc1/) keys with an OCI equivalent.
LABEL_SCHEMA = {
    "org.label-schema.build-date": "created", "org.label-schema.name": "title",
    "org.label-schema.description": "description", "org.label-schema.url": "url",
    "org.label-schema.usage": "documentation", "org.label-schema.vcs-url": "source",
    "org.label-schema.vcs-ref": "revision", "org.label-schema.vendor": "vendor",
    "org.label-schema.version": "version", "org.label-schema.license": "licenses",
}  # fmt: skip
# Bare keys people use for the same information.
BARE_KEYS = {
    "version": "version", "description": "description", "vendor": "vendor", "url": "url",
    "source": "source", "license": "licenses", "licenses": "licenses", "title": "title",
    "documentation": "documentation", "revision": "revision", "authors": "authors", "created": "created",
}  # fmt: skip


@rule(code="PDL801", name="oci-label-key", severity=Severity.INFO,
      summary="LABEL key has a standard org.opencontainers.image equivalent")
def check(dockerfile):
    found = list(labels(dockerfile))
    keys_set = {label.key for label in found}
    for label in found:
        key = label.key
        if key is None:
            continue
        suffix = LABEL_SCHEMA.get(key) or BARE_KEYS.get(key.lower())
        if suffix and _OCI + suffix not in keys_set:
            yield Hit.at(label.span, f"Label {key} has a standard OCI key: set {_OCI}{suffix} too (registries and "
                         "scanners read that one)")
