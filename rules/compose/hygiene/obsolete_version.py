"""## What it does
Reports the top-level `version` key. The fix deletes the key's line (and only
it: a blank line after it stays), when the key and its value are alone on one
line of the file being linted.

## Why is this bad?
`version` is obsolete: Compose ignores it, always uses the newest specification,
and prints a warning on every run. Keeping it suggests that the file is limited
to (or validated against) an old format, which it is not.

## Example
```yaml
version: "3.8"
services:
  web:
    image: nginx:1.27-alpine
    restart: unless-stopped
    mem_limit: 256m
```

## Use instead
```yaml
services:
  web:
    image: nginx:1.27-alpine
    restart: unless-stopped
    mem_limit: 256m
```
"""

from pydocklint.compose.nodes import Scalar
from pydocklint.findings import Edit, FileHit, Fix, Severity
from pydocklint.rule import rule


@rule(code="PDC601", name="obsolete-version", severity=Severity.WARNING, kind="compose",
      summary="Top-level version is obsolete", fix="safe")
def check(project):
    for compose_file in project.files.values():
        root = compose_file.raw_root
        key = root.key("version") if root is not None else None
        if key is None:
            continue
        value = root.get("version")
        fix = None
        # The edit takes the line ending with the line: a last line without one is left alone.
        if compose_file.path == project.path and isinstance(value, Scalar) and value.end_line == key.line \
                and key.column == 1 and key.line <= compose_file.text.count("\n"):
            fix = Fix("Delete the obsolete version line", (Edit(key.line, 1, key.line + 1, 1, ""),), safe=True)
        shown = f" {value.written!r}" if isinstance(value, Scalar) else ""
        yield FileHit(f"version{shown} is obsolete: Compose ignores it and warns; delete it", key.span,
                         key.path, fix)
