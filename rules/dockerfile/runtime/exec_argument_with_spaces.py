"""## What it does
Reports an exec-form element that holds several words where the program
expects several arguments: `ENTRYPOINT ["npm start"]`, `RUN ["apt-get
install -y curl"]` (a program whose name contains spaces) and `CMD
["--port 27017"]` (an option and its value in one argument). Applies to
`RUN`, `CMD`, `ENTRYPOINT` and `HEALTHCHECK CMD` in exec form, `ONBUILD`
triggers included. The message gives the split array.

To stay free of false positives, only two shapes are reported: the program
(the first element, unless it is a `CMD` that only gives arguments to an
`ENTRYPOINT`) containing a blank, and a later element that is exactly
`--option value`. Nothing is reported after a shell or interpreter (`sh -c`,
`bash -lc`, `python -c`, `node -e`, `powershell -Command`, `cmd /S /C`),
whose argument is a script, nor for Windows paths such as `C:\\Program
Files\\app.exe` or programs named in capitalised words (`Plex Media Server`). `SHELL` is not checked.

## Why is this bad?
Exec form passes each element as one argument, with no shell to split it.
`["npm start"]` asks for a program named `npm start`, which does not exist,
and `["--port 27017"]` gives the program one argument `--port 27017`, which
it rejects or misreads.

## Example
```dockerfile
FROM node:22-slim
WORKDIR /app
COPY . .
USER 10001
CMD ["npm start"]
```

## Use instead
```dockerfile
FROM node:22-slim
WORKDIR /app
COPY . .
USER 10001
CMD ["npm", "start"]
```
"""

import json
import re

from pydocklint.dockerfile.stages_runtime import exec_commands
from pydocklint.findings import Hit, Severity
from pydocklint.rule import rule

# `--port 27017`: a long option and one value, nothing that a program would read as one argument.
_OPTION_AND_VALUE = re.compile(r"--[A-Za-z][\w-]*[ \t]+[^\s\-=$'\"{}][^\s=$'\"{}]*")
# Programs whose arguments include a script to run: nothing after them is judged.
_INTERPRETERS = frozenset({
    "sh", "bash", "ash", "dash", "zsh", "ksh", "fish", "busybox", "cmd", "cmd.exe", "powershell", "powershell.exe",
    "pwsh", "pwsh.exe", "python", "python2", "python3", "node", "nodejs", "deno", "bun", "perl", "ruby", "php",
    "lua", "tclsh", "su", "runuser", "expect", "env", "xargs", "find", "watch", "flock", "tini", "dumb-init",
})  # fmt: skip


@rule(code="PDL409", name="exec-form-argument-with-spaces", severity=Severity.ERROR,
      summary="Exec-form element with several words: the program gets one argument with spaces")
def check(dockerfile):
    for command in exec_commands(dockerfile):
        words = command.words
        if command.runs_program and _is_program_with_arguments(words[0].value):
            yield _hit(command, 0, f"{command.keyword} runs a program named \"{words[0].value}\"")
            continue
        if command.runs_program and _runs_script(words[0].value):
            continue
        for index, word in enumerate(words):
            if (index or not command.runs_program) and _OPTION_AND_VALUE.fullmatch(word.value.strip()):
                yield _hit(command, index, f"{command.keyword} passes \"{word.value}\" as one argument")
                break


def _hit(command, index, what):
    values = [word.value for word in command.words]
    split = values[:index] + values[index].split() + values[index + 1:]
    return Hit.at(command.span(command.words[index]), f"{what}: exec form does not split words, write "
                  f"{command.keyword} {json.dumps(split)}")


def _is_program_with_arguments(program: str) -> bool:
    """A program name with blanks in it, other than a Windows path (`C:\\Program Files\\…`)."""
    stripped = program.strip()
    if not any(blank in stripped for blank in " \t") or "\\" in stripped or re.match(r"[A-Za-z]:", stripped):
        return False
    if all(word[0].isupper() for word in stripped.split()):
        return False  # an application named in words, such as "Plex Media Server"
    return not re.search(r"Program Files|Application Support", stripped)


def _runs_script(program: str) -> bool:
    name = program.replace("\\", "/").rsplit("/", 1)[-1].lower()
    return name in _INTERPRETERS or re.fullmatch(r"(python|php|ruby|perl|node)[\d.]*(\.exe)?", name) is not None
