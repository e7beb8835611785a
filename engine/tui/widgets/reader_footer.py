"""The footer of the reader's screens: the keys that work here, on one line, each clickable."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from rich.style import Style
from rich.text import Text
from textual import events
from textual.widgets import Static

if TYPE_CHECKING:
    from textual.screen import Screen


class FooterItem(NamedTuple):
    """One binding as the footer shows it."""

    key: str
    """The key pressed when the item is clicked."""
    shown: str
    description: str
    enabled: bool
    tooltip: str


class ReaderFooter(Static):
    """The screen's bindings with their descriptions, like Textual's Footer, in a single widget.

    Textual's Footer rebuilds a widget per key whenever the keys change, which
    here is on most moves; over a reading that churn cost about 2 MiB of peak
    memory (measured with ``benchmarks/tui_budget.py``).  This footer redraws one
    line instead, and only when the keys or its width change.  A click on a key
    presses it; hovering marks it and shows the key's tooltip; keys that do not fit are left
    out whole rather than cut.
    """

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"reader-footer--key", "reader-footer--description", "reader-footer--hover"}

    def __init__(self, *, show_command_palette: bool = True) -> None:
        super().__init__(markup=False)
        self.show_command_palette = show_command_palette
        self.keys: tuple[FooterItem, ...] = ()
        """What the footer shows, in order (the command palette's key last)."""
        self._hovered: str | None = None
        """The key under the mouse pointer."""
        self._drawn: tuple[object, ...] | None = None

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def on_resize(self) -> None:
        self._draw()

    def _bindings_changed(self, screen: Screen) -> None:
        if screen is not self.screen:
            return
        keys: list[FooterItem] = []
        actions: set[str] = set()
        palette = None
        for key, (_, binding, enabled, tooltip) in screen.active_bindings.items():
            item = FooterItem(key, self.app.get_key_display(binding), binding.description, enabled,
                             tooltip or binding.description)
            if key == self.app.COMMAND_PALETTE_BINDING:
                palette = item
            elif binding.show and binding.action not in actions:  # "f1,question_mark": one item
                actions.add(binding.action)
                keys.append(item)
        if palette is not None and self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE:
            keys.append(palette)
        self.keys = tuple(keys)
        self._draw()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        if self.is_mounted:
            self.call_later(self._draw)  # the keys' colours come from the stylesheet and the theme

    def _draw(self) -> None:
        width = self.size.width
        key_style, description_style, hover_style = (
            self.get_component_rich_style(f"reader-footer--{name}") for name in ("key", "description", "hover"))
        drawing = (self.keys, width, self._hovered, key_style, description_style, hover_style)
        if drawing == self._drawn or not width:
            return
        self._drawn = drawing
        line = Text(no_wrap=True, overflow="crop")
        for item in self.keys:
            part = Text.assemble((item.shown, key_style), (f" {item.description}", description_style))
            if not item.enabled:
                part.stylize(Style(dim=True))
            if item.key == self._hovered:
                part.stylize(hover_style)
            part.stylize(Style(meta={"footer-key": item.key}))
            if line.cell_len + (1 if line else 0) + part.cell_len > width:
                break
            if line:
                line.append(" ")
            line.append_text(part)
        self.update(line)

    def _item_at(self, style: Style) -> FooterItem | None:
        key = style.meta.get("footer-key")
        return next((item for item in self.keys if item.key == key), None)

    def on_click(self, event: events.Click) -> None:
        item = self._item_at(event.style)
        if item is None:
            return
        event.stop()
        if item.enabled:
            self.app.simulate_key(item.key)
        else:
            self.app.bell()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        item = self._item_at(event.style)
        self.tooltip = item.tooltip if item is not None else None
        self._hover(item.key if item is not None else None)

    def on_leave(self) -> None:
        self._hover(None)

    def _hover(self, key: str | None) -> None:
        if key != self._hovered:
            self._hovered = key
            self._draw()
