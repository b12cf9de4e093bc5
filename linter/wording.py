"""Small helpers for messages that name several things."""

from __future__ import annotations


def describe(names: list[str], limit: int = 3) -> str:
    """``a``, ``a and b``, ``a, b and c``, or ``a, b, c and 4 more``."""
    shown = names[:limit]
    rest = len(names) - len(shown)
    if rest:
        return ", ".join(shown) + f" and {rest} more"
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]
