"""Where something is written in a story file: the one type every diagnostic and loaded value points with."""

from __future__ import annotations

from typing import NamedTuple


class Position(NamedTuple):
    """A place in a story file: 1-based line and column (a tuple: one is made for every value loaded)."""

    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"
