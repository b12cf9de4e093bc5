"""Multi-stage builds: keep build tools out of the image that ships (PDL74x)."""
