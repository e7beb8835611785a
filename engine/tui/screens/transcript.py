"""History: the transcript of the reading, the text read and the choices between; search it, save it, go back.

Each moment is one entry: how the reader got there, the scene's heading and
the text as read (a summary where the reader chose one).  Enter on a moment
goes back to it; what was read after it stays until a different choice.
"""

from __future__ import annotations

from rich.console import Group
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from engine.i18n import N_, _
from engine.reading.reading import Reading
from engine.reading.transcript import Passage, as_text, passages
from engine.tui.screens.base import ReaderScreen


class TranscriptScreen(ReaderScreen[int | None]):
    """Dismisses with the moment to go back to, or None to return to where the reader was."""

    CSS_PATH = "../dialogs.tcss"

    AUTO_FOCUS = "#history-list"
    """The moments have the keyboard from the first frame; ``/`` goes to the search."""

    BINDINGS = [
        Binding("escape,h", "close", N_("Back to the reading"), id="history-close"),
        Binding(
            "slash",
            "search",
            N_("Search"),
            key_display="/",
            tooltip=N_("Find words in what you have read"),
            id="history-search",
        ),
        Binding(
            "s", "save", N_("Save to a file"), tooltip=N_("Write the transcript to a text file"), id="history-save"
        ),
    ]

    def __init__(self, reading: Reading) -> None:
        super().__init__()
        self.reading = reading
        self.passages = passages(reading.session, reading.note_answers)

    def compose(self) -> ComposeResult:
        # A plain title, not a Header: a Header watches the app's title for as long as it lives.
        yield Static(_("History — {title}").format(title=self.reading.story.title), id="history-title", markup=False)
        yield Input(placeholder=_("Search what you have read (Enter to go to the moments found)"), id="history-query")
        yield OptionList(*self._options(self.passages), id="history-list")
        yield from self.compose_edges()

    def on_mount(self) -> None:
        self.query_one(OptionList).highlighted = self.reading.session.index

    def _options(self, shown: list[Passage]) -> list[Option]:
        options = []
        for passage in shown:
            parts = []
            if passage.choice:
                parts.append(Text(_("↳ you chose: {choice}").format(choice=passage.choice), "italic"))
            heading = Text(f"{passage.index + 1}. {passage.heading}", "bold")
            if passage.current:
                heading.append("  " + _("◂ you are here"))
            elif passage.ahead:
                heading.append("  " + _("(read, then gone back from: f returns)"), "dim")
            parts.append(heading)
            parts.append(Text(passage.text))
            parts.append(Text())
            options.append(Option(Group(*parts), id=str(passage.index)))
        return options

    @on(Input.Changed, "#history-query")
    def search_changed(self, event: Input.Changed) -> None:
        query = event.value.strip()
        shown = [p for p in self.passages if p.matches(query)] if query else self.passages
        moments = self.query_one(OptionList)
        moments.set_options(self._options(shown))
        moments.highlighted = 0 if shown else None
        self.query_one("#history-title", Static).update(
            _("History — {found} of {total} moments hold “{query}”").format(
                found=len(shown), total=len(self.passages), query=query
            )
            if query
            else _("History — {title}").format(title=self.reading.story.title)
        )

    @on(Input.Submitted, "#history-query")
    def search_done(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected, "#history-list")
    def moment_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.dismiss(int(event.option.id))

    def action_search(self) -> None:
        self.query_one(Input).focus()

    def action_close(self) -> None:
        self.dismiss(None)

    def action_save(self) -> None:
        reading = self.reading
        target = reading.store.directory / f"reading-{reading.number}-transcript.txt"
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(as_text(reading.session, reading.note_answers), encoding="utf-8")
        except OSError as error:
            self.notify(
                _("The transcript could not be saved: {reason}").format(reason=error.strerror or error),
                severity="error",
                markup=False,
            )
            return
        self.notify(
            _("The transcript is saved at {path}").format(path=target), title=_("Saved"), timeout=20, markup=False
        )
