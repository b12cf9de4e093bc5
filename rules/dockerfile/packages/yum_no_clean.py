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
FROM centos:7.9.2009
RUN yum install -y httpd-2.4.6
```

## Use instead
```dockerfile
FROM centos:7.9.2009
RUN yum install -y httpd-2.4.6 \
 && yum clean all
```
"""

from pydocklint.dockerfile.packages import command_span, later_in_script, recognise, run_package_commands
from pydocklint.dockerfile.shell import cache_mount_targets, copied_only_stages
from pydocklint.findings import Hit, Severity
from pydocklint.rule import rule

_MANAGERS = ('yum',)
_CACHES = ("/var/cache/yum", "/var/cache/dnf", "/var/cache/microdnf", "/var/cache/libdnf5")


@rule(code="PDL336", name="yum-cache-kept", severity=Severity.WARNING,
      summary="yum install without yum clean all in the same RUN", covers=("DL3032",))
def check(dockerfile):
    builders = copied_only_stages(dockerfile)
    for stage, instruction, script, found in run_package_commands(dockerfile, *_MANAGERS):
        if found.action != "install" or stage.index in builders:
            continue
        if any(target.startswith(_CACHES) for target in cache_mount_targets(instruction)):
            continue
        if later_in_script(script, found, lambda command, manager=found.manager: _cleans(command, manager)):
            continue
        yield Hit.at(command_span(script, found), f"{found.manager} install leaves its cache in the layer: "
                     f"add `&& {found.manager} clean all` at the end of this RUN")


def _cleans(command, manager: str) -> bool:
    if command.name == "rm":
        return any(word.value.startswith(_CACHES) for word in command.args)
    found = recognise(command)
    return found is not None and found.manager == manager and found.action == "clean"
