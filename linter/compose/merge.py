"""Merging Compose mappings as Compose does for override files, extra documents, ``extends`` and ``include``.

The merged tree reuses the nodes of the files it comes from, so every value
still points at the file and line that wrote it.
"""

from __future__ import annotations

from pydocklint.compose.nodes import Mapping, Node, Scalar, Sequence, to_plain

# Sequences that an override replaces instead of extending.
_REPLACED = frozenset({"command", "entrypoint", "test"})
# Sequences concatenated without removing duplicates.
_NOT_DEDUPLICATED = frozenset({"dns", "dns_search", "env_file", "tmpfs"})
# Sequences whose entries are keyed by their container-side target: a later entry replaces.
_KEYED_BY_TARGET = frozenset({"volumes", "devices", "secrets", "configs"})
# Keys written either as a list (`- KEY=VALUE`, `- name`) or as a mapping.
_LIST_OR_MAPPING = frozenset({"environment", "labels", "annotations", "args", "extra_hosts", "sysctls",
                              "depends_on", "networks", "links"})


def merge(base: Node | None, over: Node, key: str = "") -> Node | None:
    """``over`` merged on top of ``base``; None when ``over`` is ``!reset``."""
    if over.tag == "!reset":
        return None
    if base is None or over.tag == "!override":
        return strip_resets(over)
    if key in _LIST_OR_MAPPING and type(base) is not type(over):
        base, over = as_mapping(base, key), as_mapping(over, key)
    if isinstance(base, Mapping) and isinstance(over, Mapping):
        return _merge_mappings(base, over)
    if isinstance(base, Sequence) and isinstance(over, Sequence) and key not in _REPLACED:
        return _merge_sequences(base, over, key)
    return strip_resets(over)


def _merge_mappings(base: Mapping, over: Mapping) -> Mapping:
    entries = dict(base.entries)
    for name, (key_node, value) in over.entries.items():
        inherited = entries.get(name)
        merged = merge(inherited[1] if inherited else None, value, name)
        if merged is None:
            entries.pop(name, None)
        else:
            entries[name] = (key_node if inherited is None or merged is value else inherited[0], merged)
    return Mapping(over.path, over.span, entries)


def _merge_sequences(base: Sequence, over: Sequence, key: str) -> Sequence:
    items = list(base.items)
    if key in _KEYED_BY_TARGET:
        targets = {_target_of(item): index for index, item in enumerate(items)}
        for item in over.items:
            index = targets.get(_target_of(item))
            if index is None:
                targets[_target_of(item)] = len(items)
                items.append(item)
            else:
                items[index] = item
    elif key in _NOT_DEDUPLICATED:
        items.extend(over.items)
    else:
        seen = {repr(to_plain(item)) for item in items}
        for item in over.items:
            if repr(to_plain(item)) not in seen:
                seen.add(repr(to_plain(item)))
                items.append(item)
    return Sequence(over.path, over.span, items)


def _target_of(item: Node) -> str:
    if isinstance(item, Mapping):
        return item.text("target") or item.text("source") or repr(to_plain(item))
    if isinstance(item, Scalar) and item.text is not None:
        parts = item.text.split(":")
        return parts[1] if len(parts) > 1 else parts[0]
    return repr(to_plain(item))


def as_mapping(node: Node, key: str) -> Node:
    """The mapping form of a list-or-mapping key (``- A=1`` → ``A: 1``; ``- db`` → ``db:``)."""
    if not isinstance(node, Sequence):
        return node
    entries: dict[str, tuple[Scalar, Node]] = {}
    for item in node.items:
        if not isinstance(item, Scalar) or item.text is None:
            continue
        text = item.text
        separator = "=" if key != "extra_hosts" or "=" in text else ":"
        name, found, value = text.partition(separator) if key not in ("depends_on", "networks", "links") \
            else (text, False, "")
        value_node: Node = (Scalar(item.path, item.span, value if found else None) if key != "depends_on"
                            else Mapping(item.path, item.span, {}))
        entries[name] = (item, value_node)
    return Mapping(node.path, node.span, entries)


def strip_resets(node: Node) -> Node:
    """The node without ``!reset`` entries (in a file merged on nothing they simply remove the key)."""
    if isinstance(node, Mapping) and any(value.tag == "!reset" or isinstance(value, (Mapping, Sequence))
                                         for _, value in node.items()):
        entries = {name: (key, strip_resets(value)) for name, (key, value) in node.entries.items()
                   if value.tag != "!reset"}
        return Mapping(node.path, node.span, entries, node.tag)
    if isinstance(node, Sequence) and any(item.tag == "!reset" for item in node.items):
        return Sequence(node.path, node.span, [item for item in node.items if item.tag != "!reset"], node.tag)
    return node
