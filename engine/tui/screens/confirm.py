"""A question that needs a yes before something is lost: Enter or y confirms, Escape or n does not."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from engine.i18n import N_, _
from engine.tui.screens.base import ReaderModal


class ConfirmScreen(ReaderModal[bool]):
    """Dismisses with True only when the reader confirms."""

    CSS_PATH = "../dialogs.tcss"

    BINDINGS = [
        Binding("y", "dismiss(True)", N_("Yes"), id="confirm-yes"),
        Binding("n,escape", "dismiss(False)", N_("No"), id="confirm-no"),
        Binding("left,right", "switch", N_("Switch button"), show=False, id="confirm-switch"),
    ]

    def __init__(self, question: str, yes: str, no: str | None = None) -> None:
        super().__init__()
        self.question, self.yes, self.no = question, yes, no or _("Keep it")

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box", classes="dialog"):
            yield Static(self.question, id="confirm-question", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.no, id="confirm-no", variant="primary")
                yield Button(self.yes, id="confirm-yes", variant="error")
        yield from self.compose_edges()

    def on_mount(self) -> None:
        self.query_one("#confirm-no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "confirm-yes")

    def action_switch(self) -> None:
        self.focus_next(Button)
