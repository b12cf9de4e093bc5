"""## What it does
Reports each package of a `pip install` (also `pip3`, `python -m pip`, and in
the cmd or PowerShell RUNs of Windows images) with no
version specifier (`flask` instead of `flask==3.1.0`), and each VCS URL
without a ref (`git+https://github.com/org/repo.git` instead of
`git+https://github.com/org/repo.git@v1.2`). Requirement files
(`-r`), constraint files (`-c`), editable installs (`-e`), local paths, archive URLs and
packages named by a variable the Dockerfile gives no value are not reported (a
list kept in an ARG or ENV is judged by its value); neither is an install with a
constraints file, which pins what it installs.

Differences from hadolint: hadolint also reports local paths with extras
(`pip install .[sql]`) and a wheel named by a variable (`pip install
"${WHEEL}"`), which have no version to pin.

## Why is this bad?
Without a version, pip installs whatever is newest on PyPI on the day of the
build: two builds of the same Dockerfile can get different, possibly
incompatible, releases.

## Example
```dockerfile
FROM python:3.13-slim
RUN pip install --no-cache-dir flask
```

## Use instead
```dockerfile
FROM python:3.13-slim
RUN pip install --no-cache-dir flask==3.1.0
```
"""

from pydocklint.dockerfile.packages import unpinned_packages
from pydocklint.findings import Hit, Severity
from pydocklint.rule import rule
from pydocklint.rules.dockerfile.packages import one_finding_per_command


@rule(code="PDL350", name="pip-package-unpinned", severity=Severity.WARNING,
      summary="pip install package without a pinned version", covers=("DL3013",))
def check(dockerfile):
    named = []
    for script, found, package in unpinned_packages(dockerfile, ("pip",)):
        if found.has("-c", "--constraint"):
            continue
        if package.kind == "vcs":
            yield Hit.at(script.span(package.word), f"Package {package.name} is not pinned: "
                         "add @<tag or commit> to the repository URL")
        else:
            named.append((script, found, package))
    yield from one_finding_per_command(named, "Package", lambda name: f"install {name}==<version>")
