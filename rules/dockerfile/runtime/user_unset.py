"""## What it does
Reports a final stage that never sets `USER` (neither itself nor an earlier
stage it is built `FROM`), so the container runs as whatever user the base
image chose. A static linter cannot read the base image's configuration;
this rule assumes root, which is what most base images (`debian`, `alpine`,
`python`, `node`, `scratch`…) use.

To avoid nagging every file, only application images are looked at: the
final stage (or a stage it is built on) must set its own `CMD` or
`ENTRYPOINT`, and not just a bare shell or interpreter (`CMD ["bash"]`,
`CMD ["python3"]`). A file that only adds tools or packages to a base image
is often a base image for others, which then choose the user. Not reported
either:

- base images that say in their name or tag that they run unprivileged
  (`nonroot`, `non-root`, `rootless`, as in `gcr.io/distroless/static:nonroot`);
- base images written with a variable that has no default;
- images that install or call a privilege-dropping tool (`gosu`, `su-exec`,
  `setpriv`, `runuser`, `s6-setuidgid`, `chpst -u`): their entrypoint starts
  as root on purpose and switches user itself, as the official `postgres` and
  `redis` images do;
- Windows images (`nanoserver`, `servercore`, `--platform=windows/…`), whose
  users work differently.

hadolint has no such check: DL3002 only looks at an explicit `USER root`.

## Why is this bad?
Without a `USER`, the application usually runs as root inside the container,
which turns any code-execution bug into root on the host's kernel, and
Kubernetes' `runAsNonRoot` refuses the image.

## Example
```dockerfile
FROM alpine:3.22
COPY --chown=10001 app /usr/local/bin/app
CMD ["app"]
```

## Use instead
```dockerfile
FROM alpine:3.22
COPY --chown=10001 app /usr/local/bin/app
USER 10001
CMD ["app"]
```
"""

import re

from pydocklint.dockerfile.images import resolve_base_image
from pydocklint.dockerfile.stages_runtime import final_runtime, image_span, is_windows, runs_interactive_tool
from pydocklint.findings import Hit, Severity
from pydocklint.rule import rule

# Tools an entrypoint uses to start as root and then run the service as another user.
PRIVILEGE_DROPPERS = re.compile(r"\b(gosu|su-exec|setpriv|runuser|s6-setuidgid|chpst\s+-u)\b")
# Words in an image reference that say the image already runs unprivileged.
UNPRIVILEGED_MARKERS = ("nonroot", "non-root", "rootless")


@rule(code="PDL401", name="final-stage-user-unset", severity=Severity.INFO,
      summary="The final stage sets no USER, so it likely runs as root")
def check(dockerfile):
    runtime = final_runtime(dockerfile)
    if runtime is None or runtime.get("USER") is not None or is_windows(dockerfile, runtime):
        return
    if runtime.get("CMD") is None and runtime.get("ENTRYPOINT") is None or runs_interactive_tool(runtime):
        return  # no start command of its own, or a bare shell or interpreter: a base or tooling image
    root_stage = runtime.root.stage
    image = resolve_base_image(dockerfile, root_stage)
    if image is None or any(marker in image.lower() for marker in UNPRIVILEGED_MARKERS):
        return
    if _drops_privileges(runtime):
        return
    yield Hit.at(image_span(runtime.stage), f"The final stage sets no USER, so it runs as the base image's user "
                 f"({image}; root for most images): add USER <uid> with an unprivileged numeric id")



def _drops_privileges(runtime):
    """Whether the final image's RUN, CMD or ENTRYPOINT lines mention a privilege-dropping tool."""
    return any(instruction.name in ("RUN", "CMD", "ENTRYPOINT") and PRIVILEGE_DROPPERS.search(instruction.node.original)
               for stage_runtime in runtime.chain for instruction in stage_runtime.stage.instructions)
