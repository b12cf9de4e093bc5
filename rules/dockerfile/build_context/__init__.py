"""The build context: what COPY and ADD send into the image, and the .dockerignore (PDL45x).

The context is the Dockerfile's directory unless the run knows better; the
ignore file is ``<Dockerfile>.dockerignore`` beside it or ``.dockerignore`` at the
context root, matched with Docker's own rules (pydocklint.dockerignore).
"""

from pydocklint.context import BuildContext, ContextFile


def kept_files(context: BuildContext | None) -> tuple[ContextFile, ...]:
    """The context files Docker sends, or none when the listing is unknown."""
    if context is None or context.files is None:
        return ()
    return context.kept_files
