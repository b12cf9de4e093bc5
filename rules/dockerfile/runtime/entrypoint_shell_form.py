"""## What it does
Reports an `ENTRYPOINT` in shell form (`ENTRYPOINT python app.py`): Docker
runs it as `/bin/sh -c "python app.py"`, and the `CMD` and `docker run`
arguments are appended after the script, where the shell ignores them. It is
an error when a `CMD` is written for that entrypoint: in the same stage (before
or after it), inherited from an earlier stage this one is built `FROM`, or in
a later stage built on this one. Otherwise it is a warning, for the `docker
run` arguments.

Only `CMD`s of this file are known: a `CMD` the external base image sets is
reset by Docker anyway when a stage sets an `ENTRYPOINT`. Stages whose `SHELL`
is not a POSIX shell (PowerShell, cmd) are not reported, nor are `ONBUILD`
triggers.

`json-args-recommended` (PDL403, DL3025) reports the same `ENTRYPOINT` at its
arguments with the general advice about signals; this rule points at the
`ENTRYPOINT` keyword and names the `CMD` that is lost.

## Why is this bad?
The `CMD` never runs: `ENTRYPOINT python app.py` with `CMD ["--port",
"8080"]` starts the application without `--port 8080`, silently. Arguments to
`docker run image --debug` are dropped the same way, and the shell, not the
application, is PID 1, so `docker stop` does not reach the application.

## Example
```dockerfile
FROM python:3.12-slim
COPY report.py /app/report.py
USER 10001
ENTRYPOINT python /app/report.py
CMD ["--format", "csv"]
```

## Use instead
```dockerfile
FROM python:3.12-slim
COPY report.py /app/report.py
USER 10001
ENTRYPOINT ["python", "/app/report.py"]
CMD ["--format", "csv"]
```
"""

from pydocklint.dockerfile.shell import DEFAULT_SHELL, is_posix_shell, shells
import re

from pydocklint.dockerfile.stages_runtime import exec_form_suggestion, is_windows, stage_runtimes
from pydocklint.findings import Hit, Severity
from pydocklint.rule import rule


@rule(code="PDL408", name="entrypoint-shell-form-ignores-cmd", severity=Severity.ERROR,
      summary="Shell-form ENTRYPOINT: CMD and docker run arguments are ignored")
def check(dockerfile):
    runtimes = stage_runtimes(dockerfile)
    later_cmds = _cmds_of_later_stages(runtimes)
    stage_shells = shells(dockerfile)
    for runtime in runtimes:
        if is_windows(dockerfile, runtime):
            continue  # cmd /S /C passes the rest of the command line, CMD included, to the program
        own_cmd = _last(runtime.stage.instructions, "CMD")
        inherited_cmd = runtime.parent.get("CMD") if runtime.parent is not None else None
        # Only the stage's last ENTRYPOINT takes effect (an overridden one is multiple-instructions' business).
        instruction = _last(runtime.stage.instructions, "ENTRYPOINT")
        if instruction is None or instruction.node.json or not "".join(instruction.args).strip():
            continue
        if _POSITIONAL.search(" ".join(instruction.args)):
            continue  # `exec app "$@"`: the CMD arrives as the script's positional parameters
        if not is_posix_shell(stage_shells.get(instruction, DEFAULT_SHELL)):
            continue  # PowerShell appends the arguments to its command: another story
        yield _hit(instruction, own_cmd, inherited_cmd, later_cmds.get(instruction))


def _hit(instruction, own_cmd, inherited_cmd, later_cmd):
    span = instruction.keyword_span
    if own_cmd is not None:
        return Hit.at(span, f"{instruction.keyword} in shell form ignores the CMD on line {own_cmd.line}: write the "
                      f"ENTRYPOINT in exec form, {_suggestion(instruction)}", severity=Severity.ERROR)
    if inherited_cmd is not None:
        return Hit.at(span, f"{instruction.keyword} in shell form ignores the CMD inherited from line "
                      f"{inherited_cmd.line} (Docker also resets an inherited CMD when a stage sets ENTRYPOINT): "
                      f"write the ENTRYPOINT in exec form and repeat the CMD in this stage", severity=Severity.ERROR)
    if later_cmd is not None:
        return Hit.at(span, f"{instruction.keyword} in shell form ignores the CMD on line {later_cmd.line} of a stage "
                      f"built on this one: write the ENTRYPOINT in exec form, {_suggestion(instruction)}",
                      severity=Severity.ERROR)
    return Hit.at(span, f"{instruction.keyword} in shell form ignores docker run arguments: write it in exec form, "
                  f"{_suggestion(instruction)}", severity=Severity.WARNING)


def _suggestion(instruction) -> str:
    suggestion = exec_form_suggestion(" ".join(instruction.args))
    return f"ENTRYPOINT {suggestion}" if suggestion else 'ENTRYPOINT ["…"]'


# "$@", $*, $1 or ${2}: the script reads the arguments Docker appends after it.
_POSITIONAL = re.compile(r"\$(\{)?[@*0-9]")


def _last(instructions, keyword):
    """The stage's last instruction of that keyword; an empty `CMD []` (clearing CMD) does not count."""
    found = None
    for instruction in instructions:
        if instruction.name == keyword:
            found = instruction if instruction.args or keyword != "CMD" else None
    return found


def _cmds_of_later_stages(runtimes):
    """For an ENTRYPOINT that later stages inherit: the first CMD one of them sets under it."""
    found = {}
    for runtime in runtimes:
        entrypoint = runtime.get("ENTRYPOINT")
        if entrypoint is None or entrypoint.stage == runtime.stage.index:
            continue
        cmd = _last(runtime.stage.instructions, "CMD")
        if cmd is not None:
            found.setdefault(entrypoint, cmd)
    return found
