"""YAML 1.2 text → position-carrying nodes, as Compose's YAML layer reads it.

ruamel.yaml composes the node graph (anchors become shared nodes, so composing
is linear); this module turns it into :mod:`nodes` values, resolving ``<<``
merge keys, keeping ``!reset``/``!override`` tags, rejecting duplicate keys,
and refusing alias bombs and absurd nesting before they cost time or memory.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from functools import cache, cached_property

from pydocklint.compose.nodes import Mapping, Node, Scalar, Sequence, Span

# A Compose file of a few thousand lines has some ten thousand nodes; a file that
# expands (through aliases) to more than this is an alias bomb, not configuration.
MAX_EXPANDED_NODES = 200_000
MAX_DEPTH = 100
CUSTOM_TAGS = frozenset({"!reset", "!override"})

_INT = re.compile(r"^[-+]?[0-9]+$")
_OCT = re.compile(r"^0o[0-7]+$")
_HEX = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
_DEEP_BLOCK = re.compile(r"^(?:[ \t]|[-?:][ \t]){%d,}" % MAX_DEPTH, re.MULTILINE)
_SPECIAL_FLOATS = {".inf": float("inf"), "+.inf": float("inf"), "-.inf": float("-inf"), ".nan": float("nan")}
# ruamel's reader counts a line at \n, \r\n, \r, and also NEL and the Unicode line/paragraph separators.
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def yaml_lines(text: str) -> list[str]:
    """The file's lines as the YAML parser (and so every span here) counts them.

    Not ``str.splitlines()``: that also splits at form feeds and other control
    characters, which the parser reads as ordinary characters.
    """
    lines = _LINE_BREAK.split(text)
    if lines[-1] == "":
        lines.pop()  # the last line break ends a line, it does not start one
    return lines


@dataclass(frozen=True, slots=True)
class LoadProblem:
    """Why (part of) a file could not be read; ``kind`` names the rule that reports it."""

    kind: str
    message: str
    path: str
    span: Span


class LoadError(Exception):
    def __init__(self, problem: LoadProblem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def load_documents(text: str, path: str) -> list[Node]:
    """Every YAML document in the text, converted; raises :class:`LoadError` for unreadable YAML."""
    from ruamel.yaml.error import MarkedYAMLError, YAMLError
    from ruamel.yaml.reader import ReaderError

    deep = _too_deep_flow(text)
    if deep is not None:
        raise LoadError(LoadProblem("yaml", f"The YAML is nested too deeply (more than {MAX_DEPTH} levels)",
                                    path, (deep, 1, deep, 2)))
    try:
        composed = _compose(text, pure=False)
    except (YAMLError, RecursionError):
        # libyaml reads YAML 1.1 and refuses a few things YAML 1.2 (and Compose) accept, such as
        # `{image: x:1}`; the pure-Python parser in YAML 1.2 mode has the last word on errors.
        composed = None
    if composed is None:
        try:
            composed = _compose(text, pure=True)
        except MarkedYAMLError as error:
            mark = error.problem_mark or error.context_mark
            line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
            problem = (error.problem or error.context or "invalid YAML").strip()
            raise LoadError(LoadProblem("yaml", f"Invalid YAML: {problem}", path,
                                        _point(yaml_lines(text), line, column))) from None
        except ReaderError as error:  # a character YAML does not allow: located by its offset in the text
            before = _LINE_BREAK.split(text[:error.position])
            code = error.character if isinstance(error.character, int) else ord(error.character)
            raise LoadError(LoadProblem("yaml", f"Invalid YAML: character #x{code:04x} is not allowed ({error.reason})",
                                        path, _point(yaml_lines(text), len(before), len(before[-1]) + 1))) from None
        except RecursionError:
            raise LoadError(LoadProblem("yaml", f"The YAML is nested too deeply (more than {MAX_DEPTH} levels)",
                                        path, (1, 1, 1, 2))) from None
        except YAMLError as error:
            raise LoadError(LoadProblem("yaml", f"Invalid YAML: {error}", path, (1, 1, 1, 2))) from None
    converter = _Converter(path, text)
    has_anchors = "&" in text
    return [converter.convert(document, has_anchors) for document in composed]


def _compose(text: str, *, pure: bool) -> list:
    import warnings

    from ruamel.yaml.error import ReusedAnchorWarning

    yaml = _yaml(pure)
    with warnings.catch_warnings():
        # A redefined anchor is valid YAML (later aliases name the new one), as Compose reads it:
        # ruamel's warning would only print a Python warning on stderr.
        warnings.simplefilter("ignore", ReusedAnchorWarning)
        documents = list(yaml.compose_all(io.StringIO(text)))
    # An empty document (only comments, or nothing between two `---`) holds nothing: skip it.
    return [document for document in documents
            if document is not None and not (document.id == "scalar" and document.value == "" and not document.style)]


@cache
def _yaml(pure: bool):
    """A reusable composer; without ``pure``, libyaml's parser (ruamel.yaml.clib) when installed: 10× faster."""
    from ruamel.yaml import YAML
    from ruamel.yaml.resolver import VersionedResolver

    class _PlainResolver(VersionedResolver):
        """Skips implicit tag resolution: scalars are typed here by the YAML 1.2 core schema instead."""

        def resolve(self, kind, value, implicit):
            return self.DEFAULT_SCALAR_TAG if kind.id == "scalar" else \
                self.DEFAULT_SEQUENCE_TAG if kind.id == "sequence" else self.DEFAULT_MAPPING_TAG

    yaml = YAML(typ="safe", pure=pure)
    yaml.version = (1, 2)
    yaml.Resolver = _PlainResolver
    return yaml


def _too_deep_flow(text: str) -> int | None:
    """The line where nesting may pass MAX_DEPTH, checked before the YAML parser sees it.

    The parsers recurse once per level (libyaml's composer would crash the
    process), so depth is bounded from the text: a block level needs at least one
    character of indentation or a ``- `` indicator, a flow level a bracket.
    """
    block = _DEEP_BLOCK.search(text)
    if block is not None:
        return text.count("\n", 0, block.start()) + 1
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return None
    depth, line, quote = 0, 1, ""
    for char in text:
        if char == "\n":
            line += 1
        elif quote:
            if char == quote:
                quote = ""
        elif char in "\"'":
            quote = char
        elif char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return line
        elif char in "]}":
            depth = max(0, depth - 1)
    return None


def _point(lines: list[str], line: int, column: int) -> Span:
    """A one-character span at a parser mark; a mark past the end of the text (``<stream end>``) moves
    back to the end of the last line, so the position stays inside the file."""
    if line > len(lines):
        line = max(len(lines), 1)
        column = len(lines[-1]) + 1 if lines else 1
    return _inside([len(text) for text in lines], (line, column, line, column + 1))


def _inside(lengths: list[int], span: Span) -> Span:
    """The span moved inside the text: the parser's marks can disagree with our line split on exotic
    input (NEL next to characters outside the BMP), and a position outside the file helps no one."""
    if not lengths:
        return 1, 1, 1, 2

    def point(line: int, column: int) -> tuple[int, int]:
        line = min(max(line, 1), len(lengths))
        return line, min(max(column, 1), lengths[line - 1] + 1)

    start, end = point(span[0], span[1]), point(span[2], span[3])
    return (*start, *max(start, end))


def _tag(node) -> str:
    tag = node.ctag  # explicit tags only matter here (!reset, !override); implicit ones are not resolved
    return "" if tag is None else str(tag)


class _Converter:
    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.text = text
        self.done: dict[int, Node] = {}  # ruamel node id → converted node (aliases share it)
        self.sizes: dict[int, int] = {}  # ruamel node id → its size with aliases expanded

    def convert(self, root, has_anchors: bool = True) -> Node:
        # The expanded size is computed first, memoised per shared node, so a billion
        # laughs is refused after a few hundred steps instead of being walked. Without
        # anchors the size is bounded by the text and the depth by the pre-scan.
        size = self._size(root, 0) if has_anchors else 0
        if size > MAX_EXPANDED_NODES:
            raise LoadError(LoadProblem(
                "yaml", f"Aliases expand this document to more than {MAX_EXPANDED_NODES:,} values "
                "(an alias bomb?); refusing to read it", self.path, self._span(root)))
        return self._convert(root)

    @cached_property
    def _line_lengths(self) -> list[int]:
        return [len(line) for line in yaml_lines(self.text)]

    def _span(self, node) -> Span:
        return _inside(self._line_lengths, self._mark_span(node))

    def _mark_span(self, node) -> Span:
        start, end = node.start_mark, node.end_mark
        lengths = self._line_lengths
        if start.line >= len(lengths):
            # An empty value after the last line (``services:`` then blank lines): its mark is past the text.
            return _point(yaml_lines(self.text), start.line + 1, start.column + 1)
        if end is None or (end.line, end.column) <= (start.line, start.column):
            return start.line + 1, start.column + 1, start.line + 1, start.column + 2
        if end.column == 0 and end.line > start.line:  # a block collection ends at the start of the next line
            end_column = lengths[end.line - 1] + 1 if end.line <= len(lengths) else end.column + 1
            return start.line + 1, start.column + 1, end.line, end_column
        return start.line + 1, start.column + 1, end.line + 1, end.column + 1

    def _size(self, node, depth: int) -> int:
        known = self.sizes.get(id(node))
        if known is not None:
            return known
        if depth > MAX_DEPTH:
            raise LoadError(LoadProblem("yaml", f"The YAML is nested too deeply (more than {MAX_DEPTH} levels)",
                                        self.path, self._span(node)))
        self.sizes[id(node)] = MAX_EXPANDED_NODES + 1  # a node reached again while sizing it is a cycle
        if node.id == "scalar":
            size = 1
        elif node.id == "sequence":
            size = 1 + sum(self._size(item, depth + 1) for item in node.value)
        else:
            size = 1 + sum(self._size(key, depth + 1) + self._size(value, depth + 1) for key, value in node.value)
        size = min(size, MAX_EXPANDED_NODES + 1)
        self.sizes[id(node)] = size
        return size

    def _convert(self, node) -> Node:
        done = self.done.get(id(node))
        if done is not None:
            return done
        tag = _tag(node)
        custom = tag if tag in CUSTOM_TAGS else None
        if node.id == "scalar":
            converted: Node = self._scalar(node, tag, custom)
        elif node.id == "sequence":
            converted = Sequence(self.path, self._span(node), [], custom)
            self.done[id(node)] = converted
            converted.items.extend(self._convert(item) for item in node.value)
        else:
            converted = self._mapping(node, custom)
        self.done[id(node)] = converted
        return converted

    def _scalar(self, node, tag: str, custom: str | None) -> Scalar:
        text = node.value
        quoted = node.style in ("'", "\"")
        value = text if quoted or node.style in ("|", ">") else _plain_value(text)
        return Scalar(self.path, self._span(node), value, quoted=quoted, tag=custom)

    def _mapping(self, node, custom: str | None) -> Mapping:
        mapping = Mapping(self.path, self._span(node), {}, custom)
        self.done[id(node)] = mapping
        merged: list[Mapping] = []
        for key_node, value_node in node.value:
            key = self._convert(key_node)
            if not isinstance(key, Scalar):
                raise LoadError(LoadProblem("yaml", "A mapping key must be a plain value, not a list or mapping",
                                            self.path, key.first_line_span))
            if key.value == "<<" and not key.quoted:
                merged.extend(self._merge_sources(value_node))
                continue
            name = key.text if key.text is not None else "null"
            if name in mapping.entries:
                first = mapping.entries[name][0]
                raise LoadError(LoadProblem(
                    "yaml", f"Duplicate key {name!r} (first written on line {first.line}): "
                    "Compose refuses the file", self.path, key.span))
            mapping.entries[name] = (key, self._convert(value_node))
        # `<<` merge: keys written in the mapping win, then the first merged mapping that has the key.
        for source in merged:
            for name, entry in source.entries.items():
                mapping.entries.setdefault(name, entry)
        return mapping

    def _merge_sources(self, value_node) -> list[Mapping]:
        value = self._convert(value_node)
        sources = value.items if isinstance(value, Sequence) else [value]
        for source in sources:
            if not isinstance(source, Mapping):
                raise LoadError(LoadProblem("yaml", "A `<<` merge key must name a mapping or a list of mappings",
                                            self.path, source.first_line_span))
        return sources  # type: ignore[return-value]


def _plain_value(text: str):
    """A plain scalar typed by the YAML 1.2 core schema (what Go's yaml.v3 does for Compose)."""
    if text in ("", "~", "null", "Null", "NULL"):
        return None
    if text in ("true", "True", "TRUE"):
        return True
    if text in ("false", "False", "FALSE"):
        return False
    if _INT.match(text):
        return int(text)
    if _OCT.match(text):
        return int(text[2:], 8)
    if _HEX.match(text):
        return int(text[2:], 16)
    if _FLOAT.match(text):
        return float(text)
    special = _SPECIAL_FLOATS.get(text.lower())
    if special is not None:
        return special
    return text
