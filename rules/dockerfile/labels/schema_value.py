"""## What it does
Checks the value of each label that the configuration's `label-schema` types
(label name → `text`, `url`, `rfc3339`, `semver`, `hash`, `spdx` or `email`,
as in hadolint): a schema label must not be empty, a `url` must be an
absolute URL with a scheme and a host, an `rfc3339` a timestamp such as
`2024-05-01T12:00:00Z`, a `semver` a semantic version (`1.4.2`,
`2.0.0-rc.1`), a `hash` a 7- or 40-character Git commit hash, an `email`
an address, and an `spdx` a licence expression (`MIT`, `Apache-2.0 OR
MIT`). Licence ids are checked for their form (no spaces, operators between
ids), not against the SPDX list. Values with a variable of unknown value are
not checked. Without a `label-schema` the rule does nothing.

Differences from hadolint: DL3051-DL3058 check values as written, so
`version=${KUBECTL_VERSION}` (an `ARG` defaulting to `1.17.0`) is not a
semantic version there, `build-date=$BUILD_DATE` (set with `--build-arg`) is
not a timestamp, and the legacy form `LABEL maintainer "a@example.com"` keeps
its quotes; here variables with known values are substituted, unknown ones
skipped, and quotes removed as Docker removes them.

## Why is this bad?
Tools parse these labels: a `source` that is not a URL is not linked, a
`created` date that is not RFC 3339 is not sorted, a licence that is not an
SPDX expression is reported as unknown by scanners.

## Example
```dockerfile
FROM alpine:3.22
LABEL org.opencontainers.image.created="yesterday"
```

```toml
# .pydocklint.toml
label-schema = { "org.opencontainers.image.created" = "rfc3339" }
```

## Use instead
```dockerfile
FROM alpine:3.22
LABEL org.opencontainers.image.created="2024-05-01T12:00:00Z"
```
"""

import re
from datetime import datetime
from urllib.parse import urlsplit

from pydocklint.dockerfile.stages_runtime import labels
from pydocklint.findings import Hit, Severity
from pydocklint.rule import rule

_RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})")
# The regular expression semver.org gives for a version.
_SEMVER = re.compile(r"(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
                     r"(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
                     r"(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?")
_GIT_HASH = re.compile(r"[0-9a-fA-F]{7}|[0-9a-fA-F]{40}")
_EMAIL = re.compile(r"[^@\s<>]+@[^@\s<>.]+(\.[^@\s<>.]+)+")
_SPDX_ID = re.compile(r"(LicenseRef-|DocumentRef-[A-Za-z0-9.-]+:LicenseRef-)?[A-Za-z0-9.-]+\+?")


@rule(code="PDL811", name="label-schema-value", severity=Severity.WARNING,
      summary="A label's value does not match the type the configured label schema gives it",
      covers=("DL3051", "DL3052", "DL3053", "DL3054", "DL3055", "DL3056", "DL3058"), options=("label-schema",))
def check(dockerfile, options):
    schema = options.get("label-schema") or {}
    if not schema:
        return
    for label in labels(dockerfile):
        kind = schema.get(label.key) if label.key is not None else None
        if kind is None or label.value is None:
            continue
        problem = value_problem(kind.lower(), label.value)
        if problem:
            yield Hit.at(label.value_span, f"Label {label.key} {problem}")


def value_problem(kind, value):
    """What is wrong with a value of the given schema type, or None."""
    if not value.strip():
        return "is empty: the label schema requires a value"
    checks = {
        "url": (_is_url, "is not an absolute URL (e.g. https://github.com/example/app)"),
        "rfc3339": (_is_rfc3339, "is not an RFC 3339 timestamp (e.g. 2024-05-01T12:00:00Z)"),
        "semver": (lambda v: bool(_SEMVER.fullmatch(v)), "is not a semantic version (e.g. 1.4.2)"),
        "hash": (lambda v: bool(_GIT_HASH.fullmatch(v)), "is not a 7- or 40-character Git commit hash"),
        "email": (lambda v: bool(_EMAIL.fullmatch(v)), "is not an email address"),
        "spdx": (_is_spdx_expression, "is not an SPDX licence expression (e.g. MIT, Apache-2.0 OR MIT)"),
    }
    check, message = checks.get(kind, (None, None))
    if check is None or check(value):
        return None
    return f"= {value!r} {message}"


def _is_url(value):
    parts = urlsplit(value)
    return bool(parts.scheme and parts.netloc) and " " not in value


def _is_rfc3339(value):
    if not _RFC3339.fullmatch(value):
        return False
    try:
        datetime.fromisoformat(value.upper().replace("Z", "+00:00").replace(" ", "T"))
    except ValueError:
        return False
    return True


def _is_spdx_expression(value):
    """Ids joined by AND / OR (WITH an exception), with balanced parentheses."""
    tokens = value.replace("(", " ( ").replace(")", " ) ").split()
    depth, expect_id = 0, True
    for index, token in enumerate(tokens):
        if token == "(" and expect_id:
            depth += 1
        elif token == ")" and not expect_id and depth:
            depth -= 1
        elif token in ("AND", "OR", "WITH") and not expect_id:
            expect_id = True
        elif expect_id and _SPDX_ID.fullmatch(token) and token not in ("AND", "OR", "WITH"):
            expect_id = False
        else:
            return False
    return bool(tokens) and depth == 0 and not expect_id
