"""## What it does
Reports a dependency install from a manifest (`pip install -r requirements.txt`,
`npm ci`, `npm install`, `yarn install`, `pnpm install`, `go mod download`,
`bundle install`, `composer install`, `poetry install`, `uv sync`,
`pipenv install`) that runs after a `COPY` or `ADD` of the whole build context
in the same stage, unless the same package manager already installed from its
manifest before that copy. Installs of the project itself (`pip install .`)
need the sources and are not reported.

## Why is this bad?
BuildKit reuses a layer only while everything it depends on is unchanged. A
`COPY . .` depends on every file of the context, so any edit invalidates it and
every step after it: the dependency install then runs again on each build,
although it only needs the manifest. Copying the manifest first and installing
before the broad copy keeps the install cached until the dependencies change.
`pydocklint simulate --history N` shows what the reorder saves on your history.

## Example
```dockerfile
FROM node:22.11-bookworm-slim
WORKDIR /app
COPY . .
RUN npm ci
USER 1000
CMD ["node", "index.js"]
```

## Use instead
```dockerfile
FROM node:22.11-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
USER 1000
CMD ["node", "index.js"]
```
"""

from pydocklint.findings import Hit, Severity
from pydocklint.rule import rule

_COMMANDS = {"pip": "pip install -r", "npm": "npm ci/install", "yarn": "yarn install", "pnpm": "pnpm install",
             "go": "go mod download", "bundle": "bundle install", "composer": "composer install",
             "poetry": "poetry install", "uv": "uv sync", "pipenv": "pipenv install"}


@rule(code="PDL730", name="install-after-source-copy", severity=Severity.WARNING,
      summary="Dependency install from a manifest runs after COPY of the whole context")
def check(dockerfile):
    from pydocklint.simulate.commands import MANIFESTS, run_facts  # the simulator's view of a RUN

    broad_copies = {id(instruction): word for instruction, _, word in dockerfile.whole_context_copies}
    for stage in dockerfile.stages:
        broad = None
        installed_early: set[str] = set()
        for instruction in stage.instructions:
            if broad is None and id(instruction) in broad_copies:
                broad = instruction
                continue
            if instruction.name != "RUN":
                continue
            managers = _manifest_installs(run_facts(dockerfile, instruction)) - installed_early
            if broad is None:
                installed_early |= managers
            elif managers:
                manager = sorted(managers)[0]
                manifests = " and ".join(m for m in MANIFESTS.get(manager, ())[:2] if "*" not in m)
                copy = f"{broad.name} {broad_copies[id(broad)]}"
                yield Hit.at(instruction.keyword_span,
                             f"{_COMMANDS.get(manager, manager)} runs after {copy} (line {broad.line}), so every "
                             f"source change re-runs it: copy {manifests} first, install, then {copy}")
                break


def _manifest_installs(facts) -> set[str]:
    managers = set(facts.manifest_commands)
    for install in facts.installs:
        if not install.from_manifest:
            continue
        if install.manager == "pip" and not any(word.startswith("-r ") for word in install.unresolved):
            continue  # pip install . / -e . installs the project, which needs its sources
        managers.add(install.manager)
    return managers
