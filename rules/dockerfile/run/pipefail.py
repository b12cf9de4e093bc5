"""## What it does
Reports a RUN whose script pipes one command into another (`curl ... | tar x`)
while a failure of the left-hand command would go unnoticed: the stage's SHELL
does not set `-o pipefail`, and the script does not run `set -o pipefail`
before the pipe. Pipes inside `bash -c '...'` are judged by that inner script.

A `{ ...; }` group piped on is judged by its last command, as the shell does.

Differences from hadolint: a pipeline whose left-hand commands are only `echo`,
`printf`, `yes` or `true`, or a group ending in `|| :` / `|| true`, is not
reported, since they cannot fail in a way that matters
(`echo "deb ..." | tee /etc/apt/sources.list.d/x.list`). With `yes | tool`,
pipefail would even fail the build: `yes` is killed by SIGPIPE when `tool` exits.

## Why is this bad?
A shell pipeline's exit status is that of its last command. When the download
in `curl -fsSL $URL | tar -xz` fails, `tar` sees an empty stream, may succeed,
and the build goes on with a broken image.

## Example
```dockerfile
FROM debian:12.8
RUN curl -fsSL https://example.com/tool-1.2.tar.gz | tar -xz -C /usr/local
```

## Use instead
```dockerfile
FROM debian:12.8
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN curl -fsSL https://example.com/tool-1.2.tar.gz | tar -xz -C /usr/local
```
"""

from pydocklint.dockerfile.shell import run_scripts, shells
from pydocklint.findings import Hit, Severity
from pydocklint.rule import rule

_HARMLESS = frozenset({"echo", "printf", "yes", "true", ":"})


@rule(code="PDL303", name="pipe-without-pipefail", severity=Severity.WARNING,
      summary="RUN pipes commands without -o pipefail", covers=("DL4006",))
def check(dockerfile):
    in_effect = shells(dockerfile)
    for _, instruction, script in run_scripts(dockerfile):
        if instruction.node.json or _sets_pipefail(in_effect.get(instruction, ())):
            continue
        pipe = _first_unguarded_pipe(script)
        if pipe is not None and pipe.words:
            receiver = _receiver(script, pipe)
            yield Hit.at(script.span(pipe.words[0]), f"{pipe.name} pipes into "
                         f"{receiver}, and its failure would be ignored: "
                         "set SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"] (or `set -o pipefail` first)")


def _sets_pipefail(words) -> bool:
    words = list(words)
    return any(word == "pipefail" and index > 0 and words[index - 1].startswith("-") and
               words[index - 1].endswith("o") for index, word in enumerate(words))


def _first_unguarded_pipe(script):
    """The first command whose failure a pipe hides, before any `set -o pipefail` at its script depth."""
    guarded: set[int] = set()
    commands = script.commands
    for index, command in enumerate(commands):
        if command.name == "set" and _sets_pipefail([word.value for word in command.words]):
            guarded.add(command.depth)
        if command.before in _PIPES and index > 0 and commands[index - 1].after not in _PIPES:
            # `{ ...; } | command`: the group is the left side, and its last command decides its status.
            last = commands[index - 1]
            if not _group_cannot_fail(last) and last.depth not in guarded:
                return last
        # The receiving end may be a subshell or { group } (next_in_pipeline is then None).
        if command.after in _PIPES and not left_of_pipe_cannot_fail(commands, index) and \
                command.depth not in guarded:
            return command if command.words else commands[index - 1]
    return None


_PIPES = ("|", "|&")


def left_of_pipe_cannot_fail(commands, index: int) -> bool:
    """Whether the command at ``index``, piped into the next, cannot fail in a way pipefail would catch.

    A `{ ...; }` group with a redirection, piped on, ends in an empty command;
    the group's status is that of its last command.
    """
    command = commands[index]
    if command.words:
        return command.name in _HARMLESS
    return index == 0 or _group_cannot_fail(commands[index - 1])


def _group_cannot_fail(last) -> bool:
    """A group whose last command is harmless, or the fallback of `||` (`{ tool --help || :; }`), cannot fail."""
    return last.name in _HARMLESS or (last.before == "||" and last.name in (":", "true"))


def _receiver(script, pipe) -> str:
    """The name of the command ``pipe`` pipes into: the next one, past the end of a group it closes."""
    if pipe.next_in_pipeline is not None:
        return pipe.next_in_pipeline.name
    commands = script.commands
    index = commands.index(pipe) + 1
    while index < len(commands) and not commands[index].words and commands[index].after in _PIPES:
        index += 1  # the end of a { group } with a redirection
    if index < len(commands) and commands[index].before in _PIPES and commands[index].words:
        return commands[index].name
    return "a command group"
