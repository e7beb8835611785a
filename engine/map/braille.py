"""Lines at four times the resolution: Unicode braille cells, 2 dots across and 4 down per character.

A terminal cell can hold one braille character (U+2800 to U+28FF), whose eight
dots can each be on or off; a line drawn dot by dot therefore bends and runs
far more smoothly than one drawn a character at a time.  The layer only holds
dots and which kind of line set them; ``Canvas`` cells are made from it once,
under the marks and labels, which stay on the character grid.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from engine.map.canvas import Canvas

DOTS_ACROSS, DOTS_DOWN = 2, 4
"""Dots in one character cell."""

_BITS = ((0x01, 0x08), (0x02, 0x10), (0x04, 0x20), (0x40, 0x80))
"""The bit of each dot, by (row, column) within a cell, as Unicode numbers them (dots 1-8)."""

BRAILLE_BASE = 0x2800
"""The blank braille cell; a cell's character is this plus the bits of its dots."""


def is_braille(char: str) -> bool:
    """Whether ``char`` is a braille cell, which the map uses only for lines."""
    return len(char) == 1 and BRAILLE_BASE <= ord(char) <= BRAILLE_BASE + 0xFF


PATTERNS = {"solid": (1,), "dotted": (1, 0), "dashed": (1, 1, 1, 0, 0)}
"""Which dots along a line are set, repeating: lines tell themselves apart without colour."""


class BrailleLayer:
    """Dots over a ``columns`` x ``rows`` grid of cells, each remembering the line kind that set it."""

    def __init__(self, columns: int, rows: int) -> None:
        self.columns = columns
        self.rows = rows
        self._dots: dict[tuple[int, int], str] = {}

    def line(
        self, a: tuple[float, float], b: tuple[float, float], style: str, pattern: str = "solid", phase: int = 0
    ) -> int:
        """Set the dots from cell position ``a`` to ``b`` (fractional (column, row)); return the next phase.

        A later line wins a shared dot, so draw the layers bottom first.  ``phase``
        carries the dash pattern on from one segment of a line to the next.
        """
        steps = PATTERNS[pattern]
        for x, y in _dots_between(_to_dot(a), _to_dot(b)):
            if steps[phase % len(steps)]:
                self._dots[x, y] = style
            phase += 1
        return phase

    def cells(self) -> Iterator[tuple[int, int, str, str]]:
        """Every cell holding a dot, as (column, row, braille character, style of its topmost line)."""
        bits: dict[tuple[int, int], int] = {}
        styles: dict[tuple[int, int], str] = {}
        for (x, y), style in self._dots.items():
            cell = (x // DOTS_ACROSS, y // DOTS_DOWN)
            if not (0 <= cell[0] < self.columns and 0 <= cell[1] < self.rows):
                continue
            bits[cell] = bits.get(cell, 0) | _BITS[y % DOTS_DOWN][x % DOTS_ACROSS]
            styles[cell] = style  # dots are kept in drawing order, so the last line drawn wins
        for (column, row), value in bits.items():
            yield column, row, chr(BRAILLE_BASE + value), styles[column, row]

    def paint(self, canvas: Canvas) -> set[tuple[int, int]]:
        """Write the layer's cells onto ``canvas`` (before marks and labels); return the cells written."""
        written: set[tuple[int, int]] = set()
        for column, row, char, style in self.cells():
            canvas.put(column, row, char, style)
            written.add((column, row))
        return written


def _to_dot(point: tuple[float, float]) -> tuple[int, int]:
    """The dot under a fractional cell position; whole numbers are cell centres, as ``Projection`` gives them."""
    column, row = point
    return math.floor((column + 0.5) * DOTS_ACROSS), math.floor((row + 0.5) * DOTS_DOWN)


def _dots_between(a: tuple[int, int], b: tuple[int, int]) -> Iterator[tuple[int, int]]:
    """Bresenham's line from dot ``a`` to dot ``b``, both ends included."""
    (x, y), (x1, y1) = a, b
    dx, dy = abs(x1 - x), -abs(y1 - y)
    sx, sy = (1 if x < x1 else -1), (1 if y < y1 else -1)
    error = dx + dy
    while True:
        yield x, y
        if (x, y) == (x1, y1):
            return
        double = 2 * error
        if double >= dy:
            error += dy
            x += sx
        if double <= dx:
            error += dx
            y += sy
