"""The reader's story commands in the palette (Ctrl+P): go to a scene already read, open a tab, a term.

Every key's action is offered by the app (``get_system_commands``); these are
the commands made from the story itself.  Story text is never given to a
markup parser: the match is highlighted on plain Content, and help lines
hold only dates and our own words.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher

from engine.i18n import _
from engine.story.labels import panel_name
from engine.tui.screens.reading import ReadingScreen
from engine.tui.widgets.side_panel import TABS, listed


class StoryCommands(Provider):
    """Go to a scene already read, open a tab of the side panel, open a glossary term met so far."""

    def _commands(self) -> Iterator[tuple[str, Callable[[], object], str, bool]]:
        """(title, what it does, help, whether the empty palette lists it): only the tabs are listed."""
        screen = self.screen
        if not isinstance(screen, ReadingScreen):
            return
        session = screen.reading.session
        done: set[str] = set()
        for line in session.transcript():
            if line.scene.id not in done:
                done.add(line.scene.id)
                yield (
                    _("Go to: {scene}").format(scene=line.scene.title),
                    partial(screen.jump, line.index),
                    _("{date} (moment {number} of the reading)").format(
                        date=line.scene.date.label(), number=line.index + 1
                    ),
                    False,
                )
        for name in TABS:
            title = panel_name(name)
            yield (
                _("Open panel: {panel}").format(panel=title),
                partial(screen.open_panel, name),
                _("Show the {panel} tab").format(panel=title),
                True,
            )
        for ref in listed("glossary", session):
            term = session.story.entry(ref)
            if term is not None:
                yield (
                    _("Glossary: {term}").format(term=term.title),
                    partial(screen.open_ref, ref, focus=True),
                    _("Open its entry"),
                    False,
                )

    async def discover(self) -> Hits:
        for title, callback, help_text, listed_empty in self._commands():
            if listed_empty:
                yield DiscoveryHit(Content(title), callback, text=title, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, callback, help_text, _listed_empty in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, highlighted(title, matcher), callback, text=title, help=help_text)


def highlighted(title: str, matcher: Matcher) -> Content:
    """The title as plain Content, the matched letters styled as Textual's own: brackets stay brackets.

    (``Matcher.highlight`` would read the title as Textual markup.)
    """
    content = Content(title)
    _score, offsets = matcher.fuzzy_search.match(matcher.query, title)
    for offset in offsets:
        if not title[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content
