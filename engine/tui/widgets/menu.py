"""A short menu of a few lines: arrows and Enter, or a click.

The title screen's menu.  An OptionList would do the same, but styling and
laying one out delays the app's first paint by more than its start-up budget
allows; a menu of three entries needs none of its scrolling or caching.
"""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget


class Menu(Widget, can_focus=True):
    """Entries, one per line; the highlighted one is taken with Enter or a click."""

    BINDINGS = [
        Binding("up", "move(-1)", "Previous", show=False, id="menu-up"),
        Binding("down", "move(1)", "Next", show=False, id="menu-down"),
        Binding("enter", "take", "Open", show=False, id="menu-take"),
    ]
    COMPONENT_CLASSES = {"menu--highlighted"}
    DEFAULT_CSS = """
    Menu {
        height: auto;
    }
    Menu > .menu--highlighted {
        text-style: bold;
    }
    Menu:focus > .menu--highlighted {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
    }
    """

    highlighted: reactive[int] = reactive(0)

    class Taken(Message):
        """The reader took an entry."""

        def __init__(self, menu: Menu, entry: str) -> None:
            super().__init__()
            self.menu = menu
            self.entry = entry

        @property
        def control(self) -> Menu:
            return self.menu

    def __init__(self, entries: list[tuple[str, str]], *, id: str | None = None) -> None:
        """``entries`` are (id, label) pairs, in order."""
        super().__init__(id=id)
        self.entries = list(entries)

    @property
    def ids(self) -> list[str]:
        return [entry for entry, _label in self.entries]

    def remove_entry(self, entry: str) -> None:
        chosen = self.ids[self.highlighted] if self.entries else None
        self.entries = [(e, label) for e, label in self.entries if e != entry]
        self.highlighted = self.ids.index(chosen) if chosen in self.ids else 0
        self.refresh(layout=True)

    def render(self) -> Content:
        width = self.content_size.width
        lines = []
        for index, (_entry, label) in enumerate(self.entries):
            line = Content(f"  {label}".ljust(width))  # the highlight is a bar across the menu
            if index == self.highlighted:
                line = line.stylize(self.get_visual_style("menu--highlighted"))
            lines.append(line)
        return Content("\n").join(lines)

    def action_move(self, step: int) -> None:
        if self.entries:
            self.highlighted = (self.highlighted + step) % len(self.entries)

    def action_take(self) -> None:
        if self.entries:
            self.post_message(self.Taken(self, self.ids[self.highlighted]))

    def on_click(self, event: events.Click) -> None:
        if 0 <= event.y < len(self.entries):
            event.stop()
            self.highlighted = event.y
            self.action_take()

    def watch_highlighted(self) -> None:
        self.refresh()
