"""BuildKit's Dockerfile parser (``frontend/dockerfile/parser``), reproduced exactly.

One pass over the physical lines: parser directives at the top, comments,
continuation lines joined into logical lines, each logical line split into
keyword, flags and arguments, and heredoc bodies consumed after the line that
names them. The quirks are BuildKit's and kept on purpose (see
``shared/docs/buildkit-grammar.md``): some of its loops read UTF-8 byte by byte,
heredoc markers are found with a shell lexer whose escape is always ``\\``, and
an over-long line ends the input like end of file.

``parse`` never raises: every input gives a :class:`ParsedDockerfile`, holding
either nodes or the one error BuildKit's parser stops at.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass

from pydocklint.dockerfile.ast import (
    Directive,
    Heredoc,
    Node,
    ParsedDockerfile,
    ParseError,
    ParseWarning,
    Segment,
)
from pydocklint.dockerfile.dump import GO_SPACE, go_lower, go_quote

_GO_SPACE_SET = frozenset(GO_SPACE)
_GO_SPACE_RUN = re.compile(f"[{GO_SPACE}]+")
# unicode.IsSpace(rune(b)) for one byte b: BuildKit's byte loops (flags, HEALTHCHECK)
# see a UTF-8 byte 0x85 or 0xA0 as a space. Applied to the Latin-1 view of the bytes.
_BYTE_SPACE = "\t\n\v\f\r \x85\xa0"
_BYTE_SPACE_RUN = re.compile(f"[{_BYTE_SPACE}]+")
# reWhitespace: the split between keyword and arguments, and of whitespace lists.
_ASCII_SPACE_RUN = re.compile(r"[\t\v\f\r ]+")
# Go's \s is [\t\n\f\r ]; `.` excludes only \n, as in Python.
_DIRECTIVE = re.compile(r"#[\t\n\f\r ]*([a-zA-Z][a-zA-Z0-9]*)[\t\n\f\r ]*=[\t\n\f\r ]*(.+?)[\t\n\f\r ]*\Z")
_HEREDOC_MARKER = re.compile(r"([0-9]*)<<(-?)[\t\n\f\r ]*([^<]*)\Z")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")

_KNOWN_DIRECTIVES = ("syntax", "escape", "check")
_HEREDOC_INSTRUCTIONS = ("add", "copy", "run")
_MAX_LINE_BYTES = 65535  # bufio.MaxScanTokenSize - 1
_MAX_JSON_DEPTH = 10000  # encoding/json's nesting limit
_NOT_STRING_ARRAY = "when using JSON array syntax, arrays must be comprised of strings only"


class _Failure(Exception):
    """BuildKit's parser rejected the current instruction with this message."""

    def __init__(self, message: str, last_line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.last_line = last_line  # the last line read, when reading went past the instruction


def parse(text: str) -> ParsedDockerfile:
    """Parse a Dockerfile's decoded text exactly as BuildKit's parser does.

    A leading BOM is stripped here. Never raises: an unexpected internal failure
    is reported as the file's parse error rather than taking the linter down.
    """
    try:
        return _DockerfileParser(text).parse()
    except Exception as exc:  # noqa: BLE001 - a bug must not abort the whole run
        lines = tuple(line.rstrip("\r") for line in _physical_lines(text.removeprefix("\ufeff"))[0])
        error = ParseError(f"internal parser error: {type(exc).__name__}: {exc}", 1)
        return ParsedDockerfile((), "\\", (), (), error, lines)


def _physical_lines(text: str) -> tuple[list[str], bool]:
    """The lines split on "\n" only ("\r" kept), and whether the text ends with a newline."""
    lines = text.split("\n")
    final_newline = lines[-1] == ""
    if final_newline:
        lines.pop()  # the last "\n" ends a line, it does not start one
    return lines, final_newline


# --------------------------------------------------------------------------- lines


@dataclass(slots=True)
class _LineNode:
    """One parsed logical line, before positions are attached (BuildKit's node + its Next chain)."""

    keyword: str
    flags: tuple[str, ...]
    values: list[str]  # the Next chain's values; [""] / [] for ONBUILD with / without trigger
    json: bool  # the node's "json" attribute
    original: str
    trigger: _LineNode | None = None
    trigger_offset: int = 0  # where trigger.original starts in original

    @property
    def args(self) -> tuple[str, ...]:
        """What the oracle calls ``value``: for ONBUILD, the trigger's arguments."""
        return tuple(self.trigger.values if self.trigger is not None else self.values)

    @property
    def args_json(self) -> bool:
        return self.trigger.json if self.trigger is not None else self.json

    def can_contain_heredoc(self) -> bool:
        target = self.trigger if self.trigger is not None else self
        return go_lower(target.keyword) in _HEREDOC_INSTRUCTIONS and not target.json


class _DockerfileParser:
    """BuildKit's ``parser.Parse`` loop over one file's physical lines."""

    def __init__(self, text: str) -> None:
        has_bom = text.startswith("\ufeff")
        if has_bom:
            text = text[1:]
        raw, self.final_newline = _physical_lines(text)
        self.raw = raw  # physical lines without "\n" ("\r" kept, as heredoc bodies need it)
        # trimNewline: trailing "\r"s are not part of the line BuildKit sees
        self.lines = [line.rstrip("\r") for line in raw] if "\r" in text else raw
        self.limit = _first_overlong_line(raw, has_bom)  # the scanner fails there: input ends
        self.escape = "\\"
        self.directives: list[Directive] = []
        self.directives_done = False
        self.warnings: list[ParseWarning] = []

    # ------------------------------------------------------------------ main loop

    def parse(self) -> ParsedDockerfile:
        lines, limit = self.lines, self.limit
        nodes: list[Node] = []
        comments: list[str] = []
        number = 0  # physical lines consumed; the 1-based number of the current line
        while number < limit:
            content = lines[number]
            number += 1
            stripped = content.lstrip(GO_SPACE)
            if stripped[:1] == "#":
                comment = _comment_text(content)
                if comment:
                    comments.append(comment)
                else:
                    comments = []  # an empty "#" line ends the comment block
                if not self.directives_done:
                    recognised, error = self._directive(stripped, number, content)
                    if error is not None:
                        return self._failed(error)
                    if recognised and comments:
                        comments.pop()  # a directive is not a description
                continue
            self.directives_done = True
            if not stripped:
                continue
            start_line, column = number, len(content) - len(stripped) + 1
            line, segments, number = self._logical_line(stripped, column, number)
            try:
                line_node = _node_from_line(line, self.escape)
                heredocs: tuple[Heredoc, ...] = ()
                if "<<" in line and line_node.can_contain_heredoc():
                    heredocs, number = self._heredoc_bodies(_heredocs_from_line(line), number)
            except _Failure as failure:
                end_line = failure.last_line or number
                return self._failed(self._instruction_error(failure.message, start_line, column, end_line))
            nodes.append(_to_node(line_node, segments, heredocs, tuple(comments), start_line, number))
            comments = []
        return self._finish(nodes)

    def _logical_line(self, first: str, column: int, number: int) -> tuple[str, tuple[Segment, ...], int]:
        """Join the instruction starting on line ``number`` with its continuation lines.

        Comment lines inside are dropped; blank ones are skipped with a warning.
        Returns the logical line, its segments and the number of its last line.
        """
        escape, start_line = self.escape, number
        if first[-1] not in (escape, " ", "\t"):  # the common case: no continuation
            return first, (Segment(0, number, column),), number
        piece, continues = _trim_continuation(first, escape)
        pieces = [piece]
        segments = [Segment(0, number, column)] if piece else []
        length = len(piece)
        lines, limit = self.lines, self.limit
        empty_line_seen = False
        while continues and number < limit:
            content = lines[number]
            number += 1
            lead = content.lstrip(GO_SPACE)
            if not lead:
                empty_line_seen = True
                continue
            if lead[0] == "#":
                continue
            body = content.rstrip(" \t")  # _trim_continuation, inlined: this loop is hot
            continues = body[-1] == escape and (len(body) == 1 or body[-2] != escape)
            piece = body[:-1] if continues else content
            if piece:  # indentation of continuation lines is kept: the piece starts in column 1
                segments.append(Segment(length, number, 1))
                length += len(piece)
                pieces.append(piece)
        line = "".join(pieces)
        if empty_line_seen:
            message = f"line {number}: Empty continuation line found in: {line}"
            self.warnings.append(ParseWarning(message, number))
        return line, tuple(segments) or (Segment(0, start_line, column),), number

    def _heredoc_bodies(self, markers: list[Heredoc], number: int) -> tuple[tuple[Heredoc, ...], int]:
        """Consume each heredoc's body, in marker order, up to its terminator line."""
        bodies = []
        last = len(self.raw) - 1
        for marker in markers:
            content: list[str] = []
            terminated = False
            while number < self.limit:
                candidate = self.lines[number]
                if marker.chomp:
                    candidate = candidate.lstrip("\t")
                if candidate == marker.name:
                    number += 1
                    terminated = True
                    break
                ending = "\n" if number < last or self.final_newline else ""
                content.append(self.raw[number] + ending)
                number += 1
            if not terminated:
                raise _Failure("unterminated heredoc", number)
            bodies.append(Heredoc(marker.name, marker.file_descriptor, marker.expand, marker.chomp,
                                  "".join(content)))
        return tuple(bodies), number

    # ------------------------------------------------------------------ directives

    def _directive(self, stripped: str, number: int, content: str) -> tuple[bool, ParseError | None]:
        """Record a ``# key=value`` directive of the leading block; the first other line ends the block.

        Returns whether the line was a directive, and the error it causes if any.
        """
        match = _DIRECTIVE.match(stripped)
        key = match.group(1).lower() if match else ""
        if key not in _KNOWN_DIRECTIVES:
            self.directives_done = True
            return False, None
        value = match.group(2)
        column = len(content) - len(stripped) + 1
        span = (number, column, number, len(content) + 1)
        if any(directive.key == key for directive in self.directives):
            return False, ParseError(f"only one {key} parser directive can be used", *span)
        if key == "escape":
            if value not in ("`", "\\"):
                return False, ParseError(f"invalid escape token '{value}' does not match ` or \\", *span)
            self.escape = value
        self.directives.append(Directive(key, value, number))
        return True, None

    # ------------------------------------------------------------------ results

    def _instruction_error(self, message: str, start_line: int, column: int, number: int) -> ParseError:
        """The error spans the instruction: from its keyword to the end of the last line read."""
        end_line = max(number, start_line)
        return ParseError(message, start_line, column, end_line, len(self.lines[end_line - 1]) + 1)

    def _finish(self, nodes: list[Node]) -> ParsedDockerfile:
        if not nodes:
            end_line = max(self.limit, 1)
            end_column = len(self.lines[end_line - 1]) + 1 if self.lines else 1
            return self._failed(ParseError("file with no instructions", 1, 1, end_line, end_column))
        if self.limit < len(self.lines):
            number = self.limit + 1
            message = f"dockerfile line greater than max allowed size of {_MAX_LINE_BYTES}"
            return self._failed(ParseError(message, number, 1, number, len(self.lines[self.limit]) + 1))
        return ParsedDockerfile(tuple(nodes), self.escape, tuple(self.directives), tuple(self.warnings), None,
                                tuple(self.lines))

    def _failed(self, error: ParseError) -> ParsedDockerfile:
        return ParsedDockerfile((), self.escape, tuple(self.directives), tuple(self.warnings), error,
                                tuple(self.lines))


def _first_overlong_line(raw: list[str], has_bom: bool) -> int:
    """Index of the first line longer than BuildKit's scanner accepts (in UTF-8 bytes), else len(raw)."""
    if not raw or max(map(len, raw)) * 4 + 3 <= _MAX_LINE_BYTES:
        return len(raw)
    for index, line in enumerate(raw):
        size = len(line.encode("utf-8", "surrogatepass")) + (3 if index == 0 and has_bom else 0)
        if size > _MAX_LINE_BYTES:
            return index
    return len(raw)


def _comment_text(content: str) -> str:
    """The comment block entry: the line minus its first *byte*, trimmed (so "  # x" gives "# x")."""
    if content[0].isascii():
        return content[1:].strip(GO_SPACE)
    return _from_bytes(content.encode("utf-8", "surrogatepass")[1:]).strip(GO_SPACE)


def _trim_continuation(text: str, escape: str) -> tuple[str, bool]:
    """Remove a trailing escape (and blanks after it); True when the line continues.

    An escaped escape at the end (``foo\\\\``) does not continue the line.
    """
    body = text.rstrip(" \t")
    if body[-1:] == escape and (len(body) == 1 or body[-2] != escape):
        return body[:-1], True
    return text, False


def _to_node(line_node: _LineNode, segments: tuple[Segment, ...], heredocs: tuple[Heredoc, ...],
             comments: tuple[str, ...], start_line: int, end_line: int) -> Node:
    """Attach positions to a parsed line; ONBUILD triggers get the segments of their own text.

    Built from the innermost trigger outwards so deep ONBUILD chains need no recursion.
    """
    if line_node.trigger is None:
        return Node(line_node.keyword, line_node.flags, tuple(line_node.values), line_node.json,
                    line_node.original, heredocs, comments, start_line, end_line, segments)
    chain = [(line_node, segments)]
    while chain[-1][0].trigger is not None:
        outer, outer_segments = chain[-1]
        chain.append((outer.trigger, _shift_segments(outer_segments, outer.trigger_offset)))
    node: Node | None = None
    for depth in range(len(chain) - 1, -1, -1):
        current, current_segments = chain[depth]
        own_heredocs = heredocs if depth <= 1 else ()  # the bodies belong to ONBUILD and its trigger
        node = Node(
            keyword=current.keyword,
            flags=current.flags,
            args=current.args,
            json=current.args_json,
            original=current.original,
            heredocs=own_heredocs,
            prev_comment=comments if depth == 0 else (),
            start_line=start_line,
            end_line=end_line,
            segments=current_segments,
            trigger=node,
        )
    assert node is not None
    return node


def _shift_segments(segments: tuple[Segment, ...], base: int) -> tuple[Segment, ...]:
    """The segments of the text that starts at offset ``base`` of the segmented text."""
    shifted = []
    for index, segment in enumerate(segments):
        following = segments[index + 1].offset if index + 1 < len(segments) else None
        if following is not None and following <= base:
            continue
        if segment.offset <= base:
            shifted.append(Segment(0, segment.line, segment.column + base - segment.offset))
        else:
            shifted.append(Segment(segment.offset - base, segment.line, segment.column))
    return tuple(shifted)


# --------------------------------------------------------------------------- one logical line


def _node_from_line(line: str, escape: str) -> _LineNode:
    """newNodeFromLine: keyword, flags and arguments; ONBUILD parses its trigger the same way."""
    onbuilds: list[tuple[str, tuple[str, ...], str, int]] = []
    text = line
    while True:
        keyword, flags, rest = _split_command(text, escape)
        name = keyword.lower() if keyword.isascii() else go_lower(keyword)
        if name == "onbuild" and rest:
            onbuilds.append((keyword, flags, text, _suffix_offset(text, rest)))
            text = rest
            continue
        if name == "onbuild":
            node = _LineNode(keyword, flags, [], False, text)
        else:
            values, is_json = _ARGUMENT_PARSERS.get(name, _parse_ignore)(rest, escape)
            node = _LineNode(keyword, flags, values, is_json, text)
        break
    for keyword, flags, text, rest_offset in reversed(onbuilds):
        node = _LineNode(keyword, flags, [""], False, text, node, rest_offset)
    return node


def _split_command(line: str, escape: str) -> tuple[str, tuple[str, ...], str]:
    """splitCommand: keyword, flags, and the arguments (trimmed)."""
    trimmed = line.strip(GO_SPACE)
    keyword, _, rest = trimmed.partition(" ")
    if keyword.isalnum():  # fast path: no other ASCII blank can be inside the keyword
        rest = rest.lstrip("\t\v\f\r ")
    else:
        keyword, rest = (_ASCII_SPACE_RUN.split(trimmed, maxsplit=1) + [""])[:2]
    if not rest:
        return keyword, (), ""
    rest, flags = _extract_flags(rest, escape)
    return keyword, flags, rest.strip(GO_SPACE)


def _suffix_offset(line: str, rest: str) -> int:
    """Where the arguments ``rest`` start in ``line`` (they end where its trimmed text ends)."""
    trimmed = line.rstrip(GO_SPACE)
    if trimmed.endswith(rest):
        return len(trimmed) - len(rest)
    return max(line.find(rest), 0)  # only when non-ASCII bytes were re-decoded in flags


def _extract_flags(text: str, escape: str) -> tuple[str, tuple[str, ...]]:
    """extractBuilderFlags: take leading ``--flag`` words off; returns (rest, flags).

    BuildKit walks the UTF-8 bytes and turns each byte into a rune, so this runs on
    the Latin-1 view of the bytes: flags come out as Go makes them (non-ASCII bytes
    become Latin-1 characters) and 0x85/0xA0 bytes split words.
    """
    if not text.startswith("--"):
        return text, ()
    view = text if text.isascii() else text.encode("utf-8", "surrogatepass").decode("latin-1")
    in_spaces, in_word, in_quote = 0, 1, 2
    words: list[str] = []
    word: list[str] = []
    phase = in_spaces
    quote = ""
    blank_ok = False
    size = len(view)
    position = 0
    while True:
        if phase == in_spaces:
            if position == size:
                break
            char = view[position]
            if char in _BYTE_SPACE:
                position += 1
                continue
            if char != "-" or position + 1 == size or view[position + 1] != "-":
                return _from_view(view[position:], view is text), tuple(words)
            phase = in_word
        if position == size:
            finished = "".join(word)
            if finished != "--" and (blank_ok or finished):
                words.append(finished)
            break
        char = view[position]
        position += 1
        if phase == in_word:
            if char in _BYTE_SPACE:
                phase = in_spaces
                finished = "".join(word)
                if finished == "--":  # a bare "--" ends the flags and is dropped
                    return _from_view(view[position - 1:], view is text), tuple(words)
                if blank_ok or finished:
                    words.append(finished)
                word = []
                blank_ok = False
                continue
            if char in "'\"":
                quote = char
                blank_ok = True
                phase = in_quote
                continue
            if char == escape:
                if position == size:
                    continue  # an escape at the very end is dropped
                char = view[position]
                position += 1
            word.append(char)
            continue
        if char == quote:
            phase = in_word
            continue
        if char == escape:
            if position == size:
                phase = in_word
                continue
            char = view[position]
            position += 1
        word.append(char)
    return "", tuple(words)


def _from_view(view: str, is_text: bool) -> str:
    """Text again from (part of) a Latin-1 view of UTF-8 bytes; ``is_text`` when the view was the text."""
    return view if is_text else _from_bytes(view.encode("latin-1"))


def _from_bytes(data: bytes) -> str:
    """Decode UTF-8 as Go's JSON output shows it: each invalid byte becomes U+FFFD."""
    text = data.decode("utf-8", "surrogateescape")
    return _LONE_SURROGATE.sub("\ufffd", text) if not text.isascii() else text


# --------------------------------------------------------------------------- argument shapes


def _parse_ignore(rest: str, escape: str) -> tuple[list[str], bool]:
    """Unknown instruction: the parser keeps one empty argument node."""
    return [""], False


def _parse_string(rest: str, escape: str) -> tuple[list[str], bool]:
    return ([rest] if rest else []), False


def _parse_whitespace_list(rest: str, escape: str) -> tuple[list[str], bool]:
    return (_ASCII_SPACE_RUN.split(rest) if rest else []), False


def _parse_maybe_json(rest: str, escape: str) -> tuple[list[str], bool]:
    if not rest:
        return [], False
    values = _json_string_array(rest)
    return (values, True) if values is not None else ([rest], False)


def _parse_maybe_json_list(rest: str, escape: str) -> tuple[list[str], bool]:
    values = _json_string_array(rest)
    return (values, True) if values is not None else _parse_whitespace_list(rest, escape)


def _parse_healthcheck(rest: str, escape: str) -> tuple[list[str], bool]:
    """The type word (found byte by byte, like BuildKit), then CMD's JSON or shell form."""
    view = rest if rest.isascii() else rest.encode("utf-8", "surrogatepass").decode("latin-1")
    gap = _BYTE_SPACE_RUN.search(view)
    separator, command_start = (gap.start(), gap.end()) if gap else (len(view), len(view))
    if separator == 0:
        return [], False
    kind = _from_view(view[:separator], view is rest)
    values, is_json = _parse_maybe_json(_from_view(view[command_start:], view is rest), escape)
    return [kind, *values], is_json


def _parse_arg(rest: str, escape: str) -> tuple[list[str], bool]:
    return _parse_words(rest, escape), False


def _parse_env(rest: str, escape: str) -> tuple[list[str], bool]:
    return _parse_name_value(rest, "ENV", escape), False


def _parse_label(rest: str, escape: str) -> tuple[list[str], bool]:
    return _parse_name_value(rest, "LABEL", escape), False


def _parse_name_value(rest: str, instruction: str, escape: str) -> list[str]:
    """ENV/LABEL: (key, value, separator) triples; the legacy ``KEY value`` form has separator ""."""
    words = _parse_words(rest, escape)
    if not words:
        return []
    if "=" not in words[0]:
        parts = _ASCII_SPACE_RUN.split(rest, maxsplit=1)
        if len(parts) < 2:
            raise _Failure(f"{instruction} must have two arguments")
        return [parts[0], parts[1], ""]
    values: list[str] = []
    for word in words:
        if "=" not in word:
            raise _Failure(f"Syntax error - can't find = in {go_quote(word)}. Must be of the form: name=value")
        key, value = word.split("=", 1)
        values += (key, value, "=")
    return values


def _word_pattern(escape: str) -> re.Pattern[str]:
    """parseWords as a regex: a word is a run of escaped characters, quoted parts and plain characters.

    An escape keeps itself and the next character (even a space or a quote); inside
    single quotes nothing is escaped; an unterminated quote runs to the end; an escape
    with nothing after it is dropped. Quotes are kept in the word.
    """
    e = re.escape(escape)
    return re.compile(
        f"(?:{e}.|'[^']*'?|\"(?:{e}.|[^\"{e}])*\"?|[^{GO_SPACE}'\"{e}])+",
        re.DOTALL,
    )


_WORD_PATTERNS = {escape: _word_pattern(escape) for escape in ("\\", "`")}


def _parse_words(rest: str, escape: str) -> list[str]:
    """parseWords: quote-aware words, quotes and escapes kept verbatim."""
    if "'" not in rest and '"' not in rest and escape not in rest:
        return [word for word in _GO_SPACE_RUN.split(rest) if word]
    return _WORD_PATTERNS[escape].findall(rest)


def _json_string_array(rest: str) -> list[str] | None:
    """parseJSON: the strings of a JSON array of strings, None if not JSON at all.

    Raises for an array holding anything but strings. Like Go's encoding/json the
    whole text must be one array; NaN/Infinity and numbers beyond float64 are
    decode errors (so the line falls back to shell form), and the nesting limit is
    10,000.
    """
    text = rest.lstrip(GO_SPACE)
    if not text.startswith("["):
        return None
    overflowed = False

    def number(literal: str) -> int:
        nonlocal overflowed
        overflowed = overflowed or math.isinf(float(literal))
        return 0

    try:
        value = json.loads(text, parse_float=number, parse_int=number, parse_constant=_reject_json_constant)
    except ValueError:
        return None
    except RecursionError:  # deeper than Python's stack: valid only if Go's limit allows it
        if _json_is_valid(text):
            raise _Failure(_NOT_STRING_ARRAY) from None
        return None
    if overflowed:
        return None
    if not all(isinstance(element, str) for element in value):
        raise _Failure(_NOT_STRING_ARRAY)
    if "\\u" in text:  # Go decodes a lone surrogate escape as U+FFFD
        value = [_LONE_SURROGATE.sub("\ufffd", element) for element in value]
    return value


def _reject_json_constant(name: str) -> None:
    raise ValueError(f"{name} is not JSON")


_JSON_TOKEN = re.compile(
    r'[ \t\n\r]*(?:([\[\]{},:])|("(?:[^"\\\x00-\x1f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*")'
    r"|(-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)|(true|false|null))"
)


def _json_is_valid(text: str) -> bool:
    """Whether Go's encoding/json accepts ``text`` (one value, depth <= 10,000), without recursion."""
    stack: list[str] = []
    expect = "value_or_close"  # text starts with "[", consumed below
    position = 1
    stack.append("[")
    while stack:
        match = _JSON_TOKEN.match(text, position)
        if match is None:
            return False
        position = match.end()
        punctuation, string, number, literal = match.groups()
        if expect in ("value", "value_or_close"):
            if expect == "value_or_close" and punctuation == "]":
                stack.pop()
                expect = "comma_or_close"
            elif punctuation in ("[", "{"):
                stack.append(punctuation)
                if len(stack) > _MAX_JSON_DEPTH:
                    return False
                expect = "value_or_close" if punctuation == "[" else "key_or_close"
            elif string or literal or (number and not math.isinf(float(number))):
                expect = "comma_or_close"
            else:
                return False
        elif expect in ("key", "key_or_close"):
            if expect == "key_or_close" and punctuation == "}":
                stack.pop()
                expect = "comma_or_close"
            elif string:
                expect = "colon"
            else:
                return False
        elif expect == "colon":
            if punctuation != ":":
                return False
            expect = "value"
        elif punctuation == ",":
            expect = "value" if stack[-1] == "[" else "key"
        elif punctuation is not None and punctuation == {"[": "]", "{": "}"}[stack[-1]]:
            stack.pop()
        else:
            return False
    return not text[position:].strip(" \t\n\r")


_ARGUMENT_PARSERS = {
    "add": _parse_maybe_json_list,
    "arg": _parse_arg,
    "cmd": _parse_maybe_json,
    "copy": _parse_maybe_json_list,
    "entrypoint": _parse_maybe_json,
    "env": _parse_env,
    "expose": _parse_whitespace_list,
    "from": _parse_whitespace_list,
    "healthcheck": _parse_healthcheck,
    "label": _parse_label,
    "maintainer": _parse_string,
    "run": _parse_maybe_json,
    "shell": _parse_maybe_json,
    "stopsignal": _parse_string,
    "user": _parse_string,
    "volume": _parse_maybe_json_list,
    "workdir": _parse_string,
}


# --------------------------------------------------------------------------- heredoc markers


def _heredocs_from_line(line: str) -> list[Heredoc]:
    """heredocsFromLine: every shell word of the whole line that is a ``<<NAME`` marker.

    The line is lexed with quotes, escapes and ``$VARS`` left as written; when that
    lexing fails (an unbalanced quote, ``${}``...) the line has no heredocs at all.
    """
    try:
        _, words = _ShellLexer(line, raw_quotes=True, raw_escapes=True).scan()
    except _LexError:
        return []
    markers = []
    for word in words:
        marker = _parse_heredoc_marker(word)
        if marker is not None:
            markers.append(marker)
    return markers


def _parse_heredoc_marker(word: str) -> Heredoc | None:
    """ParseHeredoc: the heredoc a word names (content still empty), or None."""
    match = _HEREDOC_MARKER.match(word)
    if match is None or not match.group(3):
        return None
    digits, dash, rest = match.groups()
    descriptor = min(int(digits), 2**64 - 1) if digits else 0  # strconv.ParseUint, its error ignored
    names = _lex_words(rest, raw_quotes=False)
    if len(names) != 1:
        return None
    raw_names = _lex_words(rest, raw_quotes=True)
    if len(raw_names) != len(names):
        raise _Failure(f"internal lexing of heredoc produced inconsistent results: {rest}")
    # Quotes removed in one lexing but kept in the other: part of the name was quoted.
    expand = _quote_count(names[0]) == _quote_count(raw_names[0])
    return Heredoc(names[0], descriptor, expand, dash == "-", "")


def _lex_words(text: str, raw_quotes: bool) -> list[str]:
    try:
        return _ShellLexer(text, raw_quotes=raw_quotes, raw_escapes=False).scan()[1]
    except _LexError as error:
        raise _Failure(f"failed to process {go_quote(text)}: {error}") from None


def _quote_count(text: str) -> int:
    return text.count("'") + text.count('"')


class _LexError(Exception):
    pass


class _ShellLexer:
    """BuildKit's shell-word lexer (``shell.Lex``) as the parser uses it for heredocs.

    Escape character ``\\``, no environment and SkipUnsetEnv: every ``$VAR`` and
    ``${VAR...}`` stays as written. Like BuildKit, nested scans (inside ``${...}``)
    reset the one word buffer they share with the outer scan.
    """

    def __init__(self, text: str, raw_quotes: bool, raw_escapes: bool) -> None:
        self.text = text
        self.size = len(text)
        self.position = 1 if text.startswith("\ufeff") else 0  # text/scanner skips a leading BOM
        self.raw_quotes = raw_quotes
        self.raw_escapes = raw_escapes
        self.buffer: list[str] = []  # the word being built, shared by nested scans

    def peek(self) -> str | None:
        return self.text[self.position] if self.position < self.size else None

    def scan(self) -> tuple[str, list[str]]:
        return self.scan_until(None, self.raw_escapes)

    def scan_until(self, stop: str | None, raw_escapes: bool) -> tuple[str, list[str]]:
        """processStopOn: (text, words) up to ``stop`` (consumed) or the end when stop is None."""
        saved_raw_escapes = self.raw_escapes
        self.raw_escapes = raw_escapes
        try:
            return self._scan_until(stop)
        finally:
            self.raw_escapes = saved_raw_escapes

    def _scan_until(self, stop: str | None) -> tuple[str, list[str]]:
        result: list[str] = []
        self.buffer.clear()
        words = _Words(self.buffer)
        text = self.text
        while self.position < self.size:
            char = text[self.position]
            if char == stop:
                self.position += 1
                return "".join(result), words.finish()
            if char == "$":
                expansion = self.dollar()
                result.append(expansion)
                words.add_string(expansion)
            elif char == "<":
                operator = self.possible_heredoc()
                result.append(operator)
                words.add_raw_string(operator)
            elif char == "'":
                quoted = self.single_quote()
                result.append(quoted)
                words.add_raw_string(quoted)
            elif char == '"':
                quoted = self.double_quote()
                result.append(quoted)
                words.add_raw_string(quoted)
            else:
                self.position += 1
                if char == "\\":
                    if self.raw_escapes:
                        words.add_raw_char(char)
                        result.append(char)
                    if self.position == self.size:
                        break
                    char = text[self.position]
                    self.position += 1
                    words.add_raw_char(char)
                else:
                    words.add_char(char)
                result.append(char)
        if stop is not None:
            raise _LexError(f"unexpected end of statement while looking for matching {stop}")
        return "".join(result), words.finish()

    def single_quote(self) -> str:
        self.position += 1
        end = self.text.find("'", self.position)
        if end < 0:
            raise _LexError("unexpected end of statement while looking for matching single-quote")
        body = self.text[self.position:end]
        self.position = end + 1
        return f"'{body}'" if self.raw_quotes else body

    def double_quote(self) -> str:
        self.position += 1
        result = ['"'] if self.raw_quotes else []
        text = self.text
        while True:
            if self.position == self.size:
                raise _LexError("unexpected end of statement while looking for matching double-quote")
            char = text[self.position]
            if char == '"':
                self.position += 1
                if self.raw_quotes:
                    result.append(char)
                return "".join(result)
            if char == "$":
                result.append(self.dollar())
                continue
            self.position += 1
            if char == "\\":
                if self.raw_escapes:
                    result.append(char)
                if self.position == self.size:
                    continue
                if text[self.position] in '"$\\':
                    char = text[self.position]
                    self.position += 1
            result.append(char)

    def dollar(self) -> str:
        """processDollar with every variable unset and kept: ``$X``, ``${X}``, ``${X:-w}``..."""
        self.position += 1
        if self.peek() != "{":
            name = self.name()
            return "$" + name if name else "$"
        self.position += 1
        following = self.peek()
        if following is None:
            raise _LexError("syntax error: missing '}'")
        if following in "{}:":
            raise _LexError("syntax error: bad substitution")
        name = self.name()
        char = self._next_or_error_rune()
        modifier = char
        if char == "}":
            return "${" + name + "}"
        if char == ":":
            char = self._next_or_error_rune()
            modifier += char
        elif char == "/":
            return self._replacement(name)
        elif char not in ("+", "-", "?", "#", "%"):
            raise _LexError(f"unsupported modifier ({modifier}) in substitution")
        keep_escapes = char in ("#", "%")
        if modifier.startswith(":") and keep_escapes:
            raise _LexError(f"unsupported modifier ({modifier}) in substitution")
        word = self._scan_to_brace(keep_escapes)
        return "${" + name + modifier + word + "}"

    def _replacement(self, name: str) -> str:
        if self.peek() == "/":
            self.position += 1
        try:
            pattern, _ = self.scan_until("/", True)
        except _LexError:
            if self.peek() is None:
                raise _LexError("syntax error: missing '/' in ${}") from None
            raise
        replacement = self._scan_to_brace(True)
        return "${" + name + "/" + pattern + "/" + replacement + "}"

    def _scan_to_brace(self, raw_escapes: bool) -> str:
        try:
            word, _ = self.scan_until("}", raw_escapes)
        except _LexError:
            if self.peek() is None:
                raise _LexError("syntax error: missing '}'") from None
            raise
        return word

    def _next_or_error_rune(self) -> str:
        """scanner.Next(); at the end Go's EOF rune prints as U+FFFD."""
        if self.position == self.size:
            return "\ufffd"
        char = self.text[self.position]
        self.position += 1
        return char

    def name(self) -> str:
        """processName: digits, one special parameter, or letters/digits/underscores."""
        text, start = self.text, self.position
        if start < self.size and text[start].isdecimal():
            end = start
            while end < self.size and text[end].isdecimal():
                end += 1
            self.position = end
            return text[start:end]
        if start < self.size and text[start] in "@*#?-$!0":
            self.position += 1
            return text[start]
        end = start
        while end < self.size and (text[end].isalpha() or text[end].isdecimal() or text[end] == "_"):
            end += 1
        self.position = end
        return text[start:end]

    def possible_heredoc(self) -> str:
        """``<`` is itself; ``<<`` keeps the spaces, tabs and CRs after it in the same word."""
        self.position += 1
        if self.peek() != "<":
            return "<"
        self.position += 1
        start = self.position
        while self.position < self.size and self.text[self.position] in " \t\r":
            self.position += 1
        return "<<" + self.text[start:self.position]


class _Words:
    """wordsStruct: splits at unquoted whitespace; quoted text and escapes never split."""

    __slots__ = ("buffer", "words", "in_word")

    def __init__(self, buffer: list[str]) -> None:
        self.buffer = buffer
        self.words: list[str] = []
        self.in_word = False

    def add_char(self, char: str) -> None:
        if char in _GO_SPACE_SET:
            if self.in_word and any(self.buffer):
                self.words.append("".join(self.buffer))
                self.buffer.clear()
                self.in_word = False
        else:
            self.buffer.append(char)
            self.in_word = True

    def add_raw_string(self, text: str) -> None:
        self.buffer.append(text)
        self.in_word = True

    add_raw_char = add_raw_string

    def add_string(self, text: str) -> None:
        for char in text:
            self.add_char(char)

    def finish(self) -> list[str]:
        if any(self.buffer):
            self.words.append("".join(self.buffer))
            self.buffer.clear()
            self.in_word = False
        return self.words
