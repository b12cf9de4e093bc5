"""Compose rules: healthcheck."""
