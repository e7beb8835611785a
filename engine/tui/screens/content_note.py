"""The note shown before a scene marked with one: read on, or read a summary instead.

The keys are the plain reader's: ``c`` (or Enter on Continue) reads the scene,
``s`` (or Escape) reads the summary instead.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from engine.i18n import N_, _
from engine.reading.reading import FULL, SUMMARY
from engine.story.model import ContentNote
from engine.tui.screens.base import ReaderModal


class ContentNoteScreen(ReaderModal[str]):
    """Dismisses with FULL or SUMMARY; the scene's text is not on screen until the reader answers.

    The note covers the reading screen (drawing the scene dimmed behind it cost a
    move twice its time), so it names the scene it stands before.  One note
    screen serves every scene: the reading screen keeps it installed and offers
    it each scene's note.
    """

    CSS_PATH = "../dialogs.tcss"

    BINDINGS = [
        Binding("c", "answer('full')", N_("Continue"), tooltip=N_("Read the scene"), id="note-continue"),
        Binding(
            "s,escape",
            "answer('summary')",
            N_("Summary instead"),
            tooltip=N_("Pass the scene with a short summary"),
            id="note-summary",
        ),
        Binding("left,right", "switch", N_("Switch button"), show=False, id="note-switch"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.note = ""
        self.scene_title = ""
        self.answered: Callable[[str], None] | None = None
        """Draws the scene as the reader chose to read it, behind the note, before it closes."""

    def offer(self, note: ContentNote, scene_title: str, answered: Callable[[str], None]) -> None:
        """The note to show the next time the screen opens, before the scene titled ``scene_title``.

        Written into the screen now, while it is hidden: written as it opens, the
        new text asked for a layout of its own, and the note was drawn twice.
        ``answered`` is told the answer before the note closes, so that the
        reading screen is drawn once, with the scene, rather than once as it was
        and again with the scene.
        """
        self.note = " ".join(note.note.split())
        self.scene_title = " ".join(scene_title.split())
        self.answered = answered
        if self.is_mounted:
            self.write()

    def compose(self) -> ComposeResult:
        with Vertical(id="note-box", classes="dialog"):
            yield Static(classes="dialog-heading", markup=False)
            yield Static(id="note-scene", markup=False)
            yield Static(id="note-text", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("", id="note-continue", variant="primary")
                yield Button("", id="note-summary")
        yield from self.compose_edges()

    def on_mount(self) -> None:
        self.write()

    def write(self) -> None:
        """The note offered, and the dialog's own words in today's language."""
        self.query_one(".dialog-heading", Static).update(_("Content note"))
        self.query_one("#note-scene", Static).update(self.scene_title)
        self.query_one("#note-text", Static).update(self.note)
        self.query_one("#note-continue", Button).label = _("Continue")
        self.query_one("#note-summary", Button).label = _("Read a summary instead")

    def on_screen_resume(self) -> None:
        self.set_focus(self.query_one("#note-continue", Button))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_answer(FULL if event.button.id == "note-continue" else SUMMARY)

    def action_answer(self, answer: str) -> None:
        if self.answered is not None:
            self.answered(answer)
        self.dismiss(answer)

    def action_switch(self) -> None:
        self.focus_next(Button)
