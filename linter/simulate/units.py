"""Byte counts for people: decimal units, as registries and ``docker images`` print them."""

from __future__ import annotations


def human(size: float | None) -> str:
    if size is None:
        return "unknown"
    for unit, scale in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if abs(size) >= scale:
            return f"{size / scale:,.1f} {unit}"
    return f"{int(size)} B"
