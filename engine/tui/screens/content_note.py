"""The note shown before a scene marked with one: read on, or read a summary instead."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from engine.story.model import ContentNote


class ContentNoteScreen(ModalScreen[str]):
    """Dismisses with FULL or SUMMARY; the scene's text is not on screen until the reader answers."""

    FULL, SUMMARY = "full", "summary"

    BINDINGS = [
        Binding("escape", "dismiss('summary')", "Summary instead", id="note-summary"),
        Binding("left,right", "switch", "Switch button", show=False, id="note-switch"),
    ]

    def __init__(self, note: ContentNote) -> None:
        super().__init__()
        self.note = note

    def compose(self) -> ComposeResult:
        with Vertical(id="note-box"):
            yield Static("Content note", id="note-heading", markup=False)
            yield Static(self.note.note, id="note-text", markup=False)
            with Horizontal(id="note-buttons"):
                yield Button("Continue", id="note-continue", variant="primary")
                yield Button("Read a summary instead", id="note-summary")

    def on_mount(self) -> None:
        self.query_one("#note-continue", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(self.FULL if event.button.id == "note-continue" else self.SUMMARY)

    def action_switch(self) -> None:
        self.focus_next(Button)
