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

from pydocklint.dockerfile.stages_runtime import arguments_span, exec_form_suggestion, stage_runtimes
from pydocklint.findings import Hit, Severity
from pydocklint.rule import rule


@rule(code="PDL403", name="json-args-recommended", severity=Severity.WARNING,
      summary="CMD or ENTRYPOINT in shell form: signals do not reach the application",
      covers=("JSONArgsRecommended", "DL3025"))
def check(dockerfile):
    for runtime in stage_runtimes(dockerfile):
        shell_set = runtime.parent is not None and runtime.parent.get("SHELL") is not None
        for instruction in runtime.stage.instructions:
            name = instruction.name
            if name == "SHELL":
                shell_set = True
            elif name in ("CMD", "ENTRYPOINT") and not instruction.node.json and not shell_set:
                if "".join(instruction.args).strip():
                    yield Hit.at(arguments_span(instruction), _message(instruction))


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
