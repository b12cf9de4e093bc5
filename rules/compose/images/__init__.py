"""Compose rules: images."""
