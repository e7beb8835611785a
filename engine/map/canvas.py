"""A grid of character cells, each with a style name, that knows nothing of colour."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby


@dataclass(frozen=True, slots=True)
class Cell:
    """One character on the map and what it stands for (``"river"``, ``"label"``, ``""`` for blank)."""

    char: str = " "
    style: str = ""


BLANK = Cell()


class Canvas:
    """The map's cells, addressed (column, row) from the top left; writes outside are dropped."""

    def __init__(self, columns: int, rows: int) -> None:
        self.columns = columns
        self.rows = rows
        self._cells = [[BLANK] * columns for _ in range(rows)]

    def inside(self, column: int, row: int) -> bool:
        return 0 <= column < self.columns and 0 <= row < self.rows

    def get(self, column: int, row: int) -> Cell:
        return self._cells[row][column] if self.inside(column, row) else BLANK

    def put(self, column: int, row: int, char: str, style: str) -> None:
        if self.inside(column, row):
            self._cells[row][column] = Cell(char, style)

    def write(self, column: int, row: int, text: str, style: str) -> None:
        """Write ``text`` left to right from (column, row), one cell per character."""
        for offset, char in enumerate(text):
            self.put(column + offset, row, char, style)

    def cells(self) -> list[tuple[int, int, Cell]]:
        """Every cell that is not blank, as (column, row, cell)."""
        return [(c, r, cell) for r, line in enumerate(self._cells) for c, cell in enumerate(line) if cell != BLANK]

    def styles(self) -> set[str]:
        """Every style some cell is drawn in (the blank style included)."""
        return {cell.style for line in self._cells for cell in line}

    def runs(self, row: int) -> list[tuple[str, str]]:
        """One row as (text, style) runs, for a front end to colour."""
        return [
            ("".join(c.char for c in group), style) for style, group in groupby(self._cells[row], key=lambda c: c.style)
        ]

    def text(self) -> str:
        """The map as plain text, one line per row: what a reader without colour sees."""
        return "\n".join("".join(c.char for c in line).rstrip() for line in self._cells)
