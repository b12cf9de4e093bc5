"""Deprecated syntax and consistent style (PDL2xx)."""
