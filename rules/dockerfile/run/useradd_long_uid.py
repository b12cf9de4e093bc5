"""## What it does
Reports a `useradd` with a large numeric UID (`-u 123456789`, more than five
digits) but without `-l`/`--no-log-init`. A UID written as a variable is
judged by the ARG or ENV value known at that point.

Differences from hadolint: hadolint reports every variable UID (`-u ${uid}`),
even when its ARG default is `1000`; pydocklint reports it only when the value
known statically is long.

## Why is this bad?
useradd reserves a slot for the new user in `/var/log/lastlog` and
`/var/log/faillog`, sparse files indexed by UID. Docker does not keep layers
sparse, so a UID of 123456789 writes gigabytes of zeros into the image.
`--no-log-init` skips those files.

## Example
```dockerfile
FROM debian:12.8
RUN useradd -u 123456789 app
USER 123456789
```

## Use instead
```dockerfile
FROM debian:12.8
RUN useradd --no-log-init -u 123456789 app
USER 123456789
```
"""

from pydocklint.dockerfile.shell import run_scripts
from pydocklint.dockerfile.stages_runtime import environment_at, expand_known
from pydocklint.findings import Hit, Severity
from pydocklint.rule import rule


@rule(code="PDL307", name="useradd-long-uid", severity=Severity.WARNING,
      summary="useradd with a long UID without --no-log-init", covers=("DL3046",))
def check(dockerfile):
    for _, instruction, script in run_scripts(dockerfile):
        for command in script.named("useradd"):
            uid = _uid_word(command.args)
            if uid is None:
                continue
            value = uid.value
            if uid.expands:  # -u ${UID}: judged by the ARG/ENV value known here
                value = expand_known(value, environment_at(dockerfile, instruction), dockerfile.escape) or ""
            if len(value) <= 5 or not value.isdigit():
                continue
            if any(word.value in ("-l", "--no-log-init") or
                   (word.value.startswith("-") and not word.value.startswith("--") and "l" in word.value)
                   for word in command.args):
                continue
            yield Hit.at(script.span(uid), f"UID {value} makes useradd write a huge sparse lastlog into "
                         "the layer: add --no-log-init (-l)")


def _uid_word(args):
    for index, word in enumerate(args):
        value = word.value
        if value in ("-u", "--uid") and index + 1 < len(args):
            return args[index + 1]
    return None
