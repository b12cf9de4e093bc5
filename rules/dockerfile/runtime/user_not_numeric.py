"""## What it does
Reports a final image whose user is given by name (`USER app`, `USER
app:app`) instead of a numeric uid (`USER 10001`). Only the `USER` that
applies to the final stage is looked at (its own last one, or one inherited
through `FROM <stage>`): the users of build stages and overridden `USER`
lines never reach the running container. `root` is left to
`final-stage-root-user` (PDL400); a `USER $NAME` whose value is unknown is not
reported. Windows images are not checked: Windows users have no numeric ids.

Differences from hadolint: DL3066 reports every non-numeric `USER`, in every
stage and including `root`; only the one that reaches the final image matters
for the host and for Kubernetes.

## Why is this bad?
Kubernetes' `runAsNonRoot` can only verify a numeric uid: a container whose
image user is a name is refused ("image has non-numeric user, cannot verify
user is non-root"). A name also depends on the image's `/etc/passwd`, and on
the host the uid is what file permissions and audit logs see.

## Example
```dockerfile
FROM alpine:3.22
RUN adduser -D -u 10001 app
USER app
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

from pydocklint.dockerfile.stages_runtime import final_runtime, is_windows, user_of
from pydocklint.findings import Hit, Severity
from pydocklint.rule import rule


@rule(code="PDL402", name="user-not-numeric", severity=Severity.INFO,
      summary="The final stage's USER is a name, not a numeric uid", covers=("DL3066",))
def check(dockerfile):
    runtime = final_runtime(dockerfile)
    instruction = runtime.get("USER") if runtime else None
    if instruction is None or is_windows(dockerfile, runtime):
        return
    user = user_of(dockerfile, instruction)
    if user is not None and not user.is_numeric and not user.is_root:
        yield Hit.at(user.span, f"USER {user.shown} is a name: use the numeric uid (e.g. USER 10001) so the "
                     "host and Kubernetes' runAsNonRoot can tell it is not root")
