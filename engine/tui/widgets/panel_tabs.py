"""The side panel's tab strip: every tab's name, and a bar under the open one, drawn by one widget.

Textual's Tabs is a widget per tab in a scrolling row, with an underline
widget beneath.  It moves the underline, and scrolls the row to the open tab,
only after the next refresh: each time the panel turned to another tab (a
scene that unlocks an entry, an entry opened from the look-up) the screen was
drawn once with the new tab and once or twice more for the underline and the
scroll, and a label gaining its ``●`` laid the row out again.  This strip
draws its two lines itself, in the frame that changes them.  It looks and acts
as Textual's does: click a tab, or focus the strip and use left and right; a
row wider than the strip keeps the open tab in the middle.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.renderables.bar import Bar
from textual.widget import Widget

from engine.i18n import N_


class PanelTabs(Widget, can_focus=True):
    """The tabs' names on one line, the bar under the open tab's on the next."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"panel-tabs--tab", "panel-tabs--active", "panel-tabs--hover", "panel-tabs--bar"}

    BINDINGS = [
        Binding("left", "step(-1)", N_("Previous tab"), show=False, id="panel-previous-tab"),
        Binding("right", "step(1)", N_("Next tab"), show=False, id="panel-next-tab"),
    ]

    class Chosen(Message):
        """The reader chose a tab, with the mouse or the keys (the panel turns to it)."""

        def __init__(self, name: str) -> None:
            super().__init__()
            self.name = name

    def __init__(self, tabs: Sequence[tuple[str, str]], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._labels: dict[str, str] = dict(tabs)
        """Each tab's name (``background``) and the label drawn for it."""
        self.active = tabs[0][0]
        self._hovered: str | None = None
        self._spans: list[tuple[int, int, str]] = []
        """Where each tab was last drawn: (first column, column after it, tab), as seen on screen."""

    @property
    def names(self) -> list[str]:
        return list(self._labels)

    def label(self, name: str) -> str:
        return self._labels[name]

    def set_label(self, name: str, label: str) -> None:
        if self._labels[name] != label:
            self._labels[name] = label
            self.refresh()

    def show(self, name: str) -> None:
        """Mark ``name`` as the open tab (the panel has turned to it)."""
        if name != self.active:
            self.active = name
            self.refresh()

    def render(self) -> Group:
        width = self.size.width
        labels = Text(no_wrap=True)
        spans: list[tuple[int, int, str]] = []
        for name, label in self._labels.items():
            style = self.get_component_rich_style("panel-tabs--tab")
            if name == self.active:
                style += self.get_component_rich_style("panel-tabs--active")
            elif name == self._hovered:
                style += self.get_component_rich_style("panel-tabs--hover")
            labels.append(" ")  # the gap before each name, as the stylesheet gave Textual's tabs
            start = labels.cell_len
            labels.append(label, style)
            spans.append((start, labels.cell_len, name))
        active = next((start, end) for start, end, name in spans if name == self.active)
        offset = 0
        if labels.cell_len > width:  # the open tab in the middle, as far as the row allows
            offset = min(max(0, (active[0] + active[1] - width) // 2), labels.cell_len - width)
            labels = labels[offset:]
        labels.truncate(width, pad=True)
        self._spans = [(start - offset, end - offset, name) for start, end, name in spans]
        bar = self.get_component_rich_style("panel-tabs--bar")
        underline = Bar(
            highlight_range=(active[0] - offset, active[1] - offset),
            highlight_style=Style.from_color(bar.color),
            background_style=Style.from_color(bar.bgcolor),
            width=width,
        )
        return Group(labels, underline)

    def tab_at(self, x: int) -> str | None:
        """The tab drawn at column ``x`` of the strip, if any."""
        return next((name for start, end, name in self._spans if start <= x < end), None)

    def on_click(self, event: events.Click) -> None:
        name = self.tab_at(event.x)
        if name is not None:
            event.stop()
            self.focus()
            self.post_message(self.Chosen(name))

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._hover(self.tab_at(event.x) if event.y == 0 else None)

    def on_leave(self) -> None:
        self._hover(None)

    def _hover(self, name: str | None) -> None:
        if name != self._hovered:
            self._hovered = name
            self.refresh()

    def action_step(self, step: int) -> None:
        names = self.names
        self.post_message(self.Chosen(names[(names.index(self.active) + step) % len(names)]))
