"""## What it does
Reports each gem of a `gem install` with no version: neither `name:1.2.3` nor
a `-v`/`--version` option. Local `.gem` files and gems named by a variable the
Dockerfile gives no value are not reported; a list kept in an ARG or ENV is
judged by its value.

## Why is this bad?
Without a version, RubyGems installs the newest release on the day of the
build: two builds of the same Dockerfile can get different, possibly
incompatible, gems.

## Example
```dockerfile
FROM ruby:3.3-slim-bookworm
RUN gem install bundler
```

## Use instead
```dockerfile
FROM ruby:3.3-slim-bookworm
RUN gem install bundler:2.5.23
```
"""

from pydocklint.dockerfile.packages import unpinned_packages
from pydocklint.findings import Severity
from pydocklint.rule import rule
from pydocklint.rules.dockerfile.packages import one_finding_per_command


@rule(code="PDL357", name="gem-unpinned", severity=Severity.WARNING,
      summary="gem install without a pinned version", covers=("DL3028",))
def check(dockerfile):
    unpinned = (item for item in unpinned_packages(dockerfile, ("gem",)) if not item[1].has("-v", "--version"))
    return one_finding_per_command(unpinned, "Gem", lambda name: f"install {name}:<version> (or add -v <version>)")
