"""## What it does
Reports each module of a `go install`, `go get` or `go run` without an
`@version` (`golang.org/x/tools/gopls` instead of
`golang.org/x/tools/gopls@v0.17.1`). `@latest` counts as unpinned. Local
packages (`./cmd/app`, `.`), standard-library packages and modules named by a
variable the Dockerfile gives no value are not reported.

Differences from hadolint: hadolint also reports `go install .`,
`go install ./cmd/app` and `go install app/server` (a package of the local
module or GOPATH): there is no module version to pin there.

## Why is this bad?
Without a version, Go resolves the module to its newest release (or, for
`go get` in a module, to whatever `go.mod` allows) on the day of the build:
two builds of the same Dockerfile can produce different binaries.

## Example
```dockerfile
FROM golang:1.26-bookworm
RUN go install golang.org/x/tools/gopls@latest
```

## Use instead
```dockerfile
FROM golang:1.26-bookworm
RUN go install golang.org/x/tools/gopls@v0.17.1
```
"""

from pydocklint.dockerfile.packages import run_package_commands
from pydocklint.findings import Hit, Severity
from pydocklint.rule import rule


@rule(code="PDL358", name="go-module-unpinned", severity=Severity.WARNING,
      summary="go install/get/run module without a pinned @version", covers=("DL3062",))
def check(dockerfile):
    for _, _, script, found in run_package_commands(dockerfile, "go"):
        if found.action not in ("install", "run"):
            continue
        for package in found.packages:
            if package.kind != "name" or package.version not in (None, "latest"):
                continue
            shown = f"{package.name}@latest" if package.version else package.name
            yield Hit.at(script.span(package.word), f"Module {shown} is not pinned: "
                         f"use {package.name}@<version>")
