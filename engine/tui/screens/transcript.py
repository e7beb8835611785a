"""The transcript: the whole reading so far, choices included, and a way back to any moment."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static
from textual.widgets.option_list import Option

from engine.reading.session import Session
from engine.tui.widgets.reader_footer import ReaderFooter
from engine.tui.widgets.safe_option_list import SafeOptionList
from engine.tui.widgets.size_notice import SizeNotice


class TranscriptScreen(Screen[int | None]):
    """Dismisses with the moment to jump to, or None to return to where the reader was."""

    BINDINGS = [
        Binding("escape,h", "dismiss(None)", "Back to the reading", id="transcript-close"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        # A plain title, not a Header: Textual 8.2.8 keeps every Header alive (it watches the app's
        # title), and the transcript is opened and closed many times in a reading.
        yield Static(f"Transcript — {self.session.story.title}", id="transcript-title", markup=False)
        yield Static("The reading so far. Choose a moment to go back to it; "
                     "what you read after it stays until you choose differently.",
                     id="transcript-intro", markup=False)
        yield SafeOptionList(*self._lines(), id="transcript-list")
        yield SizeNotice()
        yield ReaderFooter()

    def on_mount(self) -> None:
        moments = self.query_one(SafeOptionList)
        moments.highlighted = self.session.index
        moments.focus()

    def _lines(self) -> list[Option]:
        options = []
        for line in self.session.transcript():
            text = Text()
            if line.choice:
                text.append(f"   ↳ {line.choice}\n", "italic")
            text.append(f"{line.index + 1:>2}. ", "bold")
            text.append(line.scene.title, "bold" if line.current else "")
            text.append(f"  · {line.scene.date.label()}", "dim")
            if line.current:
                text.append("  ◂ you are here", "bold")
            options.append(Option(text, id=str(line.index)))
        return options

    def on_option_list_option_selected(self, event: SafeOptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(int(event.option.id or self.session.index))
