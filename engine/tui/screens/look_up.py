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

    One dialog serves every look-up: the reading screen keeps it installed
    (``kept``) and offers it the scene's names each time it opens.  Textual
    removes a dialog that is not installed once it has closed, and then lays out
    and paints the whole screen beneath again: a frame after the one that showed
    the entry.
    """

    CSS_PATH = "../dialogs.tcss"

    BINDINGS = [
        Binding("escape,g", "dismiss(None)", N_("Cancel"), tooltip=N_("Back to the reading"), id="look-up-cancel"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.refs: list[tuple[str, str]] = []
        """(ref, title) for each thing named, in the order met."""
        self.open_ref: Callable[[str], None] | None = None
        """Opens the chosen ref behind the dialog, before it closes."""

    def offer(self, refs: list[tuple[str, str]], open_ref: Callable[[str], None]) -> None:
        """What the dialog lists the next time it opens, and what opens the one chosen."""
        self.refs, self.open_ref = refs, open_ref

    def compose(self) -> ComposeResult:
        with Vertical(id="look-up-box", classes="dialog"):
            yield Static(classes="dialog-heading", markup=False)
            yield OptionList(id="look-up-list")
        yield from self.compose_edges()

    def on_screen_resume(self) -> None:
        self.query_one(".dialog-heading", Static).update(_("Look up a term or entry"))  # in today's language
        options = self.query_one(OptionList)
        options.set_options(Option(Text(title), id=ref) for ref, title in self.refs)
        options.highlighted = 0
        self.set_focus(options)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None and self.open_ref is not None:
            self.open_ref(event.option.id)
        self.dismiss(None)
