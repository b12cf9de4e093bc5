"""pydocklint: a static analyzer for Dockerfiles, Compose files and .dockerignore."""

__version__ = "0.1.0"
