"""## What it does
Reports an end-of-line comment (`FROM node:22 # base image`, `EXPOSE 8080 #
app port`, `WORKDIR /app # dir`, `CMD ["app"] # note`). Docker only knows
comments on lines of their own: a `#` word after an instruction's arguments is
one more argument, and the message says what Docker does with it for that
instruction.

Only places where nothing reads the `#` as a comment are reported: a shell-form
`RUN`, `CMD`, `ENTRYPOINT` or `HEALTHCHECK CMD` is left alone, since the shell
treats ` #` as a comment, but the same instruction in exec form followed by a
comment is reported (the JSON is then invalid and Docker runs the whole text
through `/bin/sh -c`). A `#` inside quotes or inside a word (`ARG COLOR=#fff`,
`http://host/#anchor`, `${VAR#prefix}`), the first word of a value (`ENV
COLOR #fff`) and heredoc bodies are not comments and are not reported.
`ONBUILD` triggers are checked like the instruction they hold.

The fix moves the comment to its own line above the instruction; it is only
offered when the comment is on the instruction's last line.

## Why is this bad?
The comment changes what the instruction does. `FROM node:22 # base image`
fails ("FROM requires either one or three arguments"), `EXPOSE 8080 # app
port` makes Docker refuse the ports `#`, `app` and `port`, `ENV PORT=8080 #
port` is a syntax error, `WORKDIR /app # dir` creates a directory named
`/app # dir`, and `COPY . /app # sources` copies into a directory named
`sources`.

## Example
```dockerfile
FROM nginx:1.27-alpine
WORKDIR /usr/share/nginx/html # site root
COPY site/ .
```

## Use instead
```dockerfile
FROM nginx:1.27-alpine
# site root
WORKDIR /usr/share/nginx/html
COPY site/ .
```
"""

from __future__ import annotations

import json
import re

from pydocklint.dockerfile.instructions import flag_words
from pydocklint.findings import Edit, Fix, Hit, Severity
from pydocklint.rule import rule

# The instruction Docker refuses outright (or whose build fails) when it gets the comment's words.
_REFUSED = frozenset({"FROM", "EXPOSE", "COPY", "ADD"})
# Shell-form commands: the shell itself reads ` #` as a comment, unless the text is an exec-form array.
_COMMANDS = frozenset({"RUN", "CMD", "ENTRYPOINT"})
_EQUALS_MISSING = re.compile(r'''can't find = in "(#[^"]*)"''')
_DIRECTIVE = re.compile(r"#\s*[a-zA-Z]+\s*=")


@rule(code="PDL011", name="trailing-comment", severity=Severity.WARNING,
      summary="End-of-line comment: Docker reads it as more arguments", fix="safe")
def check(dockerfile):
    for instruction in dockerfile.instructions:
        node = instruction.node.trigger if instruction.name == "ONBUILD" else instruction.node
        if node is not None:
            hit = _node_hit(dockerfile, instruction, node)
            if hit is not None:
                yield hit
    error = dockerfile.parsed.error
    if error is not None and (match := _EQUALS_MISSING.search(error.message)):
        hit = _key_value_hit(dockerfile, error.line, match.group(1))
        if hit is not None:
            yield hit


def _node_hit(dockerfile, instruction, node) -> Hit | None:
    """The trailing comment of one instruction (or ONBUILD trigger), if Docker reads it as arguments."""
    name = node.name
    original = node.original
    start = flag_words(original, len(node.keyword), dockerfile.escape)[1]
    if name == "HEALTHCHECK" and not node.json and node.args and node.args[0].upper() == "CMD":
        name, start = "CMD", _skip_word(original, start)
    if name == "SHELL" or node.json:
        return None  # SHELL must be JSON anyway (PDL007); in exec form a `#` can only sit inside a string
    escape = "\\" if name in _COMMANDS else dockerfile.escape
    offset = comment_offset(original, start, escape, skip_words=2 if _is_legacy_key_value(node) else 1)
    if offset is None:
        return None
    if name in _COMMANDS:
        if not _is_json_array(original[start:offset]):
            return None  # a shell command: the shell reads the comment as one
        shown = "HEALTHCHECK CMD" if node.name == "HEALTHCHECK" else node.keyword
        message = (f"{shown} followed by a comment is no longer valid JSON, so Docker runs the whole text "
                   f"through /bin/sh -c instead of the exec form: move the comment to its own line")
    else:
        message = _consequence(node, original, start, offset) + ": move the comment to its own line"
    span, end = _comment_span(node, offset)
    fix = None
    if span[0] == node.position(len(original))[0]:  # the logical line's last physical line
        prefix_end = len(original[:offset].rstrip())
        fix = _move_fix(dockerfile.lines, instruction.line, node.position(prefix_end), span[2:],
                        original[offset:end], first=instruction is dockerfile.instructions[0])
    severity = Severity.ERROR if name in _REFUSED else None
    return Hit.at(span, message, fix, severity)


def _consequence(node, original: str, start: int, offset: int) -> str:
    """What Docker does with the comment's words, per instruction."""
    keyword, name = node.keyword, node.name
    comment = original[offset:].strip()
    words = ", ".join(f"`{word}`" for word in comment.split())
    if name == "FROM":
        return f"Docker has no end-of-line comments, so FROM reads {words} as more arguments and fails"
    if name == "EXPOSE":
        return f"Docker has no end-of-line comments, so EXPOSE reads {words} as ports and refuses them"
    if name in ("COPY", "ADD"):
        last = comment.split()[-1]
        return (f"Docker has no end-of-line comments, so {keyword} takes the comment's words as more sources "
                f"and `{last}` as the destination")
    if name in ("ARG", "VOLUME"):
        what = "build arguments" if name == "ARG" else "volumes"
        return f"Docker has no end-of-line comments, so {keyword} declares {words} as more {what}"
    if name in ("ENV", "LABEL"):  # the legacy `KEY value` form: the value runs to the end of the line
        return (f"Docker has no end-of-line comments, so the value of {node.args[0]} becomes "
                f"`{node.args[1]}`")
    if name in ("WORKDIR", "USER", "STOPSIGNAL", "MAINTAINER"):
        what = {"WORKDIR": "working directory", "USER": "user", "STOPSIGNAL": "stop signal",
                "MAINTAINER": "maintainer"}[name]
        return f"Docker has no end-of-line comments, so the {what} becomes `{original[start:].strip()}`"
    return f"Docker has no end-of-line comments, so {keyword} reads {words} as more arguments"


def comment_offset(text: str, start: int, escape: str, skip_words: int = 1) -> int | None:
    """Where the first `#` that starts an unquoted word is, after the first ``skip_words`` words.

    Quotes and the escape character are honoured as Docker's word splitting does,
    so `"a # b"`, `\\#` and `${x#y}` are not comments.
    """
    quote = None
    words = 0
    at_word_start = True
    index = start
    length = len(text)
    while index < length:
        character = text[index]
        if quote is not None:
            if character == escape and quote == '"' and index + 1 < length:
                index += 2
                continue
            if character == quote:
                quote = None
            index += 1
            continue
        if character.isspace():
            at_word_start = True
            index += 1
            continue
        if at_word_start:
            if character == "#" and words >= skip_words:
                return index
            words += 1
            at_word_start = False
        if character == escape:
            index += 2
            continue
        if character in "'\"":
            quote = character
        index += 1
    return None


def _skip_word(text: str, start: int) -> int:
    """The offset after the word at ``start`` and the blanks that follow it."""
    match = re.compile(r"\s*\S+\s*").match(text, start)
    return match.end() if match else start


def _is_legacy_key_value(node) -> bool:
    """`ENV KEY value`: the value, comment included, runs to the end of the line."""
    return node.name in ("ENV", "LABEL") and len(node.args) == 3 and node.args[2] == ""


def _is_json_array(text: str) -> bool:
    try:
        value = json.loads(text)
    except ValueError:
        return False
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _comment_span(node, offset: int) -> tuple[tuple[int, int, int, int], int]:
    """The span of the comment from `#` to the end of its physical line, and its end offset in ``original``."""
    original = node.original
    end = len(original)
    for segment in node.segments:
        if segment.offset > offset:
            end = segment.offset
            break
    end = offset + len(original[offset:end].rstrip())
    return (*node.position(offset), *node.position(end)), end


def _move_fix(lines, instruction_line: int, prefix_end: tuple[int, int], comment_end: tuple[int, int],
              comment: str, first: bool) -> Fix | None:
    """Delete the comment (and the blanks before it) and write it on its own line above the instruction."""
    if first and _DIRECTIVE.match(comment):
        return None  # above the first instruction it could become a parser directive
    line_text = lines[instruction_line - 1] if instruction_line <= len(lines) else ""
    indent = line_text[:len(line_text) - len(line_text.lstrip())]
    edits = (Edit.inserting(instruction_line, 1, f"{indent}{comment}\n"),
             Edit.replacing((*prefix_end, *comment_end), ""))
    return Fix("Move the comment to its own line above the instruction", edits, safe=True)


def _key_value_hit(dockerfile, line: int, word: str) -> Hit | None:
    """`ENV PORT=8080 # port`: the parser stops at the `#` word; find it in the instruction's physical lines."""
    lines = dockerfile.lines
    escape = dockerfile.escape
    number = line
    while number <= len(lines):
        text = lines[number - 1]
        stripped = text.rstrip()
        is_comment_line = number > line and text.lstrip().startswith("#")
        if not is_comment_line:
            offset = comment_offset(text, 0, escape, skip_words=2 if number == line else 0)
            if offset is not None and text[offset:].split()[0] == word:
                end = len(stripped[:-1].rstrip() if stripped.endswith(escape) else stripped)
                span = (number, offset + 1, number, end + 1)
                continues = stripped.endswith(escape)
                fix = None if continues else _move_fix(lines, line, (number, len(text[:offset].rstrip()) + 1),
                                                       (number, end + 1), text[offset:end], first=False)
                return Hit.at(span, "Docker has no end-of-line comments, so the `#` word is read as a "
                              "name=value pair and Docker refuses the file: move the comment to its own line",
                              fix, Severity.ERROR)
        if not stripped.endswith(escape) and not is_comment_line and stripped:
            return None
        number += 1
    return None
