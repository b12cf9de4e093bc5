"""## What it does
Reports a `wget` without an option that tames its progress output: none of
`--progress=...`, `-q`/`--quiet`, `-nv`/`--no-verbose`, `-o`/`--output-file`
or `-a`/`--append-output`.

## Why is this bad?
Without a terminal, wget prints a line of dots for every few kilobytes: a
large download floods the build log with thousands of lines, hiding what
matters and slowing CI log viewers.

## Example
```dockerfile
FROM debian:12.8
RUN wget -O /tmp/tool.tar.gz https://example.com/tool-1.2.tar.gz
```

## Use instead
```dockerfile
FROM debian:12.8
RUN wget --progress=dot:giga -O /tmp/tool.tar.gz https://example.com/tool-1.2.tar.gz
```
"""

from pydocklint.dockerfile.shell import run_scripts
from pydocklint.findings import Hit, Severity
from pydocklint.rule import rule

_QUIET = ("-q", "--quiet", "-nv", "--no-verbose", "-o", "--output-file", "-a", "--append-output", "--progress",
          "--show-progress")


@rule(code="PDL306", name="wget-progress", severity=Severity.INFO,
      summary="wget without a progress or quiet option", covers=("DL3047",))
def check(dockerfile):
    for _, _, script in run_scripts(dockerfile):
        for command in script.named("wget"):
            if not any(_tames(word.value) for word in command.args):
                yield Hit.at(script.span(command.words[0]), "wget without --progress floods the build log: "
                             "add --progress=dot:giga (or -q/-nv)")


def _tames(option: str) -> bool:
    if option.startswith("--"):
        return option.split("=", 1)[0] in _QUIET
    if option.startswith("-") and len(option) > 1:
        if option == "-nv" or option.startswith("-nv"):
            return True
        letters = option[1:]
        # -q anywhere in a cluster; -o/-a take the next value, also when attached (-olog).
        return "q" in letters or letters[0] in "oa" or any(letter in "oa" for letter in letters)
    return False
