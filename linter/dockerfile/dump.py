"""BuildKit's view of a parse: the oracle schema and ``Node.Dump()`` strings.

``to_oracle`` renders a :class:`ParsedDockerfile` exactly as the reference tool
renders BuildKit's own parser output, so the two can be compared key by key.
Strings in dumps are quoted the way Go's ``strconv.Quote`` does it.
"""

from __future__ import annotations

import json

from pydocklint.dockerfile.ast import Node, ParsedDockerfile

_GO_ESCAPES = {"\a": "\\a", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\v": "\\v"}

# Go's unicode.IsSpace, which BuildKit uses to trim lines and split words.
GO_SPACE = (
    "\t\n\v\f\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
    "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)


def go_quote(text: str) -> str:
    """``strconv.Quote``: double-quoted, printable runes kept, the rest escaped."""
    if text.isascii() and text.isprintable() and '"' not in text and "\\" not in text:
        return f'"{text}"'
    out = ['"']
    for char in text:
        if char in '"\\':
            out.append("\\" + char)
        elif char.isprintable():  # same classes as Go's unicode.IsPrint (L, M, N, P, S and ' ')
            out.append(char)
        elif char in _GO_ESCAPES:
            out.append(_GO_ESCAPES[char])
        else:
            code = ord(char)
            if code < 0x20 or code == 0x7F:
                out.append(f"\\x{code:02x}")
            elif code < 0x10000:
                out.append(f"\\u{code:04x}")
            else:
                out.append(f"\\U{code:08x}")
    out.append('"')
    return "".join(out)


def go_lower(text: str) -> str:
    """``strings.ToLower``: rune by rune, without Python's special casing (İ, final sigma)."""
    if text.isascii():
        return text.lower()
    return "".join(char.lower()[0] for char in text)


def node_dump(node: Node) -> str:
    """BuildKit's ``Node.Dump()`` of one instruction, e.g. ``run ["--network=none"] "echo hi"``.

    Built from the innermost ONBUILD trigger outwards, so no nesting depth can
    exhaust Python's recursion limit.
    """
    chain = [node]
    while chain[-1].trigger is not None:
        chain.append(chain[-1].trigger)
    dumped = _dump_head(chain[-1], [go_quote(arg) for arg in chain[-1].args])
    for outer in reversed(chain[:-1]):
        dumped = _dump_head(outer, [f"({dumped})"])
    return dumped


def _dump_head(node: Node, rendered_args: list[str]) -> str:
    text = go_lower(node.keyword)
    if node.flags:
        text += " [" + " ".join(go_quote(flag) for flag in node.flags) + "]"
    for rendered in rendered_args:
        text += " " + rendered
    return text.strip(GO_SPACE)


def to_oracle(parsed: ParsedDockerfile) -> dict:
    """The parse in the oracle schema (``oracle-buildkit-head.json``)."""
    if parsed.error is not None:
        return {"error": parsed.error.message, "escape": None, "warnings": [], "instructions": []}
    return {
        "error": None,
        "escape": parsed.escape,
        "warnings": [warning.message for warning in parsed.warnings],
        "instructions": [_instruction(node) for node in parsed.nodes],
    }


def _instruction(node: Node) -> dict:
    return {
        "cmd": node.keyword,
        "sub_cmd": node.trigger.keyword if node.trigger is not None else None,
        "start_line": node.start_line,
        "end_line": node.end_line,
        "flags": list(node.flags),
        "value": list(node.args),
        "json": node.json,
        "original": node.original,
        "heredocs": [
            {
                "name": heredoc.name,
                "fd": heredoc.file_descriptor,
                "expand": heredoc.expand,
                "chomp": heredoc.chomp,
                "content": heredoc.content,
            }
            for heredoc in node.heredocs
        ],
        "prev_comment": list(node.prev_comment),
        "dump": f"({node_dump(node)})",
    }


def dumps(parsed: ParsedDockerfile) -> str:
    """``to_oracle`` as JSON text, formatted like the oracle files."""
    return json.dumps(to_oracle(parsed), indent=1, ensure_ascii=False)
