"""## What it does
Reports a RUN that runs `apt-get update` (or `apt update`) but does not delete
`/var/lib/apt/lists` afterwards in the same RUN (`rm -rf /var/lib/apt/lists/*`).
A RUN that mounts a cache on `/var/lib/apt/lists` (or `/var/lib/apt`) keeps the
lists out of the image and is not reported, and neither is a builder stage
whose files reach the image only through `COPY --from`: its layers never ship.
Removing only the list files (`rm /var/lib/apt/lists/*_*`) counts as removing them.

Differences from hadolint: hadolint does not know `apt-get dist-clean` (apt 2.7
and later), which deletes the lists, and reports the docker-library images that
use it; pydocklint accepts it. hadolint also skips every non-final stage, even
one that can be built as a target; pydocklint skips only builder stages
(and where hadolint does report a RUN of a builder stage, pydocklint does not).

## Why is this bad?
The package lists weigh tens of megabytes and are stale the day after the
build. Left in the layer, they bloat the image for nothing; deleted in a later
RUN, they still ship in the earlier layer.

## Example
```dockerfile
FROM debian:12.8
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8
```

## Use instead
```dockerfile
FROM debian:12.8
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8 \
 && rm -rf /var/lib/apt/lists/*
```
"""

from pydocklint.dockerfile.fix_edits import append_fix
from pydocklint.dockerfile.packages import package_commands_of, run_package_commands
from pydocklint.dockerfile.shell import cache_mount_targets, copied_only_stages, removed_paths
from pydocklint.findings import Hit, Severity
from pydocklint.rule import rule

_LISTS = "/var/lib/apt/lists"


@rule(code="PDL321", name="apt-lists-not-removed", severity=Severity.INFO,
      summary="apt-get update without removing /var/lib/apt/lists in the same RUN", covers=("DL3009",),
      fix="unsafe")
def check(dockerfile):
    reported = set()
    builders = copied_only_stages(dockerfile)
    for stage, instruction, script, found in run_package_commands(dockerfile, "apt-get", "apt"):
        if found.action != "update" or instruction in reported or stage.index in builders:
            continue
        reported.add(instruction)
        if _lists_cleaned(dockerfile, instruction, script):
            continue
        yield Hit.at(script.span_of(found.command.words[0], found.action_word),
                     f"{found.manager} update leaves {_LISTS} in the layer: "
                     f"add `rm -rf {_LISTS}/*` at the end of this RUN",
                     append_fix(instruction, found, f"rm -rf {_LISTS}/*"))


def _lists_cleaned(dockerfile, instruction, script) -> bool:
    if any(target in (_LISTS, "/var/lib/apt") for target in cache_mount_targets(instruction)):
        return True
    if any(found.action == "dist-clean" for found in package_commands_of(dockerfile, script)):
        return True  # apt-get dist-clean (apt 2.7+) deletes the lists
    return any(path.rstrip("/*").rstrip("/") in (_LISTS, "/var/lib/apt") or path.startswith(_LISTS + "/")
               for path in removed_paths(script))
