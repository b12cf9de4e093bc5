"""## What it does
Reports an `ADD` whose sources are all plain local files or folders: no URL,
no Git repository, nothing named like an archive `ADD` would extract (`.tar`,
`.tar.gz`, `.tgz`, `.tar.xz`, `.tar.zst`…), and no variable whose value
could be one. Heredoc sources count as local files. The fix replaces the
keyword with `COPY`, which takes the same `--chown`, `--chmod`, `--link` and
`--exclude` flags; it is offered only when `ADD` has none of its own flags
(`--checksum`, `--keep-git-dir`, `--unpack`).

## Why is this bad?
`ADD` does more than copy: it extracts local tar archives and downloads URLs.
For a plain file `COPY` says exactly what happens, and a file later renamed to
`something.tar.gz` will not start being unpacked by surprise.

## Example
```dockerfile
FROM alpine:3.22
ADD config.yml /etc/app/config.yml
```

## Use instead
```dockerfile
FROM alpine:3.22
COPY config.yml /etc/app/config.yml
```
"""

from pydocklint.dockerfile.stages_runtime import copy_paths, is_archive_name, is_remote_source
from pydocklint.findings import Edit, Fix, Hit, Severity
from pydocklint.rule import rule

ADD_ONLY_FLAGS = ("checksum", "keep-git-dir", "unpack")


@rule(code="PDL501", name="add-instead-of-copy", severity=Severity.WARNING,
      summary="ADD of local files that COPY would copy the same way", covers=("DL3020",), fix="safe")
def check(dockerfile):
    for stage in dockerfile.stages:
        for instruction in stage.instructions:
            if instruction.name != "ADD":
                continue
            sources, destination = copy_paths(instruction)
            if destination is None or not all(_plain_local(source) for source in sources):
                continue
            shown = ", ".join("a heredoc" if source.heredoc else source.text for source in sources)
            yield Hit.at(instruction.keyword_span, f"ADD of local {shown}: use COPY, which copies without "
                         "extracting archives or fetching URLs", _fix(instruction))


def _plain_local(source):
    if source.heredoc:
        return True
    text = source.text
    return "$" not in text and not is_remote_source(text) and not is_archive_name(text)


def _fix(instruction):
    if any(flag.name in ADD_ONLY_FLAGS for flag in instruction.flags):
        return None
    keyword = "copy" if instruction.keyword.islower() else "COPY"
    return Fix("Replace ADD with COPY", (Edit(*instruction.keyword_span, keyword),), safe=True)
