"""Look up: pick one of the terms and entries named in the scene (or the open entry), by keyboard."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from engine.i18n import N_, _
from engine.tui.screens.base import ReaderModal


class LookUpScreen(ReaderModal[None]):
    """Opens what the reader chose with ``open_ref``, then closes.

    It opens before it closes, so that the reading screen is drawn once, with
    the entry open, rather than once bare and again with the entry.
    """

    CSS_PATH = "../dialogs.tcss"

    BINDINGS = [
        Binding("escape,g", "dismiss(None)", N_("Cancel"), tooltip=N_("Back to the reading"), id="look-up-cancel"),
    ]

    def __init__(self, refs: list[tuple[str, str]], open_ref: Callable[[str], None]) -> None:
        super().__init__()
        self.refs = refs
        """(ref, title) for each thing named, in the order met."""
        self.open_ref = open_ref
        """Opens the chosen ref behind the dialog, before it closes."""

    def compose(self) -> ComposeResult:
        with Vertical(id="look-up-box", classes="dialog"):
            yield Static(_("Look up a term or entry"), classes="dialog-heading", markup=False)
            yield OptionList(*[Option(Text(title), id=ref) for ref, title in self.refs], id="look-up-list")
        yield from self.compose_edges()

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = 0
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.open_ref(event.option.id)
        self.dismiss(None)
