"""The title screen: continue the saved reading, begin a new one, or open a chapter already read."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Static
from textual.widgets.option_list import Option

from engine.tui.widgets.menu import Menu
from engine.tui.widgets.reader_footer import ReaderFooter
from engine.tui.widgets.safe_option_list import SafeOptionList
from engine.tui.widgets.size_notice import SizeNotice

if TYPE_CHECKING:
    from engine.reading.session import Session
    from engine.tui.app import KalbajarApp


class TitleScreen(Screen[None]):
    """The first screen, drawn from the story's cover: a menu, as in any game's title screen.

    It may appear before the story has loaded; every choice in it waits for the story.
    Continue is offered only when there is a saved reading.
    """

    AUTO_FOCUS = None
    """The menu takes focus once the screen has been drawn: focusing it while the screen is built
    holds its entries out of the first frame, which then comes a frame later."""

    BINDINGS = [
        Binding("c", "chapters", "Chapters", tooltip="The chapters you have read; open one", id="title-chapters"),
        Binding("escape", "menu", "Menu", show=False, id="title-back-to-menu"),
    ]

    @property
    def reader(self) -> KalbajarApp:
        return cast("KalbajarApp", self.app)

    def compose(self) -> ComposeResult:
        cover = self.reader.cover
        with Vertical(id="title-box"):
            yield Static(cover.title, id="title-name", markup=False)
            yield Static(cover.subtitle, id="title-subtitle", markup=False)
            yield Menu(self._menu(), id="title-menu")
            yield Static(cover.attribution, id="title-attribution", markup=False)
        yield SizeNotice()
        yield ReaderFooter()

    def on_mount(self) -> None:
        self.call_after_refresh(self.action_menu)

    def _menu(self) -> list[tuple[str, str]]:
        continuing = [("continue", "Continue")] if self.reader.may_continue else []
        return [*continuing, ("new-reading", "New reading"), ("chapters", "Chapters")]

    def show_opened_story(self) -> None:
        """The story has loaded: show its cover as loaded; a save that could not be restored
        leaves nothing to continue.  (Nothing to do if the screen is not composed yet.)"""
        cover = self.reader.cover
        for name, text in (("name", cover.title), ("subtitle", cover.subtitle), ("attribution", cover.attribution)):
            for line in self.query(f"#title-{name}").results(Static):
                line.update(text)
        if not self.reader.may_continue:
            for menu in self.query("#title-menu").results(Menu):
                menu.remove_entry("continue")

    def on_option_list_option_selected(self, event: SafeOptionList.OptionSelected) -> None:
        """A chapter, from the list under the menu."""
        event.stop()
        if event.option.id is not None:
            self.run_worker(self._open_chapter(event.option.id), group="title", exclusive=True)

    def on_menu_taken(self, event: Menu.Taken) -> None:
        event.stop()
        self.run_worker(self._take(event.entry), group="title", exclusive=True)

    def action_chapters(self) -> None:
        self.run_worker(self._show_chapters(), group="title", exclusive=True)

    # Each waits for the story in a worker: waiting in a handler would hold up this screen's refresh,
    # and with it the loading, which starts after the first refresh.

    async def _take(self, entry: str) -> None:
        from engine.reading.session import Session

        await self.reader.story_opened()
        if entry == "continue" and self.reader.saved_session is not None:
            self.reader.start_reading(self.reader.saved_session)
        elif entry == "new-reading":
            self.reader.start_reading(Session(self.reader.story))
        elif entry == "chapters":
            await self._show_chapters()

    async def _show_chapters(self) -> None:
        """Show the chapters under the menu (made on demand: start-up is a budget)."""
        await self.reader.story_opened()
        if not self.query("#chapter-list"):
            chapters = SafeOptionList(*self._chapters(), id="chapter-list")
            box = self.query_one("#title-box")
            box.add_class("-chapters")  # on a short terminal the list takes the attribution's place
            await box.mount(chapters, before="#title-attribution")
        self.query_one("#chapter-list", SafeOptionList).focus()

    async def _open_chapter(self, phase: str) -> None:
        await self.reader.story_opened()
        session = self.reader.saved_session
        if session is not None:
            session.go(session.chapter_starts()[phase])
            self.reader.start_reading(session)

    def _chapters(self) -> list[Option]:
        session = self.reader.saved_session
        starts = session.chapter_starts() if session else {}
        options = []
        for phase in self.reader.story.phases:
            read = phase.id in starts
            label = Text.assemble(phase.title, (f"  · {phase.date.label()}", "dim"),
                                  ("" if read else "  (not read yet)", "italic"))
            options.append(Option(label, id=phase.id, disabled=not read))
        return options

    def action_menu(self) -> None:
        """Back from the chapters to the menu."""
        self.query_one("#title-menu", Menu).focus()
