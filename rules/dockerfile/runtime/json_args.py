"""## What it does
Reports `CMD` and `ENTRYPOINT` written in shell form (`CMD nginx -g 'daemon
off;'`) while the stage has no `SHELL` of its own (none in the stage, none in
an earlier stage it is built `FROM`): the same condition as BuildKit's
JSONArgsRecommended. When the command uses no shell syntax, the message
suggests the exec form to write. A command that starts with `[` but is not
valid JSON (single quotes, a missing comma, a comment after the `]`) is
reported as such: Docker silently runs it as a shell command. `ONBUILD`
triggers are not checked: they run in another build.

BuildKit also stays quiet when the base image's configuration sets a shell.
That configuration is unknown here; this rule assumes external base images set
no `SHELL`, which holds for the official Linux images (the `SHELL`
instruction is almost only used for Windows images, and there it is written in
the Dockerfile itself).

Differences from hadolint: DL3025 also reports `HEALTHCHECK CMD` in shell
form; that is `healthcheck-shell-form` (PDL407) here, at info level, because
a health check does not receive signals. hadolint ignores `SHELL`.

A shell-form `ENTRYPOINT` also loses the `CMD` and `docker run` arguments:
`entrypoint-shell-form-ignores-cmd` (PDL408) reports that at the `ENTRYPOINT`
keyword, naming the `CMD`; this rule keeps the signal advice at the arguments.

## Why is this bad?
In shell form the command runs as `/bin/sh -c "…"`: the shell is PID 1, so
`docker stop`'s SIGTERM goes to the shell, not to the application, which is
killed without a clean shutdown after the stop timeout. A shell form
`ENTRYPOINT` also ignores `CMD` and `docker run` arguments.

## Example
```dockerfile
FROM python:3.12-slim
WORKDIR /app
COPY app.py .
USER 10001
CMD python app.py
```

## Use instead
```dockerfile
FROM python:3.12-slim
WORKDIR /app
COPY app.py .
USER 10001
CMD ["python", "app.py"]
```
"""

from pydocklint.dockerfile.fix_edits import exec_form, replace_arguments
from pydocklint.dockerfile.shell import DEFAULT_SHELL, is_posix_shell, shells
from pydocklint.dockerfile.stages_runtime import arguments_span, exec_form_suggestion, stage_runtimes
from pydocklint.findings import Fix, Hit, Severity
from pydocklint.rule import rule


@rule(code="PDL403", name="json-args-recommended", severity=Severity.WARNING,
      summary="CMD or ENTRYPOINT in shell form: signals do not reach the application",
      covers=("JSONArgsRecommended", "DL3025"), fix="unsafe")
def check(dockerfile):
    runtimes = stage_runtimes(dockerfile)
    for runtime in runtimes:
        shell_set = runtime.parent is not None and runtime.parent.get("SHELL") is not None
        for instruction in runtime.stage.instructions:
            name = instruction.name
            if name == "SHELL":
                shell_set = True
            elif name in ("CMD", "ENTRYPOINT") and not instruction.node.json and not shell_set:
                if "".join(instruction.args).strip():
                    yield Hit.at(arguments_span(instruction), _message(instruction),
                                 _exec_form_fix(dockerfile, instruction, runtimes))


def _message(instruction):
    command = instruction.args[0]
    if command.lstrip().startswith("["):
        return (f"{instruction.keyword} looks like exec form but is not valid JSON (check the quotes, commas and "
                "anything after the ]), so Docker runs it as a shell command")
    suggestion = exec_form_suggestion(command)
    name = instruction.name
    advice = f"write {name} {suggestion}" if suggestion else f"write it in exec form, {name} [\"…\"]"
    return (f"{instruction.keyword} in shell form runs through /bin/sh -c, so signals such as docker stop's SIGTERM "
            f"may not reach the application: {advice}")


def _exec_form_fix(dockerfile, instruction, runtimes):
    """Rewrite in exec form a command that needs no shell, where the image's behaviour otherwise stays the same.

    Not for a non-POSIX shell (cmd's built-ins have no program to exec), nor for
    an ENTRYPOINT that a CMD reaches: in exec form it would receive the CMD as arguments.
    """
    argv = exec_form(instruction.args[0])
    if argv is None or not is_posix_shell(shells(dockerfile).get(instruction, DEFAULT_SHELL)):
        return None
    if instruction.name == "ENTRYPOINT" and instruction in _entrypoints_given_cmd(runtimes):
        return None
    edit = replace_arguments(dockerfile, instruction, argv)
    return Fix(f"Write {instruction.name} in exec form", (edit,), safe=False) if edit else None


def _entrypoints_given_cmd(runtimes) -> set:
    """ENTRYPOINTs of a stage, or inherited by a stage, that has a CMD: Docker keeps that CMD beside them."""
    found = set()
    for runtime in runtimes:
        instructions = runtime.stage.instructions
        if any(instruction.name == "CMD" for instruction in instructions):
            found.update(instruction for instruction in instructions if instruction.name == "ENTRYPOINT")
            if runtime.parent is not None and runtime.parent.get("ENTRYPOINT") is not None:
                found.add(runtime.parent.get("ENTRYPOINT"))
    return found
