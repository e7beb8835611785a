"""Greedy label placement: try right, left, above, below; a number and a footnote when none fits.

Above and below are tried centred on the mark, then starting or ending at it.

Labels are placed in priority order, so the current place and the towns get
the best room.  A label never covers a mark, another label or the map's
furniture, never touches another label end to end, and never sits against
another place's mark, where it would seem to name it.  Among the positions that
fit, the one crossing the fewest line cells wins.
"""

from __future__ import annotations

from dataclasses import dataclass

from engine.map.canvas import Canvas

LINE_STYLES = frozenset({"river", "ridge", "road", "route", "attack", "uncertain", "border"})


@dataclass(frozen=True, slots=True)
class LabelRequest:
    """A label wanted for the mark at (column, row); ``centred`` for a name with no mark (a range)."""

    key: str
    text: str
    column: int
    row: int
    centred: bool = False


@dataclass(frozen=True, slots=True)
class PlacedLabel:
    """Where a label went: ``text`` starts at (column, row)."""

    key: str
    text: str
    column: int
    row: int

    @property
    def cells(self) -> list[tuple[int, int]]:
        return [(self.column + i, self.row) for i in range(len(self.text))]


def candidates(request: LabelRequest, text: str, farther: bool = False) -> list[tuple[int, int]]:
    """The start cells to try, best first.

    ``farther`` (for the scene's own place, which must be named) tries instead
    every start whose label passes within three rows and three columns of the
    mark, nearest first.
    """
    c, r, n = request.column, request.row, len(text)
    centred = c - (n - 1) // 2
    if farther:
        starts = [(column, row) for row in range(r - 3, r + 4) for column in range(c - n - 3, c + 4)]
        return sorted(starts, key=lambda s: (max(0, s[0] - c, c - (s[0] + n - 1)) + 2 * abs(s[1] - r), abs(s[1] - r)))
    around = [
        (c + 1, r),
        (c - n, r),
        (centred, r - 1),
        (centred, r + 1),
        (c, r - 1),
        (c - n + 1, r - 1),
        (c, r + 1),
        (c - n + 1, r + 1),
    ]
    return [(centred, r), *around] if request.centred else around


class LabelPlacer:
    """Places labels one by one on a canvas whose marks and furniture are already drawn."""

    def __init__(
        self,
        canvas: Canvas,
        marks: set[tuple[int, int]],
        blocked: set[tuple[int, int]],
        kept_clear: set[tuple[int, int]] | None = None,
    ) -> None:
        self.canvas = canvas
        self.marks = marks
        self.taken = set(marks) | set(blocked)
        self.kept_clear = kept_clear or set()
        """Cells a label covers only when it must be placed (the scene's own place): routes and attacks."""
        self.label_cells: set[tuple[int, int]] = set()
        self.placed: list[PlacedLabel] = []

    def place(
        self, request: LabelRequest, text: str, max_crossed: int | None = None, must: bool = False
    ) -> PlacedLabel | None:
        """Place ``text`` for ``request`` where it fits best, or return None when nowhere fits.

        ``max_crossed`` limits how many line cells the label may cover (None: any number).
        ``must`` tries a little farther from the mark, and then lets the label cover
        ``kept_clear`` cells, when nowhere else fits.
        """
        label = self._best(request, text, max_crossed, clear=True)
        if label is None and must:
            label = self._best(request, text, max_crossed, clear=True, farther=True) or self._best(
                request, text, max_crossed, clear=False
            )
        if label is None:
            return None
        self.taken.update(label.cells)
        self.label_cells.update(label.cells)
        self.placed.append(label)
        return label

    def _best(
        self, request: LabelRequest, text: str, max_crossed: int | None, clear: bool, farther: bool = False
    ) -> PlacedLabel | None:
        best: tuple[int, PlacedLabel] | None = None
        own = (request.column, request.row)
        for column, row in candidates(request, text, farther):
            label = PlacedLabel(request.key, text, column, row)
            cells = self._free_cells(label, own)
            if cells is None or (clear and not self.kept_clear.isdisjoint(cells)):
                continue
            crossed = sum(self.canvas.get(c, r).style in LINE_STYLES for c, r in cells)
            if max_crossed is not None and crossed > max_crossed:
                continue
            if farther:
                return label  # nearness first: a name far from its mark would seem to name another
            if best is None or crossed < best[0]:
                best = (crossed, label)
        return None if best is None else best[1]

    def _free_cells(self, label: PlacedLabel, own: tuple[int, int]) -> list[tuple[int, int]] | None:
        """The label's cells when it fits there (inside, on nothing taken, touching no other name), else None."""
        column, row, length = label.column, label.row, len(label.text)
        if not (0 <= row < self.canvas.rows and column >= 0 and column + length <= self.canvas.columns):
            return None
        cells = label.cells
        if not self.taken.isdisjoint(cells):
            return None
        for end in ((column - 1, row), (column + length, row)):
            if end in self.label_cells or (end in self.marks and end != own):
                return None
        return cells
