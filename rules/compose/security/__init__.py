"""Compose rules: security."""
