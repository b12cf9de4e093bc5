"""## What it does
Reports a `pip install` (also `pip3`, `python -m pip`, and in Windows cmd or
PowerShell RUNs) without
`--no-cache-dir`, unless `PIP_NO_CACHE_DIR` is set (ENV, ARG or a `VAR=value`
prefix) or the RUN mounts a cache on pip's cache directory (`/root/.cache/pip`
or `/root/.cache`). Any non-empty `PIP_NO_CACHE_DIR` disables the cache, even
`off` or `0`: pip keeps that historical behaviour on purpose, and images such
as sclorg's set `PIP_NO_CACHE_DIR=off` to mean "no cache" (hadolint reports
those, pydocklint does not).

## Why is this bad?
pip keeps every downloaded wheel in `~/.cache/pip`. In an image build the cache
is never reused by a later build, but it ships in the layer, often adding
hundreds of megabytes.

## Example
```dockerfile
FROM python:3.13-slim
RUN pip install flask==3.1.0
```

## Use instead
```dockerfile
FROM python:3.13-slim
RUN pip install --no-cache-dir flask==3.1.0
```
"""

from pydocklint.dockerfile.fix_edits import add_option_fix
from pydocklint.dockerfile.packages import command_span, run_package_commands
from pydocklint.dockerfile.shell import cache_mount_targets
from pydocklint.dockerfile.stages_runtime import walk_environment
from pydocklint.findings import Hit, Severity
from pydocklint.rule import rule

@rule(code="PDL351", name="pip-cache-kept", severity=Severity.WARNING,
      summary="pip install without --no-cache-dir", covers=("DL3042",), fix="unsafe")
def check(dockerfile):
    found_any = [item for item in run_package_commands(dockerfile, "pip") if item[3].action == "install"]
    if not found_any:
        return
    disabled = _cache_disabled_by_env(dockerfile, {item[1] for item in found_any})
    for _, instruction, script, found in found_any:
        if found.has("--no-cache-dir") or instruction in disabled:
            continue
        if any(a.value.startswith("PIP_NO_CACHE_DIR=") and a.value != "PIP_NO_CACHE_DIR="
               for a in found.command.assignments):
            continue
        if any(target.startswith("/root/.cache") or "pip" in target for target in cache_mount_targets(instruction)):
            continue
        yield Hit.at(command_span(script, found), "pip install keeps downloaded packages in its cache "
                     f"({_cache_directory(script)}): add --no-cache-dir",
                     add_option_fix(script, found, "--no-cache-dir"))


def _cache_disabled_by_env(dockerfile, instructions) -> set:
    """The RUNs among ``instructions`` where ENV/ARG PIP_NO_CACHE_DIR disables the cache (one walk per stage)."""
    disabled = set()
    stages = {instruction.stage for instruction in instructions}
    for index in stages:
        for instruction, env in walk_environment(dockerfile, dockerfile.stages[index]):
            if instruction in instructions and env.get("PIP_NO_CACHE_DIR"):
                disabled.add(instruction)
    return disabled


def _cache_directory(script) -> str:
    return r"%LocalAppData%\pip\Cache" if script.windows else "~/.cache/pip"
