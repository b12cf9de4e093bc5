"""Compose rules: one family folder per area, one module per rule."""
