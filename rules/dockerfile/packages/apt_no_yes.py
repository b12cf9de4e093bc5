"""## What it does
Reports an `apt-get install` without a non-interactive answer: none of `-y`,
`--yes`, `--assume-yes`, `-qq` (which implies `-y`) or
`-o APT::Get::Assume-Yes=true`.

## Why is this bad?
apt-get asks for confirmation before installing anything that pulls in other
packages. A build has no one to answer, so the install aborts and the build
fails, or it silently depends on the package list not growing.

## Example
```dockerfile
FROM debian:12.8
RUN apt-get update \
 && apt-get install --no-install-recommends curl=7.88.1-10+deb12u8 \
 && rm -rf /var/lib/apt/lists/*
```

## Use instead
```dockerfile
FROM debian:12.8
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8 \
 && rm -rf /var/lib/apt/lists/*
```
"""

from pydocklint.dockerfile.packages import run_package_commands
from pydocklint.findings import Hit, Severity
from pydocklint.rule import rule


@rule(code="PDL322", name="apt-install-not-assume-yes", severity=Severity.WARNING,
      summary="apt-get install without -y", covers=("DL3014",))
def check(dockerfile):
    for _, _, script, found in run_package_commands(dockerfile, "apt-get"):
        if found.action == "install" and not _assumes_yes(found):
            yield Hit.at(script.span_of(found.command.words[0], found.action_word),
                         "apt-get install without -y will stop at its confirmation prompt: add -y")


def _assumes_yes(found) -> bool:
    if found.has("-y", "--yes", "--assume-yes", "--force-yes"):
        return True
    quiet = sum(word.value.count("q") for word in found.options
                if word.value.startswith("-") and not word.value.startswith("--"))
    if quiet >= 2 or any(word.value in ("-q=2", "--quiet=2") for word in found.options):
        return True
    return any("assume-yes" in word.value.lower() and "=" in word.value and not word.value.startswith("-")
               for word in found.options)
