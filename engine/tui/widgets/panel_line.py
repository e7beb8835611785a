"""The side panel folded to one line: which tabs hold something unread, and the key that opens it."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.message import Message
from textual.widgets import Static

from engine.i18n import _
from engine.tui.widgets.entry_browser import NEW_MARK


class PanelLine(Static):
    """``p Panel: Background ● 1 · Casualties ● 2 · Politics · Glossary``; a click opens the panel."""

    COMPONENT_CLASSES = {"panel-line--key", "panel-line--new"}

    class Clicked(Message):
        """The reader clicked the line: open the panel."""

    shown: tuple[tuple[str, int], ...] = ()

    def show(self, tabs: list[tuple[str, int]]) -> None:
        """Say which tabs hold something unread (drawn again only when that changes: one line, no layout)."""
        if tuple(tabs) == self.shown:
            return
        self.shown = tuple(tabs)
        key, new = self.get_component_rich_style("panel-line--key"), self.get_component_rich_style("panel-line--new")
        line = Text(no_wrap=True, overflow="ellipsis")
        line.append(" p ", key)
        line.append(" " + _("Panel:") + " ")
        unread = sorted(tabs, key=lambda tab: tab[1] == 0)  # what is new first, so a narrow line still says it
        for n, (name, count) in enumerate(unread):
            line.append(" · " if n else "")
            line.append(name)
            if count:
                line.append(f" {NEW_MARK} {count}", new)
        self.update(line, layout=False)

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.post_message(self.Clicked())
