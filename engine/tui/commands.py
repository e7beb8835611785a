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

from engine.tui.screens.reading import ReadingScreen
from engine.tui.widgets.side_panel import TAB_TITLES, listed


class StoryCommands(Provider):
    """Go to a scene already read, open a tab of the side panel, open a glossary term met so far."""

    def _commands(self) -> Iterator[tuple[str, Callable[[], object], str]]:
        screen = self.screen
        if not isinstance(screen, ReadingScreen):
            return
        session = screen.reading.session
        done: set[str] = set()
        for line in session.transcript():
            if line.scene.id not in done:
                done.add(line.scene.id)
                yield (f"Go to: {line.scene.title}", partial(screen.jump, line.index),
                       f"{line.scene.date.label()} (moment {line.index + 1} of the reading)")
        for name, title in TAB_TITLES.items():
            yield f"Open panel: {title}", partial(screen.open_panel, name), f"Show the {title} tab"
        for ref in listed("glossary", session):
            term = session.story.entry(ref)
            if term is not None:
                yield f"Glossary: {term.title}", partial(screen.open_ref, ref, focus=True), "Open its entry"

    async def discover(self) -> Hits:
        for title, callback, help_text in self._commands():
            if title.startswith("Open panel"):
                yield DiscoveryHit(Content(title), callback, text=title, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, callback, help_text in self._commands():
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
