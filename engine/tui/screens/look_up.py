"""Look up: pick one of the glossary terms and entries named in the scene, by keyboard."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static
from textual.widgets.option_list import Option

from engine.tui.widgets.safe_option_list import SafeOptionList


class LookUpScreen(ModalScreen[str | None]):
    """Dismisses with the chosen ref, or None."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="look-up-cancel")]

    def __init__(self, refs: list[tuple[str, str]]) -> None:
        super().__init__()
        self.refs = refs
        """(ref, title) for each thing named in the scene, in the order met."""

    def compose(self) -> ComposeResult:
        with Vertical(id="look-up-box"):
            yield Static("Look up a term or entry from this scene", id="look-up-heading", markup=False)
            yield SafeOptionList(*[Option(Text(title), id=ref) for ref, title in self.refs], id="look-up-list")

    def on_mount(self) -> None:
        options = self.query_one(SafeOptionList)
        options.highlighted = 0
        options.focus()

    def on_option_list_option_selected(self, event: SafeOptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)
