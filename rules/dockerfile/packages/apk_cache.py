"""## What it does
Reports an `apk add` without `--no-cache`, unless the RUN mounts a cache on
`/var/cache/apk` or the same RUN deletes `/var/cache/apk` afterwards.

Differences from hadolint: hadolint also reports `apk add` followed by
`rm -rf /var/cache/apk/*` in the same RUN, which leaves nothing in the layer.

## Why is this bad?
Without `--no-cache`, apk keeps the downloaded index and packages in
`/var/cache/apk`, and they ship in the layer. `--no-cache` fetches the index
on the fly and leaves nothing behind, so no separate `apk update` or clean-up
is needed.

## Example
```dockerfile
FROM alpine:3.22
RUN apk add curl=8.11.1-r0
```

## Use instead
```dockerfile
FROM alpine:3.22
RUN apk add --no-cache curl=8.11.1-r0
```
"""

from pydocklint.dockerfile.fix_edits import add_option_fix
from pydocklint.dockerfile.packages import command_span, run_package_commands
from pydocklint.dockerfile.shell import cache_mount_targets, removed_paths
from pydocklint.findings import Hit, Severity
from pydocklint.rule import rule


@rule(code="PDL331", name="apk-add-cache-kept", severity=Severity.INFO,
      summary="apk add without --no-cache", covers=("DL3019",), fix="unsafe")
def check(dockerfile):
    for _, instruction, script, found in run_package_commands(dockerfile, "apk"):
        if found.action != "install" or found.has("--no-cache"):
            continue
        if any(target.startswith(("/var/cache/apk", "/etc/apk/cache")) for target in cache_mount_targets(instruction)):
            continue
        if any(path.startswith("/var/cache/apk") for path in removed_paths(script)):
            continue
        yield Hit.at(command_span(script, found), "apk add keeps its cache in the layer: add --no-cache",
                     add_option_fix(script, found, "--no-cache"))
