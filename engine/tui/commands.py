"""The reader's own entries in the command palette (Ctrl+P)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

from engine.tui.screens.reading import ReadingScreen
from engine.tui.widgets.side_panel import SidePanel

if TYPE_CHECKING:
    from engine.tui.app import KalbajarApp


class ReaderCommands(Provider):
    """Go to a scene already read, open a panel, look up a glossary term, switch theme.

    The palette parses help text as markup, so help never holds story text: only
    dates (built from numbers and month names) and our own words.
    """

    def _commands(self) -> Iterator[tuple[str, Callable[[], object], str]]:
        app = cast("KalbajarApp", self.app)
        screen = self.screen
        if isinstance(screen, ReadingScreen):
            seen: set[str] = set()
            for line in app.session.transcript():
                if line.scene.id not in seen:
                    seen.add(line.scene.id)
                    yield (f"Go to: {line.scene.title}", partial(screen.jump, line.index),
                           f"{line.scene.date.label()} (moment {line.index + 1} of the reading)")
            for name, title in SidePanel.TAB_TITLES.items():
                yield f"Open panel: {title}", partial(screen.open_panel, name), f"Show the {title} tab"
            for term in app.story.terms_in_order():
                yield f"Glossary: {term.term}", partial(screen.open_ref, term.ref, focus=True), "Open its entry"
        for theme in sorted(app.available_themes):
            yield f"Theme: {theme}", partial(setattr, app, "theme", theme), "Use this theme; it is remembered"

    async def discover(self) -> Hits:
        for title, callback, help_text in self._commands():
            if title.startswith(("Open panel", "Theme")):
                yield DiscoveryHit(title, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, callback, help_text in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, help=help_text)
