"""An OptionList that survives tiny terminals (Textual 8.2.8 hazards R1 and R2)."""

from __future__ import annotations

from textual._widget_navigation import Direction
from textual.widgets import OptionList


class SafeOptionList(OptionList):
    """OptionList with a minimum width and a page move that does nothing when nothing is visible.

    At a width of 4 or less OptionList crashes in Rich's ``chop_cells``; with no
    visible area PageUp/PageDown raise ``KeyError`` because its line table was
    never built.
    """

    DEFAULT_CSS = """
    SafeOptionList {
        min-width: 8;
    }
    """

    def _move_page(self, direction: Direction) -> None:
        if not self.scrollable_content_region.area or (self.highlighted or 0) not in self._index_to_line:
            return
        super()._move_page(direction)
