"""Reading a file that may be hostile: a regular file only, never more than a limit, never a hang.

Opening a FIFO blocks until someone writes to it; a device such as /dev/zero
never ends; a folder named ``x.yaml`` is no file at all; a symbolic link can
lead anywhere.  So a file is looked at (``stat``) before it is opened, opened
without blocking, looked at again on the open descriptor (it may have been
swapped meanwhile), and read to at most its limit plus one byte: enough to
know it is too large without reading it whole.

Stories, the seed article, saves and settings are all read here, and this
module imports nothing heavier than ``os``: the title screen's cover uses it.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISLNK, "a symbolic link"),
)

_CHUNK = 1024 * 1024


class Unreadable(Exception):
    """A file that is not read at all; the message says why, for the reader or the author."""


class NotRegular(Unreadable):
    """Not a regular file: a FIFO, a device, a folder, a socket or (where links are not followed) a link."""

    def __init__(self, kind: str) -> None:
        super().__init__(f"it is {kind}, not a regular file")
        self.kind = kind


class TooLarge(Unreadable):
    """Larger than the limit; ``size`` is what ``stat`` said, or None when it grew while being read."""

    def __init__(self, limit: int, size: int | None) -> None:
        super().__init__(f"it is larger than {limit} bytes")
        self.limit = limit
        self.size = size


def kind_of(mode: int) -> str:
    """What a file of this mode is, in words ("a FIFO (named pipe)")."""
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def read_regular(path: Path, limit: int, *, follow_links: bool = True) -> bytes:
    """The bytes of the regular file at ``path``, at most ``limit`` of them.

    Raises NotRegular or TooLarge (both Unreadable) without reading, and
    OSError (FileNotFoundError among them) when the file cannot be opened.
    With ``follow_links`` false, a symbolic link is NotRegular and is never
    followed, not even by a link swapped in after the check.
    """
    info = os.stat(path) if follow_links else os.lstat(path)
    if not stat.S_ISREG(info.st_mode):
        raise NotRegular(kind_of(info.st_mode))
    if info.st_size > limit:
        raise TooLarge(limit, info.st_size)
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOCTTY", 0)
    if not follow_links:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags)
    try:
        opened = os.fstat(fd)
        if not stat.S_ISREG(opened.st_mode):
            raise NotRegular(kind_of(opened.st_mode))
        chunks: list[bytes] = []
        left = limit + 1
        while left:
            chunk = os.read(fd, min(left, _CHUNK))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    finally:
        os.close(fd)
    if not left:
        raise TooLarge(limit, None)
    return b"".join(chunks)


def leaves(path: Path, folder: Path) -> bool:
    """Whether ``path``, its links all followed, lies outside ``folder`` (its links followed too)."""
    inside = os.path.realpath(folder)
    real = os.path.realpath(path)
    return os.path.commonpath([inside, real]) != inside
