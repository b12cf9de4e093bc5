"""## What it does
Checks the final image's labels against the `label-schema` of the
configuration (label name → type, as in hadolint's `label-schema`): every
label the schema names must be set, in the final stage or a stage it is built
`FROM`, and the finding points at the final stage's `FROM`. With the rule
option `strict-labels = true`, a `LABEL` key of the final image that the
schema does not name is reported too. Without a `label-schema` the rule does
nothing. Labels the base image sets are unknown to a static linter and do not
count.

Differences from hadolint: DL3049 and DL3050 check every stage; only the
final stage's labels end up on the image, so build stages are not reported.

## Why is this bad?
Teams agree on the labels every image carries (source repository, owner,
licence) because registries, scanners and inventory tools read them; an
image without them is hard to trace back to its code and owners.

## Example
```dockerfile
FROM alpine:3.22
LABEL org.opencontainers.image.title="app"
```

```toml
# .pydocklint.toml
label-schema = { "org.opencontainers.image.source" = "url" }
```

## Use instead
```dockerfile
FROM alpine:3.22
LABEL org.opencontainers.image.source="https://github.com/example/app"
```
"""

from pydocklint.dockerfile.stages_runtime import final_runtime, image_span, labels
from pydocklint.findings import Hit, Severity
from pydocklint.rule import rule


@rule(code="PDL810", name="label-schema-missing", severity=Severity.INFO,
      summary="A label the configured label schema requires is missing, or one it does not name is set",
      covers=("DL3049", "DL3050"), options=("label-schema", "strict-labels"))
def check(dockerfile, options):
    schema = options.get("label-schema") or {}
    runtime = final_runtime(dockerfile)
    if not schema or runtime is None:
        return
    chain = {stage_runtime.stage.index for stage_runtime in runtime.chain}
    final_labels = [label for label in labels(dockerfile) if label.instruction.stage in chain]
    keys = {label.key for label in final_labels}
    if None in keys:
        return  # a key with an unknown variable could be any of them
    missing = [name for name in schema if name not in keys]
    if missing:
        yield Hit.at(image_span(runtime.stage), f"The final image lacks the label{'s' if len(missing) > 1 else ''} "
                     f"{', '.join(missing)} that the label schema requires: add LABEL {missing[0]}=<value>")
    if options.get("strict-labels") is True:
        for label in final_labels:
            if label.key not in schema:
                yield Hit.at(label.span, f"Label {label.key} is not in the label schema (strict-labels is on): "
                             "remove it or add it to the schema")
