"""## What it does
Reports a RUN whose script pipes one command into another (`curl ... | tar x`)
while a failure of the left-hand command would go unnoticed: the stage's SHELL
does not set `-o pipefail`, and the script does not run `set -o pipefail`
before the pipe. Pipes inside `bash -c '...'` are judged by that inner script.

Differences from hadolint: a pipeline whose left-hand commands are only `echo`,
`printf`, `yes` or `true` is not reported, since they cannot fail in a way that
matters (`echo "deb ..." | tee /etc/apt/sources.list.d/x.list`).

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

_HARMLESS = frozenset({"echo", "printf", "yes", "true"})


@rule(code="PDL303", name="pipe-without-pipefail", severity=Severity.WARNING,
      summary="RUN pipes commands without -o pipefail", covers=("DL4006",))
def check(dockerfile):
    in_effect = shells(dockerfile)
    for _, instruction, script in run_scripts(dockerfile):
        if instruction.node.json or _sets_pipefail(in_effect.get(instruction, ())):
            continue
        pipe = _first_unguarded_pipe(script)
        if pipe is not None and pipe.words:
            receiver = pipe.next_in_pipeline.name if pipe.next_in_pipeline is not None else "a command group"
            yield Hit.at(script.span(pipe.words[0]), f"{pipe.name} pipes into "
                         f"{receiver}, and its failure would be ignored: "
                         "set SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"] (or `set -o pipefail` first)")


def _sets_pipefail(words) -> bool:
    words = list(words)
    return any(word == "pipefail" and index > 0 and words[index - 1].startswith("-") and
               words[index - 1].endswith("o") for index, word in enumerate(words))


def _first_unguarded_pipe(script):
    """The first command piped into another before any `set -o pipefail`, at each script depth."""
    guarded: set[int] = set()
    pipeline_start = None
    for command in script.commands:
        if command.name == "set" and _sets_pipefail([word.value for word in command.words]):
            guarded.add(command.depth)
        if command.before not in ("|", "|&"):
            pipeline_start = command
            harmless = True
        # The receiving end may be a subshell or { group } (next_in_pipeline is then None).
        if command.after in ("|", "|&"):
            harmless = harmless and command.name in _HARMLESS
            if not harmless and command.depth not in guarded:
                return pipeline_start if pipeline_start.words and pipeline_start.next_in_pipeline else command
    return None
