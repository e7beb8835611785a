"""The title screen: continue the saved reading, begin a new one, or open a chapter already read."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Button, Static
from textual.widgets.option_list import Option

from engine.reading.session import Session
from engine.tui.widgets.reader_footer import ReaderFooter
from engine.tui.widgets.safe_option_list import SafeOptionList
from engine.tui.widgets.size_notice import SizeNotice

if TYPE_CHECKING:
    from engine.tui.app import KalbajarApp


def chapter_starts(session: Session) -> dict[str, int]:
    """For each phase the reading has been in: the first moment of it."""
    starts: dict[str, int] = {}
    for line in session.transcript():
        starts.setdefault(line.scene.phase, line.index)
    return starts


class TitleScreen(Screen[None]):
    """The first screen; Continue shows only when there is a saved reading."""

    BINDINGS = [
        Binding("up", "app.focus_previous", "Previous", show=False, id="title-previous"),
        Binding("down", "app.focus_next", "Next", show=False, id="title-next"),
        Binding("c", "chapters", "Chapters", id="title-chapters"),
    ]

    @property
    def reader(self) -> KalbajarApp:
        return cast("KalbajarApp", self.app)

    def compose(self) -> ComposeResult:
        story = self.reader.story
        with Vertical(id="title-box"):
            yield Static(story.title, id="title-name", markup=False)
            yield Static(story.subtitle, id="title-subtitle", markup=False)
            if self.reader.saved_session is not None:
                yield Button("Continue", id="continue", variant="primary")
            yield Button("New reading", id="new-reading")
            yield Button("Chapters", id="show-chapters")
            yield Static(story.attribution, id="title-attribution", markup=False)
        yield SizeNotice()
        yield ReaderFooter()

    def _chapters(self) -> list[Option]:
        session = self.reader.saved_session
        starts = chapter_starts(session) if session else {}
        options = []
        for phase in self.reader.story.phases:
            read = phase.id in starts
            label = Text.assemble(phase.title, (f"  · {phase.date.label()}", "dim"),
                                  ("" if read else "  (not read yet)", "italic"))
            options.append(Option(label, id=phase.id, disabled=not read))
        return options

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "continue" and self.reader.saved_session is not None:
            self.reader.start_reading(self.reader.saved_session)
        elif event.button.id == "new-reading":
            self.reader.start_reading(Session(self.reader.story))
        elif event.button.id == "show-chapters":
            await self.action_chapters()

    async def action_chapters(self) -> None:
        """Show the chapters under the buttons (made on demand: start-up is a budget)."""
        if not self.query("#chapter-list"):
            chapters = SafeOptionList(*self._chapters(), id="chapter-list")
            await self.query_one("#title-box").mount(chapters, before="#title-attribution")
        self.query_one("#chapter-list", SafeOptionList).focus()

    def on_option_list_option_selected(self, event: SafeOptionList.OptionSelected) -> None:
        event.stop()
        session = self.reader.saved_session
        if session is None or event.option.id is None:
            return
        session.go(chapter_starts(session)[event.option.id])
        self.reader.start_reading(session)
