"""## What it does
Reports a `yum install` that is not followed, in the same RUN, by
`yum clean all` (any `yum clean`) or by deleting `/var/cache/yum`. A RUN
that mounts a cache on `/var/cache/yum` is not reported, and neither is a builder
stage whose files reach the image only through `COPY --from`.

## Why is this bad?
The package manager keeps its metadata and downloaded packages in `/var/cache/yum`.
Left in the layer, they bloat the image; cleaned in a later RUN, they still
ship in this layer.

## Example
```dockerfile
FROM almalinux:8.10
RUN yum install -y httpd-2.4.6
```

## Use instead
```dockerfile
FROM almalinux:8.10
RUN yum install -y httpd-2.4.6 \
 && yum clean all
```
"""

from pydocklint.findings import Severity
from pydocklint.rule import rule
from pydocklint.rules.dockerfile.packages import rpm_cache_kept


@rule(code="PDL336", name="yum-cache-kept", severity=Severity.WARNING,
      summary="yum install without yum clean all in the same RUN", covers=("DL3032",), fix="unsafe")
def check(dockerfile):
    return rpm_cache_kept(dockerfile, ("yum",))
