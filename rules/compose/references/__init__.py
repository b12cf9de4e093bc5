"""Compose rules: references."""
