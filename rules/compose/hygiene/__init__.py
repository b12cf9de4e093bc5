"""Compose rules: hygiene."""
