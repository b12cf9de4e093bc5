"""## What it does
Reports a `COPY` or `ADD` source from the build context that the
`.dockerignore` excludes (the path itself or one of its parent directories
matches), as BuildKit's `CopyIgnoredFile` check does, with the same limits: the
check is skipped when there is no ignore file or when it re-includes anything
with `!`, the context root (`.`) is only reported when a catch-all pattern
(`*`, `**`, `**/*`) excludes everything, and sources with wildcards or
variables, heredocs, URLs and `COPY --from` are not checked.

## Why is this bad?
Excluded files never reach the builder, so the build fails with "not found"
(or, with a wildcard, silently copies less than intended).

## Example
With a `.dockerignore` containing `config/*.local.yml`:

```dockerfile
FROM alpine:3.22
COPY config/app.local.yml /etc/app/
```

## Use instead
```dockerfile
FROM alpine:3.22
COPY config/app.yml /etc/app/
```
"""

from pydocklint.dockerignore import clean
from pydocklint.findings import Hit, Severity
from pydocklint.rule import rule

_NOT_CHECKED = ("$", "*", "?", "[", "<<")


@rule(code="PDL453", name="copy-ignored-file", severity=Severity.WARNING,
      summary="COPY or ADD of a file that .dockerignore excludes", covers=("CopyIgnoredFile",),
      example_context=((".dockerignore", "config/*.local.yml\n"), ("config/app.yml", "a: 1\n"),
                       ("config/app.local.yml", "a: 2\n")))
def check(dockerfile):
    context = dockerfile.context
    if context is None or context.ignore is None or context.ignore.has_reinclusions:
        return
    ignore = context.ignore
    for instruction in dockerfile.instructions:
        if instruction.name not in ("COPY", "ADD") or instruction.flag("from") or instruction.node.json:
            continue
        for offset, word in instruction.argument_words()[:-1]:
            if any(marker in word for marker in _NOT_CHECKED) or "://" in word or word.startswith("git@"):
                continue
            path = clean(word).lstrip("/") or "."
            if path == "." and not ignore.has_catch_all:
                continue
            pattern = ignore.matching_pattern(path)
            if pattern is not None:
                verb = "Copy" if instruction.name == "COPY" else "Add"
                yield Hit.at(instruction.span_at(offset, len(word)),
                             f"{verb} source {word} is excluded by {ignore.name} (line {pattern.line}: "
                             f"{pattern.text}), so the builder never sees it")
