"""The footer: the keys that work on this screen, one line drawn by one widget.

Textual's Footer builds a widget for every key and, after the next refresh,
builds them all again whenever a screen's keys change.  On the reading screen
the keys change with every entry, back and content-note move, so each of those
moves mounted and styled a dozen widgets and drew a second frame after the
move's own.  This footer keeps the keys as data and paints its one line again in
the same frame.  It looks and acts as Textual's compact footer does: the key,
then what it does; keys that do not work now are dim; Ctrl+P sits on the right;
a click presses the key, and the pointer shows the key's tooltip.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual import events
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import Widget

PALETTE_EDGE = "▏"
"""The thin rule before the Ctrl+P key, as Textual's footer draws it."""


@dataclass(frozen=True)
class FooterKey:
    """One key as the footer shows it."""

    key: str
    """The key pressed when the reader clicks it."""
    display: str
    description: str
    enabled: bool
    tooltip: str


@dataclass(frozen=True)
class Shown:
    """What the footer draws: the screen's keys, and the command palette's on the right."""

    keys: tuple[FooterKey, ...] = ()
    palette: FooterKey | None = None


def keys_shown(screen: Screen[object]) -> Shown:
    """The keys the footer draws from a screen's bindings: one per action, those marked to show."""
    app = screen.app
    keys: list[FooterKey] = []
    actions: set[str] = set()
    palette = None
    for key, active in screen.active_bindings.items():
        binding = active.binding
        shown = FooterKey(
            binding.key, app.get_key_display(binding), binding.description, active.enabled, active.tooltip
        )
        if key == app.COMMAND_PALETTE_BINDING and app.ENABLE_COMMAND_PALETTE:
            palette = shown
        elif binding.show and binding.action not in actions:
            actions.add(binding.action)
            keys.append(shown)
    return Shown(tuple(keys), palette)


class KeysFooter(Widget, can_focus=False):
    """A one-line footer of the screen's keys, redrawn only when they change."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {
        "keys-footer--key",
        "keys-footer--description",
        "keys-footer--item",
        "keys-footer--hover",
        "keys-footer--edge",
    }

    DEFAULT_CSS = """
    KeysFooter {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
    }
    KeysFooter > .keys-footer--key {
        color: $footer-key-foreground;
        background: $footer-key-background;
        text-style: bold;
    }
    KeysFooter > .keys-footer--description {
        color: $footer-description-foreground;
        background: $footer-description-background;
    }
    KeysFooter > .keys-footer--item {
        background: $footer-item-background;
    }
    KeysFooter > .keys-footer--hover {
        color: $footer-key-foreground;
        background: $block-hover-background;
    }
    KeysFooter > .keys-footer--edge {
        color: $foreground 20%;
    }
    """
    """Textual's compact footer, drawn as one line; in the widget, so it docks in any app that mounts it."""

    show_command_palette = reactive(True)
    """Whether Ctrl+P shows on the right (not on a narrow terminal, where it would hide the screen's keys)."""

    def __init__(self) -> None:
        super().__init__()
        self.shown = Shown()
        self._spans: list[tuple[int, int, FooterKey]] = []
        self._hovered: FooterKey | None = None

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)
        self.bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen: Screen[object]) -> None:
        shown = keys_shown(screen)
        if shown != self.shown:
            self.shown = shown
            self.refresh()

    def render(self) -> Text:
        width = self.size.width
        palette = self.shown.palette if self.show_command_palette else None
        right = self._palette_text(palette) if palette is not None else Text()
        room = max(0, width - right.cell_len - (1 if right else 0))
        line = Text(no_wrap=True, end="")
        spans: list[tuple[int, int, FooterKey]] = []
        for key in self.shown.keys:
            if line:
                line.append(" ")
            start = line.cell_len
            line.append_text(self._key_text(key))
            if line.cell_len <= room:
                spans.append((start, line.cell_len, key))
        line.truncate(room, overflow="ellipsis", pad=True)  # keys that do not fit end in "…"
        if palette is not None:  # on the right, a cell from the edge, as Textual's compact footer has it
            spans.append((room + len(PALETTE_EDGE), room + right.cell_len, palette))
            line.append_text(right)
            line.append(" ")
        self._spans = spans
        return line

    def _key_text(self, key: FooterKey) -> Text:
        """``key description``, as Textual's compact footer draws a key; dim when it does not work now."""
        item = Text.assemble(
            (key.display, self.get_component_rich_style("keys-footer--key")),
            (
                f" {key.description}" if key.description else "",
                self.get_component_rich_style("keys-footer--description"),
            ),
        )
        item.stylize_before(self.get_component_rich_style("keys-footer--item"))
        if key == self._hovered:
            item.stylize(self.get_component_rich_style("keys-footer--hover"))
        if not key.enabled:
            item.stylize(Style(dim=True))
        return item

    def _palette_text(self, palette: FooterKey) -> Text:
        edge = Text(PALETTE_EDGE, self.get_component_rich_style("keys-footer--edge"))
        return edge + self._key_text(palette)

    def key_at(self, x: int) -> FooterKey | None:
        """The key drawn at column ``x`` of the footer, if any."""
        return next((key for start, end, key in self._spans if start <= x < end), None)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._hover(self.key_at(event.x))

    def on_leave(self) -> None:
        self._hover(None)

    def _hover(self, key: FooterKey | None) -> None:
        if key != self._hovered:
            self._hovered = key
            self.tooltip = (key.tooltip or key.description) if key is not None else None
            self.refresh()

    def on_mouse_down(self, event: events.MouseDown) -> None:
        key = self.key_at(event.x)
        if key is None:
            return
        if key.enabled:
            self.app.simulate_key(key.key)
        else:
            self.app.bell()
