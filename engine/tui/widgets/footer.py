"""Textual's Footer, rebuilt only when the keys it shows change.

Textual's Footer recomposes (a widget per key, laid out again) every time a
screen refreshes its bindings, which Textual does on every focus change as
well as when a screen asks; on a reading screen that was most moves, for the
same keys.  This subclass compares what it would show with what it shows and
passes the notice on only when they differ.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer


def keys_shown(screen: Screen[object]) -> tuple[tuple[object, ...], ...]:
    """What the footer draws from the screen's bindings: each key, what it says, and whether it works now."""
    return tuple(
        (
            key,
            active.binding.action,
            active.binding.description,
            active.binding.show,
            active.binding.key_display,
            active.enabled,
            active.tooltip,
        )
        for key, active in screen.active_bindings.items()
    )


class KeysFooter(Footer):
    """A footer that is rebuilt when its keys change, not whenever the bindings are refreshed."""

    shown: tuple[tuple[object, ...], ...] | None = None

    def bindings_changed(self, screen: Screen[object]) -> None:
        keys = keys_shown(screen)
        if keys == self.shown:
            return
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            self.shown = keys  # the footer will be rebuilt with these
        super().bindings_changed(screen)
