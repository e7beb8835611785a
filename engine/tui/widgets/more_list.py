"""An option list that grows with its options and says "more" on its bottom edge instead of a scrollbar.

Textual's option list lays its scrollbar against its old height when its
options change: a list that then grows to fit them showed the scrollbar and
hid it again in the same move, a layout pass more each time.  This list shows
none.  When its options are more than it holds, its bottom edge (it needs a
bottom border to show it) says ``↓ more`` (``↑`` above, ``↑↓`` both), and the
arrows, the wheel and the highlight scroll it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Self

from rich.text import Text
from textual.events import Resize
from textual.geometry import Region, Size
from textual.strip import Strip
from textual.widgets import OptionList

from engine.i18n import _


class MoreList(OptionList):
    """An option list that marks what lies beyond it on its bottom edge."""

    DEFAULT_CSS = """
    MoreList {
        overflow: hidden hidden;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._more = ""
        """What the bottom edge says of the options out of view."""
        self._lines_width: int | None = None
        """The width the option list's lines were made for; None until they are made again."""
        self._drawn_width = 0
        """The width the list was last drawn at, kept while it is hidden."""

    def set_options(self, options: Iterable[Any]) -> Self:
        super().set_options(options)
        self._lines_width = None  # the option list has forgotten its lines: they are made at the next draw
        if not self.scrollable_content_region and self._drawn_width:
            self._count_lines(self._drawn_width)
        self.call_after_refresh(self._mark_more)  # how much shows is known once the list is laid out
        return self

    @property
    def allow_vertical_scroll(self) -> bool:
        """Scrolls when the options are more than the list holds (Textual would ask its scrollbar)."""
        return not self.is_disabled and self.max_scroll_y > 0

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._mark_more()

    def _count_lines(self, width: int) -> None:
        """Size the hidden list's content now, as the option list will when it next draws at ``width``.

        Hidden (a tab not shown), the option list cannot make its lines, having
        no width: it makes them in the frame that shows it, and the change in
        its size lays the panel out and paints it again, a frame later.
        Counted here, at the width it last had, the size is already right then.
        """
        self.virtual_size = Size(width, self.get_content_height(self.size, self.size, width))

    def render_lines(self, crop: Region) -> list[Strip]:
        if self._lines_width is None:
            self._lines_width = self._drawn_width = self.scrollable_content_region.width
        return super().render_lines(crop)

    def on_resize(self, event: Resize) -> None:
        """Keep the options' lines when they were made for this width.

        Textual's option list forgets its lines on every resize and draws them again a
        frame later.  Its lines depend on the width alone, and a list that gets its size
        (a taller box for more choices, a tab shown for the first time) made them in the
        frame that gave it that size: keeping them (``prevent_default`` skips the option
        list's own handler) makes the move one frame, not two.
        """
        if self.scrollable_content_region.width == self._lines_width:
            event.prevent_default()
        else:
            self._lines_width = None
        self._mark_more()

    def _mark_more(self) -> None:
        arrows = ("↑" if self.scroll_y > 0 else "") + ("↓" if self.scroll_y < self.max_scroll_y else "")
        # Translators: after an arrow on a list's bottom edge, when more of the list lies beyond it.
        more = arrows + " " + _("more") if arrows else ""
        if more != self._more:  # setting the edge's text repaints the list, even the same text
            self._more = more
            self.border_subtitle = Text(more) if more else None
