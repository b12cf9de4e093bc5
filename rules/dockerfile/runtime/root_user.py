"""## What it does
Reports a final image that runs as root: the last `USER` that applies to the
final stage (its own, or one inherited through `FROM <stage>`) is `root` or
uid `0` (`root:root`, `0:0` and `root:<group>` too). Only the final stage
counts: a build stage that switches to root to install packages does not end
up in the image that runs.

`USER $NAME` is reported only when `$NAME` has a known value (an `ARG` or
`ENV` default). A final stage with no `USER` at all is left to
`final-stage-user-unset` (PDL401), because the base image may set one.

Differences from hadolint: DL3002 also reports the last `USER root` of build
stages that are not the final one; those never run as the container, so they
are not reported here.

## Why is this bad?
A process running as root inside the container is root on the host's kernel:
a container escape or a mounted host path gives the attacker full control.
Kubernetes' `runAsNonRoot` refuses such images.

## Example
```dockerfile
FROM alpine:3.22
RUN adduser -D -u 10001 app
USER root
CMD ["/bin/sh"]
```

## Use instead
```dockerfile
FROM alpine:3.22
RUN adduser -D -u 10001 app
USER 10001
CMD ["/bin/sh"]
```
"""

from pydocklint.dockerfile.stages_runtime import final_runtime, user_of
from pydocklint.findings import Hit, Severity
from pydocklint.rule import rule


@rule(code="PDL400", name="final-stage-root-user", severity=Severity.WARNING,
      summary="The final stage's last USER is root", covers=("DL3002",))
def check(dockerfile):
    runtime = final_runtime(dockerfile)
    instruction = runtime.get("USER") if runtime else None
    if instruction is None:
        return
    user = user_of(dockerfile, instruction)
    if user is not None and user.is_root:
        yield Hit.at(user.span, f"The final image runs as root (USER {user.shown}): switch to an unprivileged "
                     "user, e.g. USER 10001, after the steps that need root")
