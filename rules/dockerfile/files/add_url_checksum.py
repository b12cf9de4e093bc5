"""## What it does
Reports `ADD https://…` (or `http://`) without `--checksum=sha256:…`. Git
sources (`.git` URLs, `#ref` fragments, `git@…`) are not reported: pin those
to a commit instead. Neither are GitHub API URLs (`https://api.github.com/…`):
`ADD https://api.github.com/repos/o/r/git/refs/heads/main /tmp/ref.json` is the
usual trick to rebuild when a branch moves, and a checksum would defeat it.
Other `ADD`s, and URLs fetched in `RUN` steps, are out of scope.

## Why is this bad?
Whatever the server returns on the day of the build goes into the image: a
moved release asset, a compromised download server or a man in the middle
changes the image without any change to the Dockerfile. With `--checksum`
BuildKit verifies the download and fails the build on a mismatch (Dockerfile
syntax 1.6 and later).

## Example
```dockerfile
FROM alpine:3.22
ADD https://example.com/tool-1.2.3.tar.gz /tmp/
```

## Use instead
```dockerfile
# syntax=docker/dockerfile:1
FROM alpine:3.22
ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d \\
    https://example.com/tool-1.2.3.tar.gz /tmp/
```
"""

from pydocklint.dockerfile.stages_runtime import copy_paths, is_download
from pydocklint.findings import Hit, Severity
from pydocklint.rule import rule


@rule(code="PDL502", name="add-url-without-checksum", severity=Severity.WARNING,
      summary="ADD downloads a URL without --checksum")
def check(dockerfile):
    for stage in dockerfile.stages:
        for instruction in stage.instructions:
            if instruction.name != "ADD" or instruction.flag("checksum") is not None:
                continue
            sources, _ = copy_paths(instruction)
            for source in sources:
                text = source.text
                if is_download(text):
                    yield Hit.at(source.span, f"ADD downloads {text} without verifying it: add "
                                 "--checksum=sha256:<digest of the file> so a changed download fails the build")

