"""## What it does
Reports an `ADD` whose sources are all plain local files or folders: no URL,
no Git repository, nothing named like an archive `ADD` would extract (`.tar`,
`.tar.gz`, `.tgz`, `.tar.xz`, `.tar.zst`…). A source with a variable is
judged by its value from the ARG/ENV in scope (`ENV JAR=app.jar` then
`ADD $JAR /opt/` is reported); one whose value is unknown (an ARG without a
default) could be a URL or an archive and is left alone. Heredoc sources
count as local files. The fix replaces the
keyword with `COPY`, which takes the same `--chown`, `--chmod`, `--link` and
`--exclude` flags; it is offered only when `ADD` has none of its own flags
(`--checksum`, `--keep-git-dir`, `--unpack`) and no source holds a variable
(a build argument could turn it into a URL).

Differences from hadolint: hadolint reports every `ADD $VAR` source that is
not literally a URL or an archive name, without substituting; pydocklint
stays quiet when the variable's value is a URL, an archive, or unknown.

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

from pydocklint.dockerfile.stages_runtime import (
    copy_paths, expand_known, is_archive_name, is_remote_source, walk_environment,
)
from pydocklint.findings import Edit, Fix, Hit, Severity
from pydocklint.rule import rule

ADD_ONLY_FLAGS = ("checksum", "keep-git-dir", "unpack")


@rule(code="PDL501", name="add-instead-of-copy", severity=Severity.WARNING,
      summary="ADD of local files that COPY would copy the same way", covers=("DL3020",), fix="safe")
def check(dockerfile):
    for stage in dockerfile.stages:
        if not any(instruction.name == "ADD" for instruction in stage.instructions):
            continue
        for instruction, env in walk_environment(dockerfile, stage):
            if instruction.name != "ADD":
                continue
            sources, destination = copy_paths(instruction)
            if destination is None:
                continue
            shown = [_shown_if_local(source, env, dockerfile.escape) for source in sources]
            if None in shown:
                continue
            # A variable's value can be overridden at build time (--build-arg URL): no fix that assumes it.
            fix = _fix(instruction) if not any("$" in source.text for source in sources) else None
            yield Hit.at(instruction.keyword_span, f"ADD of local {', '.join(shown)}: use COPY, which copies "
                         "without extracting archives or fetching URLs", fix)


def _shown_if_local(source, env, escape):
    """How to name a source that is a plain local file or folder, or None when it is not (or may not be)."""
    if source.heredoc:
        return "a heredoc"
    text = source.text
    value = expand_known(text, env, escape) if "$" in text else text
    if not value or is_remote_source(value) or is_archive_name(value):
        return None
    return text if value == text else f"{text} (= {value})"


def _fix(instruction):
    if any(flag.name in ADD_ONLY_FLAGS for flag in instruction.flags):
        return None
    keyword = "copy" if instruction.keyword.islower() else "COPY"
    return Fix("Replace ADD with COPY", (Edit(*instruction.keyword_span, keyword),), safe=True)
