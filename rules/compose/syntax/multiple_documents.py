"""## What it does
Reports each YAML document after the first in a Compose file (documents are
separated by `---`).

## Why is this bad?
It is legal, but few readers expect it: Compose merges the documents in order,
exactly like an override file, so a key in a later document silently overrides
or extends the same key earlier in the file. Other tools (dclint, many YAML
processors) read only the first document or reject the file. An override file
(`compose.override.yaml`) says the same thing openly.

## Example
```yaml
services:
  web:
    image: nginx:1.27-alpine
    restart: unless-stopped
    mem_limit: 256m
---
services:
  web:
    mem_limit: 512m
```

## Use instead
```yaml
services:
  web:
    image: nginx:1.27-alpine
    restart: unless-stopped
    mem_limit: 512m
```
"""

from pydocklint.findings import FileHit, Severity
from pydocklint.rule import rule


@rule(code="PDC004", name="multiple-documents", severity=Severity.INFO, kind="compose",
      summary="Compose file holds several YAML documents, which Compose merges")
def check(project):
    for compose_file in project.files.values():
        roots = compose_file.document_roots
        for number, root in enumerate(roots[1:], start=2):
            span = (root.line, 1, root.line, root.column + 1)
            yield FileHit(f"YAML document {number} of {len(roots)}: Compose merges it onto the ones before, "
                             "like an override file; use one document (or a separate override file)",
                             span, compose_file.path)
