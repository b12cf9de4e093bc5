"""## What it does
Reports a local tar archive that is `COPY`-ed into the image and then
extracted by `tar` in a later RUN of the same stage. The archive is matched by
file name: the `tar` file operand (`-xf app.tar.gz`, `--file=...`) names the
copied file or its destination. The finding points at the archive in the COPY.
Zip files are not reported, since `ADD` does not extract them; neither is an
archive whose checksum or signature is checked (`sha256sum`, `gpg`, ...) after
the COPY and before extracting it, nor one in a builder stage whose files reach
the image only through `COPY --from`.

## Why is this bad?
`ADD` extracts a local tar archive (plain, gzip, bzip2 or xz) straight into the
destination. Copying it first puts the archive itself into a layer that ships
with the image, next to its extracted content, and needs a RUN to unpack it.

## Example
```dockerfile
FROM debian:12.8
COPY app-1.2.tar.gz /tmp/
RUN tar -xzf /tmp/app-1.2.tar.gz -C /opt
```

## Use instead
```dockerfile
FROM debian:12.8
ADD app-1.2.tar.gz /opt/
```
"""

import posixpath

from pydocklint.dockerfile.shell import copied_only_stages, run_scripts
from pydocklint.findings import Hit, Severity
from pydocklint.rule import rule

_VERIFIERS = ("sha256sum", "sha512sum", "sha1sum", "md5sum", "gpg", "gpgv", "cosign", "minisign")
_TAR_EXTENSIONS = (".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz", ".tbz2", ".tb2", ".tar.xz", ".txz", ".tar.lzma",
                   ".tar.Z", ".tZ", ".tar.lz", ".tlz", ".tpz")


@rule(code="PDL309", name="copy-archive-then-extract", severity=Severity.INFO,
      summary="Archive copied then extracted in a RUN, where ADD would extract it", covers=("DL3010",))
def check(dockerfile):
    runs_by_stage: dict[int, list] = {}
    for stage, instruction, script in run_scripts(dockerfile, onbuild=False):
        runs_by_stage.setdefault(stage.index, []).append((instruction, script))
    builders = copied_only_stages(dockerfile)
    for stage in dockerfile.stages:
        runs = runs_by_stage.get(stage.index)
        if not runs or stage.index in builders:
            continue
        for instruction in stage.instructions:
            if instruction.name != "COPY" or instruction.flag("from") or instruction.node.heredocs:
                continue
            for span, names in _copied_archives(instruction):
                line = _extracting_run(runs, instruction.line, names)
                if line is not None:
                    shown = sorted(names)[0]
                    yield Hit.at(span, f"Archive {shown} is copied, then extracted by the RUN on line {line}: "
                                 "ADD extracts local tar archives itself, without shipping the archive")


def _copied_archives(instruction):
    """(span of the source, file names it may have in the image) for each tar archive the COPY copies."""
    words = [(None, arg) for arg in instruction.args] if instruction.node.json else instruction.argument_words()
    if len(words) < 2:
        return
    destination = words[-1][1]
    for offset, source in words[:-1]:
        if not source.endswith(_TAR_EXTENSIONS) or any(c in source for c in "*?["):
            continue
        names = {posixpath.basename(source)}
        if not destination.endswith("/") and destination.endswith(_TAR_EXTENSIONS):
            names.add(posixpath.basename(destination))
        span = instruction.span if offset is None else instruction.span_at(offset, len(source))
        yield span, names


def _extracting_run(runs, after_line: int, names: set[str]) -> int | None:
    """The line of the first later RUN extracting one of ``names``, unless the archive is verified first."""
    for instruction, script in runs:
        if instruction.line <= after_line:
            continue
        if script.named(*_VERIFIERS):
            return None  # a checksum or signature check before extracting: a reason to COPY, not ADD
        for command in script.named("tar"):
            archive = _extracted_file(command)
            if archive is not None and posixpath.basename(archive) in names:
                return instruction.line
    return None


def _extracted_file(command) -> str | None:
    """The archive a `tar` command extracts, or None when it does not extract a named file."""
    args = [word.value for word in command.args]
    extracting = False
    archive = None
    for index, value in enumerate(args):
        if value in ("-x", "--extract", "--get"):
            extracting = True
        elif value.startswith("--file="):
            archive = value.split("=", 1)[1]
        elif value in ("-f", "--file") and index + 1 < len(args):
            archive = args[index + 1]
        elif value.startswith("-") and not value.startswith("--") or index == 0 and not value.startswith("-"):
            # A cluster: -xzf FILE, or the old style without a dash as the first argument (tar xzf FILE).
            letters = value.lstrip("-")
            if "x" in letters:
                extracting = True
            if letters.endswith("f") and index + 1 < len(args):
                archive = args[index + 1]
    return archive if extracting else None
