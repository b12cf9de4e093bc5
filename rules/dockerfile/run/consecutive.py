"""## What it does
Reports a RUN that directly follows another RUN of the same stage with the
same flags (`--mount`, `--network`, `--security`), when each is a single
simple command (a pipeline or a command substitution makes more than one) and
neither is a heredoc script. Blank lines and comments between them do not
matter, as in hadolint's DL3059. The RUNs of Windows images, run by cmd or
PowerShell, count their commands at `&`/`;`, `&&`, `||` and `|`; merging them
is left to you (with `;` in PowerShell, `&&` in cmd), as no fix is offered
there.

## Why is this bad?
Every RUN creates a layer. Splitting one step over several RUNs makes the
image larger (files deleted in a later RUN still ship in the earlier one) and
the build slower.

## Example
```dockerfile
FROM alpine:3.22
RUN apk add --no-cache curl=8.11.1-r0
RUN mkdir /app
```

## Use instead
```dockerfile
FROM alpine:3.22
RUN apk add --no-cache curl=8.11.1-r0 \
 && mkdir /app
```
"""

from pydocklint.dockerfile.fix_edits import merge_runs
from pydocklint.dockerfile.shell import script_of, shells
from pydocklint.dockerfile.windows_shell import command_count, shell_name, windows_run_scripts
from pydocklint.findings import Fix, Hit, Severity
from pydocklint.rule import rule


@rule(code="PDL302", name="consecutive-run", severity=Severity.INFO,
      summary="Consecutive RUN instructions could be merged into one", covers=("DL3059",), fix="unsafe")
def check(dockerfile):
    windows = {instruction: script for _, instruction, script in windows_run_scripts(dockerfile)}
    for stage in dockerfile.stages:
        previous = None
        for instruction in stage.instructions:
            if instruction.name != "RUN":
                previous = None
                continue
            if previous is not None and _mergeable(dockerfile, windows, previous, instruction):
                if instruction in windows:  # no fix: merging cmd or PowerShell scripts is left to the author
                    joiner = ";" if shell_name(shells(dockerfile)[instruction]) == "powershell" else "&&"
                    fix = None
                else:
                    joiner, fix = "&&", _merge_fix(dockerfile, previous, instruction)
                yield Hit.at(instruction.keyword_span, f"This RUN directly follows the RUN on line {previous.line}: "
                             f"merge them with {joiner} to save a layer", fix)
            previous = instruction


def _merge_fix(dockerfile, first, second):
    edits = merge_runs(dockerfile, first, second)
    return Fix(f"Merge into the RUN on line {first.line}", edits, safe=False) if edits else None


def _mergeable(dockerfile, windows, first, second) -> bool:
    if sorted(f"{flag.name}={flag.value}" for flag in first.flags) != \
            sorted(f"{flag.name}={flag.value}" for flag in second.flags):
        return False
    return _short(dockerfile, windows, first) and _short(dockerfile, windows, second)


def _short(dockerfile, windows, instruction) -> bool:
    if instruction.node.heredocs:
        return False
    if instruction in windows:  # `powershell -Command "a; b"` is two commands: the inner script counts
        return command_count(windows[instruction]) <= 1
    script = script_of(dockerfile, instruction)
    if script is None:
        return False
    # As in hadolint: every simple command counts, those of pipelines and substitutions included.
    return sum(1 for command in script.commands if command.words and command.depth == 0) <= 1
