"""## What it does
Reports a `yarn install` or `yarn add` (Yarn 1) that is not followed, in the
same RUN, by `yarn cache clean`. A RUN that mounts a cache on Yarn's cache
directory is not reported, and neither is a builder stage whose files reach
the image only through `COPY --from`.

## Why is this bad?
Yarn 1 keeps a copy of every downloaded package in its global cache
(`/usr/local/share/.cache/yarn`). In an image it is never reused, but it ships
in the layer, often doubling the size of `node_modules`.

## Example
```dockerfile
FROM node:22-alpine3.22
WORKDIR /app
COPY package.json yarn.lock ./
RUN yarn install --frozen-lockfile
```

## Use instead
```dockerfile
FROM node:22-alpine3.22
WORKDIR /app
COPY package.json yarn.lock ./
RUN yarn install --frozen-lockfile \
 && yarn cache clean
```
"""

from pydocklint.dockerfile.packages import command_span, later_in_script, recognise, run_package_commands
from pydocklint.dockerfile.shell import cache_mount_targets, copied_only_stages
from pydocklint.findings import Hit, Severity
from pydocklint.rule import rule


@rule(code="PDL356", name="yarn-cache-kept", severity=Severity.INFO,
      summary="yarn install without yarn cache clean in the same RUN", covers=("DL3060",))
def check(dockerfile):
    builders = copied_only_stages(dockerfile)
    for stage, instruction, script, found in run_package_commands(dockerfile, "yarn"):
        if found.action not in ("install", "install-project") or stage.index in builders:
            continue
        if any("yarn" in target for target in cache_mount_targets(instruction)):
            continue
        if not later_in_script(script, found, _cleans_cache):
            yield Hit.at(command_span(script, found), "yarn keeps every package in its cache: "
                         "add `&& yarn cache clean` at the end of this RUN")


def _cleans_cache(command) -> bool:
    found = recognise(command)
    if found is not None and found.manager == "yarn" and found.action == "cache":
        return bool(found.packages) and found.packages[0].name == "clean"
    return command.name == "rm" and any("yarn" in word.value for word in command.args)
