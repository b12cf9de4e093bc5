"""The build context: what COPY and ADD send into the image, and the .dockerignore (PDL45x).

The context is the Dockerfile's directory unless the run knows better; the
ignore file is ``<Dockerfile>.dockerignore`` beside it or ``.dockerignore`` at the
context root, matched with Docker's own rules (pydocklint.dockerignore).
"""

from pydocklint.context import BuildContext, ContextFile


def describe(paths: list[str], limit: int = 3) -> str:
    """``a, b and c`` or ``a, b, c and 4 more``."""
    shown = paths[:limit]
    rest = len(paths) - len(shown)
    if rest:
        return ", ".join(shown) + f" and {rest} more"
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]


def kept_files(context: BuildContext | None) -> list[ContextFile]:
    """The context files Docker sends, or [] when the listing is unknown."""
    if context is None or context.files is None:
        return []
    return list(context.kept())
