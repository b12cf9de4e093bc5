"""Reading a file's bytes into text the way Docker would read them."""

from __future__ import annotations

import codecs
import os
import stat


class SourceError(Exception):
    """A file that cannot be linted, with a message naming why (and where, when known)."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


def decode(data: bytes) -> str:
    """Text of a Dockerfile. BuildKit reads bytes, so anything but NUL-free text is refused.

    UTF-8 is decoded as such (a BOM is left for the parser, which strips it as
    BuildKit does). Other 8-bit text passes through Docker byte for byte, so it is
    decoded as Latin-1, which keeps every byte. UTF-16/32 files are refused with a
    clear message: Docker would read them as garbage.
    """
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        raise SourceError("file is UTF-32 encoded; Docker reads Dockerfiles as UTF-8", 1)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise SourceError("file is UTF-16 encoded; Docker reads Dockerfiles as UTF-8", 1)
    nul = data.find(b"\x00")
    if nul >= 0:
        raise SourceError("binary file: contains a NUL byte, so it is not a Dockerfile", data.count(b"\n", 0, nul) + 1)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def read_source(path: str) -> str:
    try:
        # Only regular files: opening a FIFO or a device would block or never end.
        kind = os.stat(path).st_mode
        if stat.S_ISDIR(kind):
            raise SourceError("is a directory, not a file")
        if not stat.S_ISREG(kind):
            raise SourceError("not a regular file (a FIFO, socket or device), so it is not read")
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as error:
        raise SourceError(f"cannot read file: {error.strerror or error}") from None
    return decode(data)
