"""## What it does
Reports a `COPY` or `ADD` of the whole build context that copies `.git`,
`node_modules`, `__pycache__`, a local virtualenv (`.venv`, `venv`) or `.tox`,
when the context's file list is known and the `.dockerignore` does not keep
them out.

## Why is this bad?
`.git` carries the whole history (and sometimes credentials in its config);
`node_modules` and virtualenvs were built for the host, not the image, and
clash with the dependencies the Dockerfile installs; caches only add size. All
of them make the layer bigger and change on every commit or install, so the
`COPY` layer and everything after it is rebuilt more often than needed.

## Example
A context holding `package.json`, `server.js` and `node_modules/`, with no
`.dockerignore`:

```dockerfile
FROM node:22-slim
WORKDIR /app
COPY . .
```

## Use instead
Add `node_modules` and `.git` to `.dockerignore`, or copy only the sources:

```dockerfile
FROM node:22-slim
WORKDIR /app
COPY package.json server.js ./
```
"""

from pydocklint.context import JUNK_DIRECTORIES, junk_directory
from pydocklint.findings import Hit, Severity
from pydocklint.rule import rule
from pydocklint.rules.dockerfile.build_context import kept_files
from pydocklint.wording import describe


@rule(code="PDL452", name="junk-in-build-context", severity=Severity.INFO,
      summary="COPY of the whole build context copies .git, node_modules or caches",
      example_context=((".dockerignore", "*.log\n"), ("package.json", "{}\n"), ("server.js", "\n"),
                       ("node_modules/express/index.js", "\n")))
def check(dockerfile):
    copies = dockerfile.whole_context_copies
    if not copies:
        return
    found: dict[str, None] = {}
    for entry in kept_files(dockerfile.context):
        directory = junk_directory(entry.path)
        if directory is not None:
            found.setdefault(directory)
    if not found:
        return
    instruction, offset, word = copies[0]
    kinds = describe([f"{name}/ ({JUNK_DIRECTORIES[name]})" for name in found], limit=6)
    yield Hit.at(instruction.span_at(offset, len(word)),
                 f"{instruction.name} {word} copies {kinds} into the image: list them in .dockerignore")
