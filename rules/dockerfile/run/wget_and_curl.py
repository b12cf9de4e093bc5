"""## What it does
Reports a stage that uses both `wget` and `curl` in its RUNs: from the RUN
where the second tool first appears, each RUN using either tool is reported,
at its first `wget` or `curl`, as hadolint does.

## Why is this bad?
Two download tools where one does the job means two sets of options to get
right (redirects, failure on HTTP errors, retries) and, usually, one extra
package installed in the image.

## Example
```dockerfile
FROM debian:12.8
RUN curl -fsSLo /tmp/a.tar.gz https://example.com/a-1.0.tar.gz
RUN wget -q -O /tmp/b.tar.gz https://example.com/b-1.0.tar.gz
```

## Use instead
```dockerfile
FROM debian:12.8
RUN curl -fsSLo /tmp/a.tar.gz https://example.com/a-1.0.tar.gz \
 && curl -fsSLo /tmp/b.tar.gz https://example.com/b-1.0.tar.gz
```
"""

from pydocklint.dockerfile.shell import run_scripts
from pydocklint.findings import Hit, Severity
from pydocklint.rule import rule


@rule(code="PDL305", name="wget-and-curl", severity=Severity.WARNING,
      summary="Both wget and curl used in one stage", covers=("DL4001",))
def check(dockerfile):
    seen: dict[int, set[str]] = {}
    for stage, _, script in run_scripts(dockerfile):
        tools = seen.setdefault(stage.index, set())
        used = [command for command in script.commands if command.name in ("wget", "curl")]
        tools.update(command.name for command in used)
        if used and len(tools) == 2:
            command = used[0]
            other = "curl" if command.name == "wget" else "wget"
            yield Hit.at(script.span(command.words[0]), f"This stage uses both wget and curl: "
                         f"download with one tool (here {command.name}, elsewhere {other})")
