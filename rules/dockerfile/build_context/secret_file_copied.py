"""## What it does
Reports a `COPY` or `ADD` from the build context whose source is named like a
credential file: `.env` and `.env.*` (not `.env.example`, `.sample`,
`.template`, `.dist`, `.defaults`), private keys (`id_rsa`, `id_ed25519`,
`*.key`, `key.pem`, `*-key.pem`, `*.p12`, `*.pfx`), `.npmrc`, `.pypirc`,
`.netrc`, `.git-credentials`, `.aws/credentials`, `.docker/config.json`.
Copies from other stages or images (`--from`) are not reported, nor a copy
whose destination names a public key (`*.pub`, `*.gpg`, `*.asc`, a keyring):
signing keys are often called `*.key` too.

## Why is this bad?
Files copied into a layer stay in the image for anyone who can pull it, even if
a later step deletes them. Credentials needed while building belong in build
secrets (`RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci`); those
needed at run time belong in the container's environment or a secret store.

## Example
```dockerfile
FROM node:22.11-bookworm-slim
WORKDIR /app
COPY .npmrc package.json package-lock.json ./
RUN npm ci
```

## Use instead
```dockerfile
FROM node:22.11-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci
```
"""

from pydocklint.context import looks_secret
from pydocklint.dockerignore import clean
from pydocklint.findings import Hit, Severity
from pydocklint.rule import rule


@rule(code="PDL454", name="secret-file-copied", severity=Severity.WARNING,
      summary="COPY or ADD of a credential file into the image")
def check(dockerfile):
    for instruction in dockerfile.instructions:
        if instruction.name not in ("COPY", "ADD") or instruction.flag("from") or instruction.node.json:
            continue
        words = instruction.argument_words()
        if len(words) < 2 or _public_key_destination(words[-1][1]):
            continue
        for offset, word in words[:-1]:
            if "$" in word or "://" in word or word.startswith("<<"):
                continue
            if looks_secret(clean(word).lstrip("/")):
                yield Hit.at(instruction.span_at(offset, len(word)),
                             f"{instruction.name} {word} puts a credential file into an image layer, where anyone "
                             "who pulls the image can read it: use a build secret (RUN --mount=type=secret) "
                             "or pass it at run time")


def _public_key_destination(destination: str) -> bool:
    name = destination.rstrip("/").rsplit("/", 1)[-1].lower()
    return name.endswith((".pub", ".gpg", ".asc")) or "keyring" in name or "trusted" in name
