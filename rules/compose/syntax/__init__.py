"""Compose rules: syntax."""
