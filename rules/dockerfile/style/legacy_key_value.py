"""## What it does
Reports `ENV` and `LABEL` written in the legacy form `ENV NAME value` (a space
instead of `=`), as BuildKit's `LegacyKeyValueFormat` check does. ONBUILD
triggers are checked too: the trigger is parsed the same way when it runs.

The fix writes `NAME=value`. The legacy value is the rest of the line, which
Docker then reads as one word; when it holds spaces the fix puts it in double
quotes (`LABEL title My App` becomes `LABEL title="My App"`), rewriting the
escapes that mean something else inside quotes: `ENV DIR C:\\\\Program Files`
becomes `ENV DIR="C:\\\\Program Files"`, but `ENV A a\\ b c` becomes
`ENV A="a b c"`. A value with spaces and quotes of its own, or a name and value
on different lines, gets no fix: no rewrite would be sure to mean the same.

## Why is this bad?
The legacy form sets exactly one variable and takes the whole rest of the line
as its value, spaces included: `ENV A 1 B 2` sets `A` to `1 B 2`. Docker's
documentation deprecates it; `ENV NAME=value` is unambiguous and can set several
variables at once.

## Example
```dockerfile
FROM alpine:3.22
ENV APP_HOME /app
```

## Use instead
```dockerfile
FROM alpine:3.22
ENV APP_HOME=/app
```
"""

from pydocklint.dockerfile.model import written_span
from pydocklint.dockerfile.parser import parse
from pydocklint.findings import Edit, Fix, Hit, Severity
from pydocklint.rule import rule


@rule(code="PDL205", name="legacy-key-value-format", severity=Severity.STYLE,
      summary="ENV or LABEL uses the legacy `KEY value` form", covers=("LegacyKeyValueFormat",), fix="safe")
def check(dockerfile):
    for instruction in dockerfile.instructions:
        node = instruction.node.trigger if instruction.name == "ONBUILD" else instruction.node
        if node is None or node.name not in ("ENV", "LABEL") or len(node.args) != 3 or node.args[2] != "":
            continue
        name = node.args[0]
        offset = max(0, node.original.find(name, len(node.keyword)))
        span = (*node.position(offset), *node.position(offset + len(name)))
        yield Hit.at(span, f'"{node.name} {name}=value" should be used instead of the legacy '
                     f'"{node.name} {name} value" form', _fix(node, offset, dockerfile.escape))


def _fix(node, name_offset, escape):
    """Replace the space after the name with ``=`` (and quote the value when it must be)."""
    name, value = node.args[0], node.args[1]
    name_end = name_offset + len(name)
    value_offset = node.original.find(value, name_end)
    if node.original[name_offset:name_end] != name or value_offset < 0 or not value:
        return None
    gap = written_span(node, name_end, value_offset - name_end)
    written = _as_one_word(name, value, escape)
    if gap is None or written is None:
        return None
    if written == value:
        edits = [Edit.replacing(gap, "=")]
    elif written == f'"{value}"':  # quotes around it: the value may go on over continuation lines
        last = written_span(node, value_offset + len(value) - 1, 1)
        edits = [Edit.replacing(gap, '="'), Edit.inserting(last[2], last[3], '"')] if last else None
    else:  # escapes rewritten: the value is replaced, so it must be written on one line
        span = written_span(node, value_offset, len(value))
        edits = [Edit.replacing(gap, "="), Edit.replacing(span, written)] if span else None
    return Fix(f"Write {name}=value", tuple(edits), safe=True) if edits else None


def _as_one_word(name, value, escape):
    """The value as written after ``name=`` so that Docker reads the same value, or None.

    Docker reads the legacy value as one word; after ``name=`` it must be one word
    of the line too. Failing that, the value goes in double quotes, if it has no
    quotes of its own.
    """
    candidates = [value]
    quoted = _double_quoted(value, escape)
    if quoted is not None:
        candidates.append(quoted)
    for candidate in candidates:
        if _parsed_args(f"ENV {name}={candidate}", escape) == (name, candidate, "="):
            return candidate
    return None


def _double_quoted(word, escape):
    """An unquoted word in double quotes, meaning the same; None when it has quotes of its own.

    Outside quotes the escape character escapes any character; inside double
    quotes only ``"``, ``$`` and itself, and it stays before any other one.
    """
    out = []
    i = 0
    while i < len(word):
        char = word[i]
        if char in "\"'":
            return None
        if char == escape and i + 1 < len(word):
            escaped = word[i + 1]
            out.append(char + escaped if escaped in ('"', "$", escape) else escaped)
            i += 2
            continue
        out.append(char)
        i += 1
    return '"' + "".join(out) + '"'


def _parsed_args(line, escape):
    """How BuildKit's parser splits one ENV line."""
    directive = "# escape=`\n" if escape == "`" else ""
    parsed = parse(f"{directive}{line}\n")
    return parsed.nodes[0].args if parsed.error is None and len(parsed.nodes) == 1 else None
