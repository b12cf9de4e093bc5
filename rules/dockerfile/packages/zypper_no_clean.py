"""## What it does
Reports a `zypper install` that is not followed, in the same RUN, by
`zypper clean` (or `zypper cc`) or by deleting `/var/cache/zypp`. A RUN that
mounts a cache on `/var/cache/zypp` is not reported, and neither is a builder
stage whose files reach the image only through `COPY --from`.

## Why is this bad?
zypper keeps repository metadata and downloaded packages in `/var/cache/zypp`.
Left in the layer, they bloat the image; cleaned in a later RUN, they still
ship in this layer.

## Example
```dockerfile
FROM opensuse/leap:15.6
RUN zypper --non-interactive install nginx=1.21.5
```

## Use instead
```dockerfile
FROM opensuse/leap:15.6
RUN zypper --non-interactive install nginx=1.21.5 \
 && zypper clean --all
```
"""

from pydocklint.dockerfile.packages import command_span, later_in_script, recognise, run_package_commands
from pydocklint.dockerfile.shell import cache_mount_targets, copied_only_stages
from pydocklint.findings import Hit, Severity
from pydocklint.rule import rule

_CACHE = "/var/cache/zypp"


@rule(code="PDL343", name="zypper-cache-kept", severity=Severity.WARNING,
      summary="zypper install without zypper clean in the same RUN", covers=("DL3036",))
def check(dockerfile):
    builders = copied_only_stages(dockerfile)
    for stage, instruction, script, found in run_package_commands(dockerfile, "zypper"):
        if found.action != "install" or stage.index in builders:
            continue
        if any(target.startswith(_CACHE) for target in cache_mount_targets(instruction)):
            continue
        if not later_in_script(script, found, _cleans):
            yield Hit.at(command_span(script, found), "zypper install leaves its cache in the layer: "
                         "add `&& zypper clean --all` at the end of this RUN")


def _cleans(command) -> bool:
    if command.name == "rm":
        return any(word.value.startswith(_CACHE) for word in command.args)
    found = recognise(command)
    return found is not None and found.manager == "zypper" and found.action == "clean"
