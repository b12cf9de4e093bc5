"""## What it does
Reports a program written as a relative path under a top-level system
directory (`ENTRYPOINT ["usr/bin/mongod"]`, `ENTRYPOINT bin/bash`): the
leading `/` was forgotten. It checks the program of `ENTRYPOINT`, `CMD` (when
no `ENTRYPOINT` takes its words as arguments), exec-form `RUN` and
`HEALTHCHECK CMD`, and the first word of a shell-form `ENTRYPOINT` or `CMD`.

Only paths whose first directory is one of `bin`, `sbin`, `usr`, `opt`, `etc`,
`lib`, `lib64`, `srv`, `var`, `home` and `root` are reported. A path written
`./app` or `../bin/app`, or under an application directory (`build/app`),
is deliberately relative to the WORKDIR and left alone, and nothing is
reported when the stage's WORKDIR is `/`, where the path happens to work.

## Why is this bad?
A program path that contains a `/` is not looked up in `PATH`: it is resolved
against the working directory. `usr/bin/mongod` works only while the
WORKDIR is `/`; once the image (or its base image) sets `WORKDIR /app`, the
container fails with "no such file or directory" for `/app/usr/bin/mongod`.

## Example
```dockerfile
FROM alpine:3.22
COPY backup.sh /usr/local/bin/backup
USER 10001
WORKDIR /data
ENTRYPOINT ["usr/local/bin/backup"]
```

## Use instead
```dockerfile
FROM alpine:3.22
COPY backup.sh /usr/local/bin/backup
USER 10001
WORKDIR /data
ENTRYPOINT ["/usr/local/bin/backup"]
```
"""

from pydocklint.dockerfile.stages_runtime import exec_commands, stage_runtimes
from pydocklint.findings import Hit, Severity
from pydocklint.rule import rule

_ROOT_DIRECTORIES = frozenset({"bin", "sbin", "usr", "opt", "etc", "lib", "lib64", "srv", "var", "home", "root"})


@rule(code="PDL413", name="exec-relative-executable", severity=Severity.WARNING,
      summary="Program written as a relative path such as usr/bin/app: it resolves against WORKDIR, not /")
def check(dockerfile):
    workdirs = {runtime.stage.index: _workdir(runtime) for runtime in stage_runtimes(dockerfile)}
    for command in exec_commands(dockerfile):
        program = command.words[0]
        if command.runs_program and _is_forgotten_root(program.value, workdirs[command.instruction.stage]):
            yield Hit.at(command.span(program), _message(command.keyword, program.value))
    for runtime in stage_runtimes(dockerfile):
        for keyword in ("ENTRYPOINT", "CMD"):
            instruction = runtime.get(keyword)
            if instruction is None or instruction.stage != runtime.stage.index or instruction.node.json:
                continue
            if keyword == "CMD" and runtime.get("ENTRYPOINT") is not None:
                continue
            words = instruction.argument_words()
            if words and _is_forgotten_root(words[0][1], workdirs[runtime.stage.index]):
                offset, word = words[0]
                yield Hit.at(instruction.span_at(offset, len(word)), _message(instruction.keyword, word))


def _workdir(runtime) -> str | None:
    """The stage's last WORKDIR as written (None when the file sets none)."""
    instruction = runtime.get("WORKDIR")
    return instruction.args[0] if instruction is not None and instruction.args else None


def _is_forgotten_root(program: str, workdir: str | None) -> bool:
    first, slash, _ = program.partition("/")
    return bool(slash) and first in _ROOT_DIRECTORIES and workdir not in ("/", "\\")


def _message(keyword: str, program: str) -> str:
    return (f"{keyword} runs {program}, a path relative to the working directory, not to /: "
            f"write /{program}")
