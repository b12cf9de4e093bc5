"""Compose rules: build."""
