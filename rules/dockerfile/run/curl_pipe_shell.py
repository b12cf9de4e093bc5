"""## What it does
Reports a script downloaded and executed in one go, with nothing checking what
was downloaded: `curl ... | sh`, `wget -O- ... | bash`, `sh -c "$(curl ...)"`
and `bash <(curl ...)`. Any POSIX shell, `sudo`/`env` prefixes and
`python`/`perl`/`ruby`/`node` interpreters reading the script from the pipe
count.

## Why is this bad?
Whatever the server (or anyone in between, or whoever took over the domain)
sends is run as root in the build, and the image changes whenever the script
does. Download the script to a file, check it against a known checksum, then
run it, or install the tool from a package.

## Example
```dockerfile
FROM debian:12.8
RUN curl -fsSL https://example.com/install.sh | sh
```

## Use instead
```dockerfile
FROM debian:12.8
RUN curl -fsSLo /tmp/install.sh https://example.com/install-1.2.sh \
 && echo "0f343b0931126a20f133d67c2b018a3b1e4c3b1f7d1e6a0a0c6e3c9a1c4b5d6e  /tmp/install.sh" | sha256sum -c - \
 && sh /tmp/install.sh \
 && rm /tmp/install.sh
```
"""

from pydocklint.dockerfile.shell import POSIX_SHELLS, run_scripts
from pydocklint.findings import Hit, Severity
from pydocklint.rule import rule

_DOWNLOADERS = frozenset({"curl", "wget"})
_INTERPRETERS = POSIX_SHELLS | {"python", "python3", "python2", "perl", "ruby", "node", "php"}


@rule(code="PDL651", name="curl-pipe-shell", severity=Severity.WARNING,
      summary="Downloaded script executed without verification (curl | sh)")
def check(dockerfile):
    for _, _, script in run_scripts(dockerfile):
        for command in script.commands:
            runner = command.next_in_pipeline
            if command.name in _DOWNLOADERS and runner is not None and _reads_stdin_script(runner):
                yield Hit.at(script.span_of(command.words[0], runner.words[0]),
                             f"{command.name} output is run by {runner.name} unchecked: download to a file, "
                             "verify its checksum, then run it")
            elif command.name in POSIX_SHELLS and _runs_downloaded(command):
                yield Hit.at(script.span(command.words[0]), f"{command.name} runs a script fetched with "
                             "curl/wget unchecked: download to a file, verify its checksum, then run it")


def _reads_stdin_script(command) -> bool:
    """A shell or interpreter with no script file argument reads its program from stdin."""
    if command.name not in _INTERPRETERS:
        return False
    for word in command.args:
        value = word.value
        if value in ("-", "-s", "/dev/stdin"):
            return True
        if value == "-c" or not value.startswith("-"):
            return False
    return True


def _runs_downloaded(command) -> bool:
    """``sh -c "$(curl ...)"`` or ``bash <(curl ...)``."""
    return any(("$(curl" in word.value or "$(wget" in word.value or "`curl" in word.value or
                "`wget" in word.value) for word in command.args) or \
        any(redirect.operator == "<(" and ("curl" in redirect.process or "wget" in redirect.process)
            for redirect in command.redirects)
