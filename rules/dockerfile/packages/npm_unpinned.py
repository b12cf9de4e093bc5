"""## What it does
Reports each package of an `npm install`/`npm i`/`npm add` (also `pnpm add`,
`yarn add`; in Windows cmd and PowerShell RUNs too) with no version
(`typescript` instead of `typescript@5.7.2`).
Installing a project's own dependencies (`npm install`, `npm ci` with no
package named), local paths, tarballs, git and URL sources and packages named
by a variable the Dockerfile gives no value are not reported; a list kept in
an ARG or ENV is judged by its value.

## Why is this bad?
Without a version, npm installs the newest release on the day of the build:
two builds of the same Dockerfile can differ, and a breaking major release
breaks the image without any change to the Dockerfile.

## Example
```dockerfile
FROM node:22-alpine3.22
RUN npm install -g typescript
```

## Use instead
```dockerfile
FROM node:22-alpine3.22
RUN npm install -g typescript@5.7.2
```
"""

from pydocklint.dockerfile.packages import unpinned_packages
from pydocklint.findings import Severity
from pydocklint.rule import rule
from pydocklint.rules.dockerfile.packages import one_finding_per_command


@rule(code="PDL355", name="npm-package-unpinned", severity=Severity.WARNING,
      summary="npm install package without a pinned version", covers=("DL3016",))
def check(dockerfile):
    return one_finding_per_command(unpinned_packages(dockerfile, ("npm", "pnpm", "yarn")), "Package",
                                   lambda name: f"install {name}@<version>")
