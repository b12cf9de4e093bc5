"""Variable substitution exactly as BuildKit's shell-word lexer performs it.

BuildKit expands ``$name`` / ``${name...}`` in most instruction arguments with its own
small lexer (``frontend/dockerfile/shell/lex.go``), not with a real shell. This module
reproduces that lexer as pure functions:

* ``expand`` — one word, quotes removed, escapes applied (``ProcessWordWithMatches``);
* ``expand_words`` — substitution followed by splitting on unquoted whitespace
  (``ProcessWords``, used for EXPOSE);
* ``references`` — where the variable references are, without expanding anything.

The lexer is one forward scan over the word. Constructs that nest (``"..."`` and the
word after a ``${name`` modifier, which may itself contain both) are kept on an explicit
stack, so deep nesting cannot exhaust Python's recursion limit. Everything BuildKit
evaluates is evaluated eagerly, as BuildKit does: the word of ``${X:-word}`` is expanded
(and its lookups recorded, its errors raised) even when X is set.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from operator import attrgetter

__all__ = ["Expansion", "ExpansionError", "Reference", "expand", "expand_words", "references"]


class ExpansionError(ValueError):
    """A word BuildKit refuses to expand; ``offset`` is where in the word the problem starts.

    The offset is the ``$`` of the substitution at fault (for an unterminated ``${``,
    the outermost one), the first modifier character for "unsupported modifier",
    and the opening quote for an unterminated quoted string.
    """

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.offset = offset


@dataclass(frozen=True, slots=True)
class Expansion:
    value: str  # the word after substitution, quotes removed, escapes applied
    unmatched: frozenset[str]  # names looked up that were not in env (feeds UndefinedVar)
    referenced: frozenset[str]  # every name looked up


@dataclass(frozen=True, slots=True)
class Reference:
    name: str
    start: int  # offset of the `$` in the text
    end: int  # offset just after the reference (after `}` for braced forms)
    default: str | None  # the raw text after the modifier (``d`` of ``${X:-d}``, ``p/r`` of ``${X/p/r}``)
    modifier: str | None  # ":-", "-", ":+", "+", ":?", "?", "#", "##", "%", "%%", "/", "//" or None


def expand(word: str, env: Mapping[str, str], *, escape: str = "\\") -> Expansion:
    """Substitute variables in one word and remove its quotes (BuildKit's ProcessWordWithMatches)."""
    if _needs_scan(word, escape):
        parts, matched, unmatched = _scan(word, env, escape, False, None)
        missing = frozenset(unmatched) if unmatched else _NOTHING
        return Expansion("".join(parts), missing, frozenset(matched | unmatched) if matched else missing)
    return _unchanged(word)


def expand_words(text: str, env: Mapping[str, str], *, escape: str = "\\") -> list[str]:
    """Substitute variables, then split on unquoted whitespace (BuildKit's ProcessWords).

    Whitespace produced by a substitution splits too; quoted or escaped whitespace does
    not. Empty words (``""``) are dropped, as BuildKit drops them.
    """
    if _needs_scan(text, escape):
        return _split_words(_scan(text, env, escape, True, None)[0])
    return [word for word in _GO_SPACE.split(text) if word]


def references(text: str, *, escape: str = "\\") -> list[Reference]:
    """Every variable reference in ``text``, ordered by position; never raises on any text.

    (Only an escape other than ``\\`` or `````` is refused, with ValueError.)

    Single-quoted text and escaped ``$`` hold no references; references nested in a
    modifier word are included. A substitution BuildKit would reject as malformed is
    left out, and scanning carries on where BuildKit's lexer would have stopped.
    """
    if escape not in _SEARCHES:
        raise _bad_escape(escape)
    if "$" not in text:
        return []
    found: list[Reference] = []
    _scan(text, _EMPTY_ENV, escape, False, found)
    found.sort(key=attrgetter("start"))  # a braced reference is completed after those nested in it
    return found


# ---------------------------------------------------------------------------
# Lexer

_MISSING_BRACE = "syntax error: missing '}'"
_MISSING_SLASH = "syntax error: missing '/' in ${}"
_BAD_SUBSTITUTION = "syntax error: bad substitution"
_UNTERMINATED_SINGLE = "unexpected end of statement while looking for matching single-quote"
_UNTERMINATED_DOUBLE = "unexpected end of statement while looking for matching double-quote"

_NOTHING: frozenset[str] = frozenset()
_EMPTY_ENV: Mapping[str, str] = {}
_ESCAPES = ("\\", "`")  # the only tokens the `# escape=` directive accepts
# Modifiers that survive scanning; ":x" for any other x is only rejected once its word is read.
_VALID_OPERATORS = frozenset({":-", "-", ":+", "+", ":?", "?", "#", "%", "/"})
# Single characters BuildKit treats as a whole name (POSIX special parameters).
_SPECIAL_PARAMETERS = frozenset("@*#?-$!0")
# Go's unicode.IsSpace: Python's str.isspace() minus the separators U+001C..U+001F.
_GO_SPACE = re.compile("[\t\n\v\f\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+")
_ASCII_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*").match

# Per escape character: what ends a run of ordinary characters in each context.
_SEARCHES = {
    escape: {
        None: re.compile(f"[$'\"{re.escape(escape)}]").search,  # the whole word
        "}": re.compile(f"[$'\"{re.escape(escape)}}}]").search,  # a modifier word
        "/": re.compile(f"[$'\"{re.escape(escape)}/]").search,  # the pattern of ${v/p/r}
        '"': re.compile(f'["${re.escape(escape)}]').search,  # a double-quoted string
    }
    for escape in _ESCAPES
}


def _needs_scan(word: str, escape: str) -> bool:
    """False when the word has nothing to substitute, unquote or unescape.

    Raises ValueError for an escape character other than the two BuildKit accepts
    (a caller's mistake, not a problem of the word).
    """
    if escape not in _SEARCHES:
        raise _bad_escape(escape)
    # Go's text/scanner silently drops a byte-order mark at the start of its input.
    return "$" in word or "'" in word or '"' in word or escape in word or word[:1] == "\ufeff"


def _bad_escape(escape: str) -> ValueError:
    return ValueError(f"escape must be '\\' or '`', not {escape!r}")


@lru_cache(maxsize=4096)
def _unchanged(word: str) -> Expansion:
    # Words without $, quotes or escapes are most words; building the frozen result
    # costs more than the check, and such words repeat a lot across Dockerfiles.
    return Expansion(word, _NOTHING, _NOTHING)


class _Raw(str):
    """Text of the whole word that came from quotes or an escape: never split into words."""

    __slots__ = ()


class _Failure(Exception):
    """A lexer error, before the enclosing ``${`` (if any) decides how it is reported."""

    def __init__(self, message: str, offset: int, position: int) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset
        self.position = position  # where the scan stood; at the end, an open ${ takes over


class _Frame:
    """A construct being scanned: the whole word, a "..." string, or a ``${name<op>`` word.

    Modifier-word frames also carry ``name``, ``name_end``, ``operator``, ``body_start``,
    ``pattern`` and ``replace_all``; they are only set (and read) on those.
    """

    __slots__ = (
        "search", "stop", "quoted", "raw_escapes", "parts", "start",
        "name", "name_end", "operator", "body_start", "pattern", "replace_all",
    )

    def __init__(self, search, stop: str | None, quoted: bool, raw_escapes: bool, start: int) -> None:
        self.search = search  # finds the next character that is not ordinary text here
        self.stop = stop  # "}" or "/" ends a modifier word; None for the word and for "..."
        self.quoted = quoted
        self.raw_escapes = raw_escapes  # BuildKit keeps escapes in #, % and / patterns
        self.parts: list[str] = []
        self.start = start  # offset of the `$` or of the opening `"`


def _scan(word: str, env: Mapping[str, str], escape: str, split: bool, found: list[Reference] | None):
    """One run of BuildKit's lexer over ``word``.

    Returns the top-level parts (``_Raw`` marks the unsplittable ones when ``split``),
    the names found and the names missing in ``env``. With ``found`` it only collects
    ``Reference``s into it: nothing is looked up and a malformed substitution is
    skipped instead of raised.
    """
    searches = _SEARCHES[escape]
    lenient = found is not None
    raw = _Raw if split else str
    matched: set[str] = set()
    unmatched: set[str] = set()
    n = len(word)
    top = _Frame(searches[None], None, False, False, 0)
    stack = [top]
    frame = top
    i = 1 if word.startswith("\ufeff") else 0  # Go's text/scanner skips a leading BOM

    while True:
        try:
            while True:
                if frame.quoted:
                    match = frame.search(word, i)
                    if match is None:
                        raise _Failure(_UNTERMINATED_DOUBLE, frame.start, n)
                    j = match.start()
                    if j > i:
                        frame.parts.append(word[i:j])
                    char = word[j]
                    if char == '"':
                        stack.pop()
                        parent = stack[-1]
                        parent.parts.append(raw("".join(frame.parts)))
                        frame = parent
                        i = j + 1
                        continue
                    if char == escape:
                        # Inside "..." the escape only escapes ", $ and itself.
                        following = j + 1
                        if following >= n:
                            raise _Failure(_UNTERMINATED_DOUBLE, frame.start, n)
                        escaped = word[following]
                        if escaped == '"' or escaped == "$" or escaped == escape:
                            frame.parts.append(escaped)
                            i = following + 1
                        else:
                            frame.parts.append(escape)
                            i = following
                        continue
                else:
                    match = frame.search(word, i)
                    if match is None:
                        if i < n:
                            frame.parts.append(word[i:])
                        if frame is top:
                            break
                        raise _Failure(_MISSING_BRACE, frame.start, n)
                    j = match.start()
                    if j > i:
                        frame.parts.append(word[i:j])
                    char = word[j]
                    if char == frame.stop:
                        i = j + 1
                        if char == "/":  # the pattern of ${v/pattern/ is read; the replacement runs to }
                            frame.pattern = "".join(frame.parts)
                            frame.parts = []
                            frame.stop = "}"
                            frame.search = searches["}"]
                            continue
                        stack.pop()
                        parent = stack[-1]
                        if lenient:
                            reference = _braced_reference(word, frame, i)
                            if reference is not None:
                                found.append(reference)
                        else:
                            substituted = _substitute(frame, "".join(frame.parts), i, env, matched, unmatched)
                            parent.parts.append(substituted)
                        frame = parent
                        continue
                    if char == "'":
                        close = word.find("'", j + 1)
                        if close < 0:
                            raise _Failure(_UNTERMINATED_SINGLE, j, n)
                        frame.parts.append(raw(word[j + 1:close]))
                        i = close + 1
                        continue
                    if char == '"':
                        frame = _Frame(searches['"'], None, True, False, j)
                        stack.append(frame)
                        i = j + 1
                        continue
                    if char == escape:
                        # Outside quotes the escape escapes any character; a trailing one vanishes.
                        if frame.raw_escapes:
                            frame.parts.append(escape)
                        following = j + 1
                        if following < n:
                            frame.parts.append(raw(word[following]))
                        i = following + 1
                        continue

                # char == "$", in a word or in "..."
                after = j + 1
                if after < n and word[after] == "{":
                    i, name = _open_brace(word, j, stack, searches)
                    frame = stack[-1]
                    if name is None:  # a modifier word follows
                        continue
                else:
                    name_end = _name_end(word, after, n)
                    if name_end == after:  # `$` followed by anything else is just `$`
                        frame.parts.append("$")
                        i = after
                        continue
                    name = word[after:name_end]
                    i = name_end
                # A plain $name or ${name}, from j to i.
                if lenient:
                    found.append(Reference(name, j, i, None, None))
                    continue
                value = env.get(name)
                if value is None:
                    unmatched.add(name)
                else:
                    matched.add(name)
                    frame.parts.append(value)
            break
        except _Failure as failure:
            if not lenient:
                raise _reported(failure, stack, n) from None
            if failure.position >= n:  # everything still open is unterminated
                break
            frame = stack[-1]  # carry on where BuildKit's lexer stopped
            i = failure.position
    return top.parts, matched, unmatched


def _open_brace(word: str, dollar: int, stack: list[_Frame], searches) -> tuple[int, str | None]:
    """Read ``${name`` and what follows it, at ``dollar``.

    Returns (where scanning continues, the name) for a plain ``${name}``; otherwise
    pushes a frame for the modifier word and returns (its start, None).
    """
    n = len(word)
    name_start = dollar + 2
    if name_start >= n:
        raise _Failure(_MISSING_BRACE, dollar, n)
    if word[name_start] in "{}:":
        raise _Failure(_BAD_SUBSTITUTION, dollar, name_start)
    name_end = _name_end(word, name_start, n)
    if name_end >= n:
        raise _Failure(_MISSING_BRACE, dollar, n)
    name = word[name_start:name_end]
    operator = word[name_end]
    body_start = name_end + 1
    if operator == "}":
        return body_start, name
    replace_all = False
    if operator == ":":
        if body_start >= n:
            raise _Failure(_MISSING_BRACE, dollar, n)
        operator += word[body_start]
        body_start += 1
        if operator == ":#" or operator == ":%":
            raise _Failure(_unsupported(operator), name_end, body_start)
        stop, raw_escapes = "}", False
    elif operator in "-+?#%":
        stop, raw_escapes = "}", operator in "#%"
    elif operator == "/":
        replace_all = body_start < n and word[body_start] == "/"
        if replace_all:
            body_start += 1
        stop, raw_escapes = "/", True
    else:
        raise _Failure(_unsupported(operator), name_end, body_start)
    frame = _Frame(searches[stop], stop, False, raw_escapes, dollar)
    frame.name = name
    frame.name_end = name_end
    frame.operator = operator
    frame.body_start = body_start
    frame.replace_all = replace_all
    stack.append(frame)
    return body_start, None


def _substitute(frame: _Frame, word: str, position: int, env: Mapping[str, str],
                matched: set[str], unmatched: set[str]) -> str:
    """The value of a ``${name<op>word}`` whose closing brace ends at ``position``."""
    name, operator = frame.name, frame.operator
    # BuildKit looks the name up before it validates the modifier.
    value = env.get(name)
    is_set = value is not None
    if is_set:
        matched.add(name)
    else:
        unmatched.add(name)
        value = ""
    if operator not in _VALID_OPERATORS:
        raise _Failure(_unsupported(operator), frame.name_end, position)
    if operator == "/":
        try:
            return _replace(value, frame.pattern, word, frame.replace_all)
        except _PatternError as error:
            message = f"invalid pattern ({frame.pattern}) in substitution: {error}"
            raise _Failure(message, frame.start, position) from None
    kind = operator[-1]
    empty_is_unset = operator[0] == ":"
    if kind == "-":
        return word if not is_set or (empty_is_unset and not value) else value
    if kind == "+":
        return "" if not is_set or (empty_is_unset and not value) else word
    if kind == "?":
        if not is_set:
            raise _Failure(f"{name}: {word or 'is not allowed to be unset'}", frame.start, position)
        if empty_is_unset and not value:
            raise _Failure(f"{name}: {word or 'is not allowed to be empty'}", frame.start, position)
        return value
    # "#" / "%": a doubled operator (seen after expansion, as BuildKit does) means longest.
    longest = word.startswith(kind)
    pattern = word[1:] if longest else word
    try:
        return _trim(value, pattern, from_start=kind == "#", longest=longest)
    except _PatternError as error:
        raise _Failure(f"invalid pattern ({pattern}) in substitution: {error}", frame.start, position) from None


def _name_end(word: str, start: int, n: int) -> int:
    """End of the variable name at ``start`` (``start`` itself when there is none)."""
    match = _ASCII_NAME(word, start)
    if match is not None:
        end = match.end()
        if end >= n or word[end] < "\x80":
            return end
    elif start >= n:
        return start
    elif word[start].isdecimal():  # Go's unicode.IsDigit: a leading digit reads digits only ($12)
        end = start + 1
        while end < n and word[end].isdecimal():
            end += 1
        return end
    elif word[start] in _SPECIAL_PARAMETERS:
        return start + 1
    # Letters and digits beyond ASCII (Go's unicode.IsLetter / IsDigit) are name characters too.
    end = start
    while end < n and (word[end].isalpha() or word[end].isdecimal() or word[end] == "_"):
        end += 1
    return end


def _unsupported(operator: str) -> str:
    return f"unsupported modifier ({operator}) in substitution"


def _reported(failure: _Failure, stack: list[_Frame], n: int) -> ExpansionError:
    """The error BuildKit reports: running out of input inside ``${`` is "missing '}'".

    BuildKit rewrites any error met at the end of the input while reading a modifier
    word; the outermost open ``${`` has the last word.
    """
    if failure.position >= n:
        for frame in stack:
            if frame.stop is not None:
                return ExpansionError(_MISSING_BRACE if frame.stop == "}" else _MISSING_SLASH, frame.start)
    return ExpansionError(failure.message, failure.offset)


def _braced_reference(word: str, frame: _Frame, end: int) -> Reference | None:
    operator = frame.operator
    if operator not in _VALID_OPERATORS:
        return None
    default = word[frame.body_start:end - 1]
    if operator == "/":
        modifier = "//" if frame.replace_all else "/"
    elif operator in ("#", "%") and default.startswith(operator):
        modifier = operator * 2
        default = default[1:]
    else:
        modifier = operator
    return Reference(frame.name, frame.start, end, default, modifier)


def _split_words(parts: list[str]) -> list[str]:
    """Split on whitespace that is neither quoted nor escaped (BuildKit's wordsStruct)."""
    words: list[str] = []
    current: list[str] = []
    for part in parts:
        if type(part) is _Raw:
            current.append(part)
            continue
        pieces = _GO_SPACE.split(part)
        current.append(pieces[0])
        for piece in pieces[1:]:
            joined = "".join(current)
            if joined:
                words.append(joined)
            current = [piece]
    joined = "".join(current)
    if joined:
        words.append(joined)
    return words


# ---------------------------------------------------------------------------
# Patterns of ${v#p}, ${v%p} and ${v/p/r}
#
# BuildKit turns the pattern into a Go regular expression (`*` -> `.*?`, or `.*` for the
# longest/replace forms; `?` -> `.`; `\*`, `\?`, `\\` literal; `\}` and `\/` drop the
# backslash; any other backslash escape is an error; no [...] classes) and lets Go's
# leftmost-first matcher choose. `.` does not match a newline. Python's `re` chooses the
# same match; where backtracking could blow up (several `*`s, or an unanchored search
# with one) a linear table walk that makes the same choices is used instead.

_ANY = None  # a `?` in a segment


class _PatternError(Exception):
    pass


@dataclass(frozen=True, slots=True)
class _Glob:
    segments: tuple[tuple[str | None, ...], ...]  # fixed-length runs between the `*`s

    @property
    def stars(self) -> int:
        return len(self.segments) - 1

    def regex(self, greedy: bool) -> re.Pattern[str]:
        return _glob_regex(self, greedy)


@lru_cache(maxsize=512)
def _parse_glob(pattern: str) -> _Glob:
    segments: list[tuple[str | None, ...]] = []
    segment: list[str | None] = []
    i, n = 0, len(pattern)
    while i < n:
        char = pattern[i]
        i += 1
        if char == "*":
            segments.append(tuple(segment))
            segment = []
        elif char == "?":
            segment.append(_ANY)
        elif char == "\\":
            if i < n and pattern[i] in "}/":
                continue  # the next character is taken literally on the next turn
            if i >= n or pattern[i] not in "*?\\":
                shown = pattern[i] if i < n else ""
                raise _PatternError(f"invalid escape '\\{shown}'")
            segment.append(pattern[i])
            i += 1
        else:
            segment.append(char)
    segments.append(tuple(segment))
    return _Glob(tuple(segments))


@lru_cache(maxsize=512)
def _parse_reversed_glob(pattern: str) -> _Glob:
    """The pattern read backwards, escapes kept with their character (BuildKit's reversePattern)."""
    glob = _parse_glob(pattern)
    return _Glob(tuple(tuple(reversed(segment)) for segment in reversed(glob.segments)))


@lru_cache(maxsize=512)
def _glob_regex(glob: _Glob, greedy: bool) -> re.Pattern[str]:
    star = ".*" if greedy else ".*?"
    return re.compile(star.join(
        "".join("." if item is _ANY else re.escape(item) for item in segment) for segment in glob.segments
    ))


def _segment_matches(segment: tuple[str | None, ...], text: str, at: int) -> bool:
    if at + len(segment) > len(text):
        return False
    for offset, item in enumerate(segment):
        char = text[at + offset]
        if char != item and (item is not _ANY or char == "\n"):
            return False
    return True


def _tail_ends(glob: _Glob, text: str, greedy: bool) -> list[int | None]:
    """For each position p, the end of the preferred match of ``*seg1*seg2...`` at p.

    This is what a backtracking matcher picks, computed right to left in one pass per
    star: a lazy `*` takes the first length that lets the rest match, a greedy one the
    last; a `*` cannot cross a newline.
    """
    n = len(text)
    following: list[int | None] = list(range(n + 1))  # after the last segment the match ends
    for segment in reversed(glob.segments[1:]):
        width = len(segment)
        ends: list[int | None] = [None] * (n + 2)
        for position in range(n, -1, -1):
            rest = following[position + width] if _segment_matches(segment, text, position) else None
            extendable = position < n and text[position] != "\n"
            if greedy:
                longer = ends[position + 1] if extendable else None
                ends[position] = longer if longer is not None else rest
            else:
                ends[position] = rest if rest is not None or not extendable else ends[position + 1]
        following = ends
    return following


def _prefix_end(glob: _Glob, text: str, longest: bool) -> int | None:
    """End of the prefix of ``text`` the pattern matches (shortest or longest), if any."""
    if glob.stars <= 1:  # at most one star: backtracking is linear
        match = glob.regex(longest).match(text)
        return None if match is None else match.end()
    first = glob.segments[0]
    if not _segment_matches(first, text, 0):
        return None
    return _tail_ends(glob, text, longest)[len(first)]


def _trim(value: str, pattern: str, *, from_start: bool, longest: bool) -> str:
    if from_start:
        end = _prefix_end(_parse_glob(pattern), value, longest)
        return value if end is None else value[end:]
    # A shortest suffix is a shortest prefix of the reversed text (BuildKit does the same).
    end = _prefix_end(_parse_reversed_glob(pattern), value[::-1], longest)
    return value if end is None else value[:len(value) - end]


def _replace(value: str, pattern: str, replacement: str, replace_all: bool) -> str:
    glob = _parse_glob(pattern)
    n = len(value)
    if glob.stars == 0:
        regex = glob.regex(True)

        def find(start: int) -> tuple[int, int] | None:
            match = regex.search(value, start)
            return None if match is None else match.span()
    else:
        first = glob.segments[0]
        tail = _tail_ends(glob, value, True)

        def find(start: int) -> tuple[int, int] | None:
            for position in range(start, n + 1):
                if _segment_matches(first, value, position):
                    end = tail[position + len(first)]
                    if end is not None:
                        return position, end
            return None

    if not replace_all:  # the replacement is inserted as is
        span = find(0)
        return value if span is None else value[:span[0]] + replacement + value[span[1]:]

    # Go's Regexp.ReplaceAllString: successive non-overlapping matches; an empty match
    # right after a previous match is not replaced; `$0` in the replacement is the match.
    out: list[str] = []
    last_end = search = 0
    while search <= n:
        span = find(search)
        if span is None:
            break
        start, end = span
        out.append(value[last_end:start])
        if end > last_end or start == 0:
            out.append(_expand_template(replacement, value[start:end]))
        last_end = end
        search = search + 1 if search + 1 > end else end
    out.append(value[last_end:])
    return "".join(out)


def _expand_template(template: str, matched: str) -> str:
    """Go's Regexp.Expand for a regexp without groups: `$$` is `$`, `$0`/`${0}` the match."""
    if "$" not in template:
        return template
    out: list[str] = []
    i, n = 0, len(template)
    while True:
        dollar = template.find("$", i)
        if dollar < 0:
            out.append(template[i:])
            return "".join(out)
        out.append(template[i:dollar])
        i = dollar + 1
        if i < n and template[i] == "$":
            out.append("$")
            i += 1
            continue
        braced = i < n and template[i] == "{"
        name_start = i + 1 if braced else i
        name_end = name_start
        while name_end < n and (template[name_end].isalpha() or template[name_end].isdecimal()
                                or template[name_end] == "_"):
            name_end += 1
        if name_end == name_start or (braced and (name_end >= n or template[name_end] != "}")):
            out.append("$")  # malformed: the `$` is kept as text
            continue
        if template[name_start:name_end] == "0":
            out.append(matched)  # any other name or number is an unknown group: empty
        i = name_end + 1 if braced else name_end
