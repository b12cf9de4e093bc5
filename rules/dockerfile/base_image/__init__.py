"""Base images: pinned, reproducible, maintained (PDL1xx)."""
