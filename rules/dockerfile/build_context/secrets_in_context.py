"""## What it does
Reports a `COPY` or `ADD` of the whole build context that copies files named
like credentials, when the context's file list is known: `.env` and `.env.*`
(but not `.env.example`, `.sample`, `.template`, `.dist`, `.defaults`), private
keys (`id_rsa`, `id_ed25519`, `*.key`, `key.pem`, `*-key.pem`, `*.p12`,
`*.pfx`), `.npmrc`, `.pypirc`, `.netrc`, `.git-credentials`,
`.aws/credentials` and `.docker/config.json` — unless the `.dockerignore` keeps
them out. Certificates and public keys (`cert.pem`, `id_rsa.pub`) are not
reported.

## Why is this bad?
Anything copied into a layer stays in the image, even if a later step deletes
it, and anyone who can pull the image can read it. Credentials belong in build
secrets (`RUN --mount=type=secret`) or in the runtime environment.

## Example
A context holding `app.py` and `.env`, with no `.dockerignore`:

```dockerfile
FROM python:3.12-slim
COPY . /app
```

## Use instead
List `.env` in `.dockerignore`, or copy only what the image needs:

```dockerfile
FROM python:3.12-slim
COPY app.py /app/
```
"""

from pydocklint.context import looks_secret
from pydocklint.findings import Hit, Severity
from pydocklint.rule import rule
from pydocklint.rules.dockerfile.build_context import kept_files
from pydocklint.wording import describe


@rule(code="PDL451", name="secrets-in-build-context", severity=Severity.WARNING,
      summary="COPY of the whole build context copies credential files",
      example_context=(("app.py", "print(1)\n"), (".env", "TOKEN=s3cret\n")))
def check(dockerfile):
    copies = dockerfile.whole_context_copies
    if not copies:
        return
    secrets = [entry.path for entry in kept_files(dockerfile.context) if looks_secret(entry.path)]
    if not secrets:
        return
    instruction, offset, word = copies[0]
    noun = "file" if len(secrets) == 1 else "files"
    yield Hit.at(instruction.span_at(offset, len(word)),
                 f"{instruction.name} {word} copies credential-looking {noun} {describe(secrets)} into the image: "
                 f"list {'it' if len(secrets) == 1 else 'them'} in .dockerignore")
