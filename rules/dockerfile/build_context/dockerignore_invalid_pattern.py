"""## What it does
Reports a line of the build context's `.dockerignore` (or
`<Dockerfile>.dockerignore`) that is not a valid pattern: an unterminated
character class (`[`, `a[b-`) or a trailing backslash, when the Dockerfile
copies from the build context. The finding is placed on that line of the
ignore file.

## Why is this bad?
When it sends the context, Docker checks every pattern with Go's
`filepath.Match` and refuses the build on the first bad one ("syntax error in
pattern"). The Dockerfile itself is fine, so the error is easy to look for in
the wrong place. A Dockerfile that copies nothing from the context sends none,
so the ignore file is never read (the example below).

## Example
```dockerfile
FROM alpine:3.22
COPY . /app
USER 10001
```

## Use instead
Fix the pattern (`\\[abc`, or `[abc]`); or, as here, a build that copies nothing from the context:
```dockerfile
FROM alpine:3.22
RUN mkdir /app
USER 10001
```
"""

from pydocklint.dockerfile.stages_runtime import copy_paths, is_remote_source
from pydocklint.findings import FileHit, Severity
from pydocklint.rule import rule


@rule(code="PDL455", name="dockerignore-invalid-pattern", severity=Severity.ERROR,
      summary="A .dockerignore line is not a valid pattern, so Docker refuses the build",
      example_context=((".dockerignore", ".git\n*.log\n[abc\n"), ("app.py", "print(1)\n")))
def check(dockerfile):
    ignore = dockerfile.context.ignore if dockerfile.context is not None else None
    if ignore is None or not _copies_from_context(dockerfile):
        return
    for pattern in ignore.patterns if ignore is not None else ():
        if pattern.error is not None:
            shown = ("!" if pattern.exclusion else "") + pattern.text
            yield FileHit(f"{ignore.name} line {pattern.line}: {shown!r} is not a valid pattern ({pattern.error}): "
                          "Docker refuses the build; escape the character or close the class",
                          (pattern.line, 1, pattern.line, len(shown) + 1), ignore.path)


def _copies_from_context(dockerfile) -> bool:
    """Whether a COPY or ADD reads the build context (a local source, no --from), so Docker sends it."""
    for stage in dockerfile.stages:
        for instruction in stage.instructions:
            if instruction.name in ("COPY", "ADD") and instruction.flag("from") is None:
                sources, _ = copy_paths(instruction)
                if any(not source.heredoc and not is_remote_source(source.text) for source in sources):
                    return True
    return False
