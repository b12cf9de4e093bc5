"""The Compose document as rules see it: YAML values that remember where they were written.

Every node carries the path of the file that wrote it and its 1-based span
(end column exclusive), so a value merged in from an override file or an
``extends`` base still points at its own line in its own file.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydocklint.findings import FileHit, Fix, Severity

Span = tuple[int, int, int, int]


class Node:
    __slots__ = ("path", "line", "column", "end_line", "end_column", "tag")

    def __init__(self, path: str, span: Span, tag: str | None = None) -> None:
        self.path = path
        self.line, self.column, self.end_line, self.end_column = span
        self.tag = tag  # a custom tag such as "!reset" or "!override"; None for plain YAML

    @property
    def span(self) -> Span:
        return self.line, self.column, self.end_line, self.end_column

    @property
    def first_line_span(self) -> Span:
        """The span cut to the node's first line (for multi-line mappings and sequences)."""
        if self.end_line == self.line:
            return self.span
        return self.line, self.column, self.line, self.column + 1


class Scalar(Node):
    __slots__ = ("value", "raw", "unknown", "quoted")

    def __init__(self, path: str, span: Span, value: Any, *, raw: str | None = None, unknown: bool = False,
                 quoted: bool = False, tag: str | None = None) -> None:
        super().__init__(path, span, tag)
        self.value = value  # str, int, float, bool or None after YAML 1.2 typing and interpolation
        self.raw = raw  # the text as written when interpolation changed it
        self.unknown = unknown  # depends on a variable the project's .env does not set
        self.quoted = quoted

    @property
    def text(self) -> str | None:
        """The value as Compose reads it as a string; None when unknown or null."""
        if self.unknown or self.value is None:
            return None
        if isinstance(self.value, bool):
            return "true" if self.value else "false"
        return str(self.value)

    @property
    def written(self) -> str:
        """The value as written in the file (before interpolation)."""
        if self.raw is not None:
            return self.raw
        return "" if self.value is None else str(self.value)

    def __repr__(self) -> str:
        return f"Scalar({self.value!r}{', unknown' if self.unknown else ''})"


class Mapping(Node):
    __slots__ = ("entries",)

    def __init__(self, path: str, span: Span, entries: dict[str, tuple[Scalar, Node]] | None = None,
                 tag: str | None = None) -> None:
        super().__init__(path, span, tag)
        self.entries = entries if entries is not None else {}

    def get(self, key: str) -> Node | None:
        entry = self.entries.get(key)
        return entry[1] if entry else None

    def key(self, key: str) -> Scalar | None:
        entry = self.entries.get(key)
        return entry[0] if entry else None

    def mapping(self, key: str) -> Mapping | None:
        value = self.get(key)
        return value if isinstance(value, Mapping) else None

    def sequence(self, key: str) -> Sequence | None:
        value = self.get(key)
        return value if isinstance(value, Sequence) else None

    def scalar(self, key: str) -> Scalar | None:
        value = self.get(key)
        return value if isinstance(value, Scalar) else None

    def text(self, key: str) -> str | None:
        value = self.scalar(key)
        return value.text if value is not None else None

    def items(self) -> Iterator[tuple[str, Node]]:
        for name, (_, value) in self.entries.items():
            yield name, value

    def __contains__(self, key: str) -> bool:
        return key in self.entries

    def __len__(self) -> int:
        return len(self.entries)

    def __repr__(self) -> str:
        return f"Mapping({list(self.entries)})"


class Sequence(Node):
    __slots__ = ("items",)

    def __init__(self, path: str, span: Span, items: list[Node] | None = None, tag: str | None = None) -> None:
        super().__init__(path, span, tag)
        self.items = items if items is not None else []

    def __iter__(self) -> Iterator[Node]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def __repr__(self) -> str:
        return f"Sequence({self.items!r})"


def hit(node: Node, message: str, *, span: Span | None = None, fix: Fix | None = None,
        severity: Severity | None = None) -> FileHit:
    """A hit at a node (its first line when it spans several), in the file that wrote it."""
    return FileHit(message, span or node.first_line_span, node.path, fix, severity)


def to_plain(node: Node | None) -> Any:
    """Plain Python data (dicts, lists, scalars) for schema validation; unknown values keep their text."""
    if node is None:
        return None
    if isinstance(node, Scalar):
        return node.written if node.unknown else node.value
    if isinstance(node, Mapping):
        return {name: to_plain(value) for name, value in node.items()}
    return [to_plain(item) for item in node.items]
