"""Choose the language to read in: every language the story has, each named in itself."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from engine.i18n import N_, _, language_name
from engine.tui.screens.base import ReaderModal


class LanguageScreen(ReaderModal[str | None]):
    """Dismisses with the chosen language's code, or None; the one in use is marked."""

    CSS_PATH = "../dialogs.tcss"

    BINDINGS = [Binding("escape", "dismiss(None)", N_("Cancel"), tooltip=N_("Keep the language"), id="language-cancel")]

    def __init__(self, languages: tuple[str, ...], current: str) -> None:
        super().__init__()
        self.languages = languages
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="language-box", classes="dialog"):
            yield Static(_("Read in"), classes="dialog-heading", markup=False)
            yield OptionList(*[Option(self._label(lang), id=lang) for lang in self.languages], id="language-list")
        yield from self.compose_edges()

    def _label(self, lang: str) -> Text:
        """The language's own name, and its code; the one in use marked as such."""
        label = Text.assemble((language_name(lang), "bold"), f"  {lang}")
        if lang == self.current:
            label.append("  · " + _("in use"), "dim")
        return label

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = self.languages.index(self.current) if self.current in self.languages else 0
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)
