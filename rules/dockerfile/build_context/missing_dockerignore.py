"""## What it does
Reports a `COPY` or `ADD` of the whole build context (`COPY . /app`,
`ADD . .`, `COPY * ./`) when the context has no ignore file: neither
`<Dockerfile>.dockerignore` beside the Dockerfile nor `.dockerignore` at the
context root. The context is taken to be the Dockerfile's directory; when a
parent directory up to the repository root has a `.dockerignore`, the real
context may be there, so nothing is reported.

## Why is this bad?
Without an ignore file, everything in the directory goes to the builder and into
the image: `.git` history, `.env` files and keys, `node_modules` built on the
host, caches. The image grows, every edit anywhere invalidates the layer cache
for this `COPY`, and secrets ship with the image.

## Example
```dockerfile
FROM python:3.12-slim
WORKDIR /app
COPY . .
```

## Use instead
Keep the `COPY`, and add a `.dockerignore` beside the Dockerfile:

```dockerfile
FROM python:3.12-slim
WORKDIR /app
COPY requirements.txt app.py ./
```
"""

import os

from pydocklint.dockerfile.fix_edits import starter_dockerignore
from pydocklint.findings import Fix, Hit, Severity
from pydocklint.rule import rule


@rule(code="PDL450", name="missing-dockerignore", severity=Severity.WARNING,
      summary="COPY of the whole build context without a .dockerignore",
      example_context=(("app.py", "print(1)\n"), ("requirements.txt", "flask\n")), fix="unsafe")
def check(dockerfile):
    context = dockerfile.context
    if context is None or context.ignore is not None or context.other_ignore_files:
        return
    for instruction, offset, word in dockerfile.whole_context_copies[:1]:
        yield Hit.at(instruction.span_at(offset, len(word)),
                     f"{instruction.name} {word} copies the whole build context and it has no .dockerignore: "
                     "whatever is there, such as .git, .env files or node_modules, goes into the image",
                     _starter_fix(dockerfile, context))


def _starter_fix(dockerfile, context):
    path = os.path.join(context.root, ".dockerignore")  # the root is a directory of this machine
    return Fix("Create a starter .dockerignore", (), safe=False, new_files=((path, starter_dockerignore(dockerfile)),))
