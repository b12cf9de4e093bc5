"""Validation against the Compose specification schema, with errors in plain words at the offending node.

The schema is compose-go's copy (``pydocklint/data/compose-spec.json``), the one
Docker Compose itself validates with: the compose-spec repository's copy lags
behind (it lacks ``pre_start`` hooks and ``build.no_cache_filter``, so it would
reject files Compose accepts).
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

from pydocklint.compose.nodes import Mapping, Node, Sequence, Span, to_plain

_TYPE_WORDS = {"string": "a string", "integer": "an integer", "number": "a number", "boolean": "true or false",
               "object": "a mapping", "array": "a list", "null": "null"}


@cache
def _validator():
    from jsonschema import Draft202012Validator

    schema = json.loads(resources.files("pydocklint").joinpath("data/compose-spec.json").read_text("utf-8"))
    return Draft202012Validator(_inline_references(schema))


def _inline_references(schema: dict) -> dict:
    """The schema with every ``#/$defs/x`` reference replaced by its definition.

    The Compose schema's definitions are not recursive, and resolving ``$ref``
    through jsonschema's registry on every descent costs half the validation time.
    A reference with sibling keywords becomes ``allOf`` of the definition.
    """
    definitions = schema.get("$defs", {})

    def inline(node):
        if isinstance(node, dict):
            reference = node.get("$ref")
            if isinstance(reference, str) and reference.startswith("#/$defs/") \
                    and reference[len("#/$defs/"):] in definitions:
                target = inline(definitions[reference[len("#/$defs/"):]])
                rest = {key: inline(value) for key, value in node.items() if key != "$ref"}
                return {"allOf": [target], **rest} if rest else target
            return {key: inline(value) for key, value in node.items()}
        if isinstance(node, list):
            return [inline(item) for item in node]
        return node

    return {key: inline(value) for key, value in schema.items() if key != "$defs"}


def schema_errors(root: Mapping) -> list[tuple[Node, Span, str]]:
    """(node, span, message) for every schema error, at the node that breaks it."""
    validator = _validator()
    found = []
    from pydocklint.compose.merge import strip_resets

    for error in validator.iter_errors(to_plain(strip_resets(root))):
        found.extend(_describe(_most_specific(error), root))
    found.sort(key=lambda item: item[1])
    return found


def _most_specific(error):
    """For oneOf/anyOf failures, the alternative that got furthest (what the user most likely meant)."""
    from jsonschema.exceptions import best_match

    while error.validator in ("oneOf", "anyOf") and error.context:
        deeper = [e for e in error.context if e.validator != "type" or len(e.absolute_path) > len(error.absolute_path)]
        candidate = best_match(deeper or error.context)
        if candidate is None or candidate is error:
            break
        if candidate.validator == "type" and len(candidate.absolute_path) == len(error.absolute_path):
            break  # every alternative failed on the type itself: describe the oneOf as a whole
        error = candidate
    return error


def _node_at(root: Node, path) -> tuple[Node, Node | None]:
    """The node at a JSON path, and the key node naming it (None for list items and the root)."""
    node, key = root, None
    for step in path:
        if isinstance(node, Mapping) and isinstance(step, str) and step in node.entries:
            key, node = node.entries[step]
        elif isinstance(node, Sequence) and isinstance(step, int) and step < len(node.items):
            key, node = None, node.items[step]
        else:
            break
    return node, key


def _where(path) -> str:
    parts = []
    for step in path:
        if isinstance(step, int):
            parts.append(f"[{step}]")
        else:
            parts.append(("." if parts else "") + str(step))
    return "".join(parts) or "the top level"


def _describe(error, root: Mapping) -> list[tuple[Node, Span, str]]:
    unknown = _unknown_keys(error, root)
    return unknown if unknown else [_describe_one(root, error)]


def _unknown_keys(error, root: Mapping) -> list[tuple[Node, Span, str]]:
    """One error per key the schema does not allow, with a suggestion for a likely typo."""
    path = list(error.absolute_path)
    node, _ = _node_at(root, path)
    if error.validator not in ("additionalProperties", "unevaluatedProperties") or not isinstance(node, Mapping):
        return []
    import re
    from difflib import get_close_matches

    allowed = error.schema.get("properties", {})
    patterns = error.schema.get("patternProperties", {})
    place = "at the top level" if not path else f"in {_where(path)}"
    found = []
    for name, (key_node, _) in node.entries.items():
        if name in allowed or any(re.search(p, name) for p in patterns):
            continue
        close = get_close_matches(name, list(allowed), n=1)
        hint = f"did you mean {close[0]!r}?" if close else \
            "Compose refuses it (a typo, or a key from a newer Compose version?)"
        found.append((key_node, key_node.span, f"Unknown key {name!r} {place}: {hint}"))
    return found


def _describe_one(root: Mapping, error) -> tuple[Node, Span, str]:
    path = list(error.absolute_path)
    node, key = _node_at(root, path)
    where = _where(path)
    kind = error.validator
    anchor = key if key is not None else node
    span = anchor.first_line_span if key is None else key.span
    if kind == "type":
        expected = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        words = " or ".join(_TYPE_WORDS.get(t, t) for t in expected)
        return anchor, node.first_line_span, f"{where} must be {words}, not {_kind_of(error.instance)}"
    if kind == "required":
        missing = [name for name in error.validator_value if not isinstance(error.instance, dict)
                   or name not in error.instance]
        return anchor, span, f"{where} needs the key {', '.join(missing)}"
    if kind == "enum":
        choices = ", ".join(str(v) for v in error.validator_value)
        return anchor, node.first_line_span, f"{where} is {error.instance!r}; Compose accepts only {choices}"
    if kind == "pattern":
        return anchor, node.first_line_span, f"{where} is {error.instance!r}, which is not in the form Compose expects"
    if kind in ("oneOf", "anyOf"):
        return anchor, node.first_line_span, f"{where} is not in any form Compose accepts here"
    if kind == "uniqueItems":
        return anchor, node.first_line_span, f"{where} lists the same entry twice"
    if kind in ("minimum", "maximum", "minItems", "maxItems", "minLength", "minProperties"):
        return anchor, node.first_line_span, f"{where} is out of range: {error.message}"
    return anchor, node.first_line_span, f"{where}: {error.message}"


def _kind_of(value) -> str:
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if value is None:
        return "null (empty)"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the string {value!r}"
    return "a list" if isinstance(value, list) else "a mapping"
