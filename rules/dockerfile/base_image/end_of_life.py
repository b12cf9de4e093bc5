"""## What it does
Reports a base image whose release is past its end of support: Python 2 and
3.0-3.10, Node.js 20 and older (and odd releases such as 21, 23, 25, and LTS
codenames such as `lts-gallium`), Ubuntu 20.04 and older and finished interim
releases, Debian 11 (bullseye) and older, CentOS, Alpine 3.21 and older,
MySQL 5.x and 8.0, PostgreSQL 13 and older, Go 1.24 and older, PHP 8.1 and
older, Ruby 3.2 and older, and the deprecated `openjdk` image. The release is
the tag's first part, matched as a prefix (`python:3.8.12-alpine3.14` is
Python 3.8); a tag part naming an operating system release counts too
(`python:3.12-slim-buster` runs on Debian 10). The finding names the release,
the date its support ended and the nearest supported tag of the same variant.

Only Docker Hub official images are checked (`python`, `library/python`,
`docker.io/library/python`); `myorg/python:3.8` may be anything. Images written
with variables are resolved through the defaults of the ARGs declared before
the first `FROM`; `FROM <stage>` is not an image.

The end dates come from a table shipped with pydocklint (`eol_images.tsv`,
written 2026-11-23 from endoflife.date and the projects' release pages) and are
compared with today's date, so a release is reported from the day its support
ends.

## Why is this bad?
A release past its end of support gets no more security fixes: every
vulnerability found since then stays in the image, and package mirrors for old
distributions disappear (Debian moves them to archive.debian.org, CentOS to
vault.centos.org), so builds start to fail as well.

## Example
```dockerfile
FROM python:3.8-slim-buster
```

## Use instead
```dockerfile
FROM python:3.13-slim-bookworm
```
"""

from datetime import date

from pydocklint.dockerfile.images import base_images, official_name
from pydocklint.findings import Hit, Severity
from pydocklint.rule import rule
from pydocklint.rules.dockerfile.base_image.untagged import image_span


@rule(code="PDL111", name="base-image-end-of-life", severity=Severity.WARNING,
      summary="Base image release is past its end of support")
def check(dockerfile):
    from pydocklint.dockerfile.eol import end_of_life  # reads the table: only when the rule runs

    for stage, image, reference in base_images(dockerfile):
        name = official_name(reference.repository)
        if "/" in name:
            continue  # not an official image: its tags mean what its publisher wants
        found = end_of_life(name, reference, today())
        if found is not None:
            ended = " and ".join(f"{row.name} ended on {row.eol.isoformat()}" for row in found.releases)
            yield Hit.at(image_span(stage), f"Base image {image} is past its end of support ({ended}): "
                                            f"use {found.suggestion}")


def today() -> date:
    """The date releases are judged at (tests replace it)."""
    return date.today()
