"""## What it does
Notes `HEALTHCHECK NONE` in the final image (the final stage or a stage it is
built `FROM`). It is reported once, where it is written, as a reminder that
the image deliberately has no health check.

## Why is this bad?
`HEALTHCHECK NONE` switches off the health check the base image defines.
That is sometimes the right call (the orchestrator probes the service
itself), but it also silently removes a check someone wrote on purpose; the
note makes the decision visible in review.

## Example
```dockerfile
FROM nginx:1.27
HEALTHCHECK NONE
```

## Use instead
```dockerfile
FROM nginx:1.27
HEALTHCHECK --interval=30s --timeout=3s CMD curl -fsS http://localhost/ || exit 1
```
"""

from pydocklint.dockerfile.stages_runtime import arguments_span, final_runtime
from pydocklint.findings import Hit, Severity
from pydocklint.rule import rule


@rule(code="PDL406", name="healthcheck-none", severity=Severity.INFO,
      summary="HEALTHCHECK NONE disables the base image's health check")
def check(dockerfile):
    runtime = final_runtime(dockerfile)
    healthcheck = runtime.get("HEALTHCHECK") if runtime else None
    if healthcheck is not None and healthcheck.args and healthcheck.args[0].upper() == "NONE":
        yield Hit.at(arguments_span(healthcheck), "HEALTHCHECK NONE disables any health check the base image "
                     "defines: make sure the orchestrator checks the service instead")
