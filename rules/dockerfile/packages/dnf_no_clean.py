"""## What it does
Reports a `dnf/microdnf install` that is not followed, in the same RUN, by a
clean of the same tool (`dnf clean all` after `dnf`, `microdnf clean all`
after `microdnf`) or by deleting `/var/cache/dnf`. A RUN
that mounts a cache on `/var/cache/dnf` is not reported, and neither is a builder
stage whose files reach the image only through `COPY --from`.

## Why is this bad?
The package manager keeps its metadata and downloaded packages in `/var/cache/dnf`.
Left in the layer, they bloat the image; cleaned in a later RUN, they still
ship in this layer.

## Example
```dockerfile
FROM fedora:41
RUN dnf install -y httpd-2.4.62
```

## Use instead
```dockerfile
FROM fedora:41
RUN dnf install -y httpd-2.4.62 \
 && dnf clean all
```
"""

from pydocklint.findings import Severity
from pydocklint.rule import rule
from pydocklint.rules.dockerfile.packages import rpm_cache_kept


@rule(code="PDL339", name="dnf-cache-kept", severity=Severity.WARNING,
      summary="dnf/microdnf install without dnf clean all in the same RUN", covers=("DL3040",),
      fix="unsafe")
def check(dockerfile):
    return rpm_cache_kept(dockerfile, ("dnf", "microdnf"))
