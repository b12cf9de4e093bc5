"""## What it does
Reports an `ADD` of a URL whose content moves (no version in its path, or a
`latest`, `master`, `main`, `nightly`, `snapshot`, `current` or `stable`
segment) and no `--checksum`, when the `RUN` right after it in the stage does
not use the downloaded file: the download sits earlier than the step that
needs it. Versioned URLs (`…/v1.2.3/…`, `tool-1.2.3.tar.gz`, a commit hash),
Git sources, GitHub API refs (a deliberate cache bust) and `ADD`s whose next
`RUN` may read the file (it names the file or a directory above it, or holds a
variable) are not reported.

## Why is this bad?
BuildKit fetches an `ADD` URL on every build and keys the layer on what it
received. When a moving URL returns new content, that layer and every step
after it rebuild, including package installs that have nothing to do with the
download. Placed just before the step that uses it, the download only rebuilds
that step and what follows it.

## Example
```dockerfile
FROM debian:12-slim
ADD https://bootstrap.pypa.io/get-pip.py /tmp/get-pip.py
RUN mkdir -p /srv/app
RUN cat /tmp/get-pip.py > /dev/null
```

## Use instead
Download just before the step that uses the file (and pin it, which `add-url-without-checksum` asks for too):
```dockerfile
# syntax=docker/dockerfile:1
FROM debian:12-slim
RUN mkdir -p /srv/app
ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d \\
    https://bootstrap.pypa.io/get-pip.py /tmp/get-pip.py
RUN cat /tmp/get-pip.py > /dev/null
```
"""

import posixpath
import re

from pydocklint.dockerfile.stages_runtime import copy_paths, is_download
from pydocklint.findings import Hit, Severity
from pydocklint.rule import rule

# A version (1.2, v3), a date (20240101) or a commit/digest in the URL's path pins its content.
_PINNED = re.compile(r"\d+\.\d+|(?<![a-z])v\d+|\d{8}|[0-9a-f]{7,}", re.IGNORECASE)
_MOVING = re.compile(r"(?:^|[/_.-])(?:latest|master|main|nightly|snapshot|current|stable|head)(?:$|[/_.-])",
                     re.IGNORECASE)


@rule(code="PDL732", name="moving-download-early", severity=Severity.INFO,
      summary="ADD of a moving URL sits before a RUN that does not use it, so new content rebuilds that RUN")
def check(dockerfile):
    for stage in dockerfile.stages:
        instructions = stage.instructions
        for index, instruction in enumerate(instructions):
            if instruction.name != "ADD" or instruction.flag("checksum") is not None:
                continue
            sources, destination = copy_paths(instruction)
            moving = [s for s in sources if _moves(s.text)]
            following = instructions[index + 1:index + 2]
            if not moving or destination is None or not following or following[0].name != "RUN":
                continue
            after = following[0]
            if _uses(after.node.original, destination.text, moving[0].text):
                continue
            yield Hit.at(moving[0].span, f"{moving[0].text} can change between builds, and the RUN on line "
                         f"{after.line} does not use it but rebuilds whenever it changes: move the ADD down to just "
                         "before the step that uses the file, or pin it with --checksum")


def _moves(url: str) -> bool:
    if not is_download(url) or "$" in url:
        return False
    path = url.lower().split("://", 1)[1].partition("/")[2].split("?", 1)[0]
    return bool(_MOVING.search(path)) or not _PINNED.search(path)


def _uses(script: str, destination: str, url: str) -> bool:
    """Whether a RUN may read the downloaded file: it names the file, its destination or a directory
    above it (``chown -R user /home/user``), or holds a variable that could (``chown -R user $HOME``)."""
    if "$" in script:
        return True
    names = {destination.rstrip("/")}
    name = posixpath.basename(url.split("?", 1)[0].rstrip("/"))
    if name:
        names.add(name)
    directory = posixpath.dirname(destination.rstrip("/")) if not destination.endswith("/") else destination
    while directory not in ("", "/", "."):
        names.add(directory.rstrip("/"))
        directory = posixpath.dirname(directory.rstrip("/"))
    return any(n and n in script for n in names)
