"""Writing a file so that no reader ever sees it half-written: a temporary file in the same
directory, renamed into place. A failed write leaves the previous file as it was."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from typing import TextIO


def write_atomically(path: str, render: Callable[[TextIO], None], *, encoding: str = "utf-8",
                     mode: int | None = None) -> None:
    """Call ``render`` with a text stream (no newline translation) that then replaces ``path``.

    ``mode`` is the file's permission bits; by default the usual ones (0666 less the umask),
    not mkstemp's 0600.
    """
    directory = os.path.dirname(os.path.abspath(path))
    handle, temporary = tempfile.mkstemp(dir=directory, prefix=".pydocklint-", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding=encoding, newline="") as stream:
            render(stream)
        if mode is None:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise
