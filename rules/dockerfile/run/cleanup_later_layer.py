"""## What it does
Reports a clean-up in a later RUN than the one that wrote the files it
deletes: `rm -rf /var/lib/apt/lists/*` after an `apt-get update` in an earlier
RUN, `apt-get clean`, `yum clean all`, `apk cache clean`, `pip cache purge`,
`npm`/`yarn cache clean` or deleting those caches after the earlier RUN that
filled them, and `apt-get purge`/`apk del` of packages installed by an earlier
RUN (build dependencies removed too late). Only caches and packages the
Dockerfile's own RUNs put there count, within one stage; builder stages whose
files reach the image only through `COPY --from` are not reported.

## Why is this bad?
Each RUN is a layer, and an image is every layer stacked: deleting files in a
later layer only hides them, while the bytes still ship in the earlier layer.
The clean-up makes the build slower and the image no smaller. Clean up at the
end of the RUN that created the files.

## Example
```dockerfile
FROM debian:12.8
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8
RUN rm -rf /var/lib/apt/lists/*
```

## Use instead
```dockerfile
FROM debian:12.8
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8 \
 && rm -rf /var/lib/apt/lists/*
```
"""

from pydocklint.dockerfile.packages import package_commands_of
from pydocklint.dockerfile.shell import copied_only_stages, run_scripts
from pydocklint.findings import Hit, Severity
from pydocklint.rule import rule

# Cache: (paths whose removal cleans it, description)
_CACHE_PATHS = {
    "apt lists": ("/var/lib/apt/lists",),
    "apt archives": ("/var/cache/apt",),
    "apk cache": ("/var/cache/apk", "/etc/apk/cache"),
    "yum/dnf cache": ("/var/cache/yum", "/var/cache/dnf", "/var/cache/libdnf5"),
    "zypper cache": ("/var/cache/zypp",),
    "pip cache": ("/root/.cache/pip", "/root/.cache", "~/.cache/pip", "~/.cache", "$HOME/.cache"),
    "npm cache": ("/root/.npm", "~/.npm", "$HOME/.npm"),
    "yarn cache": ("/usr/local/share/.cache/yarn", "/usr/local/share/.cache"),
}

_ANY_CACHE = tuple(path for paths in _CACHE_PATHS.values() for path in paths)


@rule(code="PDL308", name="cleanup-in-later-layer", severity=Severity.WARNING,
      summary="Clean-up in a later RUN than the files it deletes")
def check(dockerfile):
    builders = copied_only_stages(dockerfile)
    dirty: dict[tuple[int, str], int] = {}  # (stage, cache or "package:<name>") -> line of the RUN that wrote it
    for stage, instruction, script in run_scripts(dockerfile, onbuild=False):
        if stage.index in builders:
            continue
        written_here: set[str] = set()
        events = list(_events(dockerfile, script, written_here))
        for command, cleaned in events:
            earlier = dirty.get((stage.index, cleaned))
            if earlier is not None and cleaned not in written_here:
                what = f"package {cleaned[8:]}" if cleaned.startswith("package:") else f"the {cleaned}"
                yield Hit.at(script.span(command.words[0]), f"Removing {what} here cannot shrink the image: "
                             f"it was written by the RUN on line {earlier}, and stays in that layer; "
                             "clean up at the end of that RUN")
                dirty.pop((stage.index, cleaned))
        for key in written_here:
            dirty[(stage.index, key)] = instruction.line
        for _, cleaned in events:
            if cleaned in written_here:
                dirty.pop((stage.index, cleaned), None)  # written and cleaned in the same RUN


def _events(dockerfile, script, written: set[str]):
    """(command, what it cleans) for each clean-up, in order; fills ``written`` with what the script writes."""
    found_by_command = {id(found.command): found for found in package_commands_of(dockerfile, script)}
    for command in script.commands:
        found = found_by_command.get(id(command))
        if found is not None:
            for key in _writes(found):
                if key not in _cleaned_by(found):
                    written.add(key)
            for key in _cleaned_by(found):
                yield command, key
        elif command.name == "rm":
            for word in command.args:
                if not word.value.startswith(_ANY_CACHE):
                    continue
                for cache, paths in _CACHE_PATHS.items():
                    if any(word.value.rstrip("/*") == path or word.value.startswith(path + "/") for path in paths):
                        yield command, cache
        elif command.name in ("npm", "yarn", "pip", "pip3") and len(command.words) >= 3 and \
                command.words[1].value == "cache" and command.words[2].value in ("clean", "purge"):
            yield command, {"npm": "npm cache", "yarn": "yarn cache"}.get(command.name, "pip cache")


def _writes(found) -> list[str]:
    manager, action = found.manager, found.action
    if manager in ("apt-get", "apt"):
        if action == "update":
            return ["apt lists"]
        if action == "install":
            return ["apt archives"] + [f"package:{package.name}" for package in found.packages
                                        if package.kind != "variable"]
    if manager == "apk" and action in ("install", "update"):
        written = [] if found.has("--no-cache") else ["apk cache"]
        if action == "install":
            virtual = found.option_value("--virtual", "-t")
            written += [f"package:{virtual}"] if virtual else [f"package:{p.name}" for p in found.packages]
        return written
    if manager in ("yum", "dnf", "microdnf") and action in ("install", "upgrade", "update"):
        return ["yum/dnf cache"]
    if manager == "zypper" and action in ("install", "upgrade", "update"):
        return ["zypper cache"]
    if manager == "pip" and action == "install" and not found.has("--no-cache-dir"):
        return ["pip cache"]
    if manager == "npm" and action in ("install", "ci"):
        return ["npm cache"]
    if manager == "yarn" and action in ("install", "install-project"):
        return ["yarn cache"]
    return []


def _cleaned_by(found) -> list[str]:
    manager, action = found.manager, found.action
    if manager in ("apt-get", "apt"):
        if action == "clean":
            return ["apt archives"]
        if action == "dist-clean":
            return ["apt archives", "apt lists"]
        if action == "remove":
            return [f"package:{package.name}" for package in found.packages]
    if manager == "apk":
        if action == "cache" and found.packages and found.packages[0].name == "clean":
            return ["apk cache"]
        if action == "remove":
            return [f"package:{package.name}" for package in found.packages]
    if manager in ("yum", "dnf", "microdnf") and action == "clean":
        return ["yum/dnf cache"]
    if manager == "zypper" and action == "clean":
        return ["zypper cache"]
    return []
