"""## What it does
Reports an `ENV` name, or the name of an `ARG` declared inside a stage, that
looks like it holds a secret, as BuildKit's `SecretsUsedInArgOrEnv` check
does: one of its underscore-separated parts (any case) is `apikey`, `auth`,
`credential`, `credentials`, `key`, `password`, `pword`, `passwd`, `secret`
or `token`, and none is `public`, `file` or `version`. So `GITHUB_TOKEN`,
`api_key` and `DB_PASSWORD` are reported; `PUBLIC_KEY`, `KEY_FILE`,
`TOKENIZER` and `PASSWORD_FILE` are not. ARGs before the first `FROM` are only
visible to `FROM` lines and are not checked, as in BuildKit.

Differences from BuildKit: a part that ends in `password`, `passwd` or
`secret` counts too (`ADMINPASSWORD`, `CLIENTSECRET`). Public keys that verify
downloads are not reported: names with a `gpg` or `pgp` part (`GPG_KEY`) and
values that are a hexadecimal fingerprint or key id (`ARG
SWIFT_SIGNING_KEY=A62AE125...`, and `ENV SWIFT_SIGNING_KEY=$SWIFT_SIGNING_KEY`
copying it). Nor are values that cannot be a secret: a switch
(`USE_GKE_GCLOUD_AUTH_PLUGIN=True`) or a file path
(`NSS_WRAPPER_PASSWD=/tmp/passwd`, `GOOGLE_APPLICATION_CREDENTIALS=key.json`).

Differences from hadolint (DL3064): hadolint also reports names such as
`USERNAME`, `SECRETFILE` or `ALLOW_PRIVATE_REPOS`, which hold no secret.

## Why is this bad?
ENV values are stored in the image config and ARG values in the build history:
anyone who can pull the image can read them with `docker history` or
`docker inspect`. Pass secrets with `RUN --mount=type=secret` instead.

## Example
```dockerfile
FROM alpine:3.22
ARG GITHUB_TOKEN
RUN wget -q --header="Authorization: token $GITHUB_TOKEN" -O /tmp/x https://api.github.com/
```

## Use instead
```dockerfile
FROM alpine:3.22
RUN --mount=type=secret,id=github_token,env=GITHUB_TOKEN \\
    wget -q --header="Authorization: token $GITHUB_TOKEN" -O /tmp/x https://api.github.com/
```
"""

import re

from pydocklint.dockerfile.scope import definition_offsets
from pydocklint.findings import Hit, Severity
from pydocklint.rule import rule

SECRET_WORDS = ("apikey", "auth", "credential", "credentials", "key", "password", "pword", "passwd", "secret",
                "token")
ALLOWED_WORDS = ("public", "file", "version")
_SECRET = re.compile(rf"(?:^|_)(?:{'|'.join(SECRET_WORDS)})(?:_|$)", re.IGNORECASE)
# Beyond BuildKit: a part that ends in an unambiguous word (ADMINPASSWORD, CLIENTSECRET).
_SECRET_SUFFIX = re.compile(r"(?:password|passwd|secret)(?:_|$)", re.IGNORECASE)
_ALLOWED = re.compile(rf"(?:^|_)(?:{'|'.join(ALLOWED_WORDS)})(?:_|$)", re.IGNORECASE)
# Public keys that verify downloads: a GPG/PGP key name, or a fingerprint / key id as the value.
_PUBLIC_KEY_NAME = re.compile(r"(?:^|_)(?:gpg|pgp)(?:_|$)", re.IGNORECASE)
_FINGERPRINT = re.compile(r"(?:0x)?[0-9A-Fa-f]{16,}(?:[ ,][0-9A-Fa-f]{16,})*")


# Values that cannot be a secret: a switch, or the path of a file (the secret is in the file).
_NOT_SECRET_VALUE = re.compile(r"(?i)true|false|yes|no|on|off|[01]|(?:/|\./|~/)\S*"
                               r"|[\w.-]+\.(?:json|pem|key|crt|p12|txt|ya?ml)")


def looks_secret(name: str, value: str | None = None) -> bool:
    if not (_SECRET.search(name) or _SECRET_SUFFIX.search(name)):
        return False
    if _ALLOWED.search(name) or _PUBLIC_KEY_NAME.search(name):
        return False
    value = (value or "").strip("\"'")
    return not (_FINGERPRINT.fullmatch(value) or _NOT_SECRET_VALUE.fullmatch(value))


@rule(code="PDL700", name="secret-in-arg-or-env", severity=Severity.WARNING,
      summary="ARG or ENV name suggests it holds a secret", covers=("DL3064", "SecretsUsedInArgOrEnv"))
def check(dockerfile):
    for stage in dockerfile.stages:
        public_keys = set()  # names holding a key fingerprint, so `ENV K=$K` copies no secret
        for instruction in stage.instructions:
            values = defined_values(instruction)
            for name, offset in definition_offsets(instruction):
                value = values.get(name)
                if value and _FINGERPRINT.fullmatch(value.strip("\"'")) or _copied_name(value) in public_keys:
                    public_keys.add(name)
                    continue
                if looks_secret(name, value):
                    yield Hit.at(instruction.span_at(offset, len(name)),
                                 f"{instruction.name} {name} may hold a secret, which stays readable in the image: "
                                 "use RUN --mount=type=secret instead")


def _copied_name(value):
    """X for a value that is exactly ``$X`` or ``${X}``."""
    match = re.fullmatch(r"\$(?:\{(\w+)\}|(\w+))", value or "")
    return match and (match.group(1) or match.group(2))


def defined_values(instruction):
    """The value given to each name an ARG or ENV defines (ARGs without a default have none)."""
    if instruction.name == "ENV":
        return dict(zip(instruction.args[0::3], instruction.args[1::3]))
    return {name: value for name, has_value, value in (word.partition("=") for word in instruction.args) if has_value}
