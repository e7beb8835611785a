"""Help: the bundled help.md, every key of the reader, shown with Textual's own Markdown widget.

A translated help sits beside it as ``help.LANG.md``; a language without one reads the English.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Markdown

from engine.i18n import N_, current_language
from engine.tui.screens.base import ReaderModal

HELP_FILE = Path(__file__).with_name("help.md")


def help_file(lang: str) -> Path:
    """The help in ``lang`` if it has been translated, else the English."""
    translated = HELP_FILE.with_name(f"help.{lang}.md")
    return translated if translated.is_file() else HELP_FILE


class HelpScreen(ReaderModal[None]):
    """A dialog over whatever the reader was doing; Escape, F1, ? or q closes it.

    The app keeps one (``kept``): Textual's Markdown is a widget per block, and
    making them took most of half a second each time help opened.  Kept, it is
    only offered the reader's language again, and opens at its top.
    """

    CSS_PATH = "../help.tcss"
    BINDINGS = [Binding("escape,f1,q,question_mark", "dismiss(None)", N_("Close help"), id="help-close")]

    def __init__(self) -> None:
        super().__init__()
        self.language = current_language()
        """The language of the help shown."""

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield Markdown(help_file(self.language).read_text(encoding="utf-8"), id="help-text")
        yield from self.compose_edges()

    def on_mount(self) -> None:
        self.query_one("#help-box").focus()

    def on_screen_resume(self) -> None:
        if self.language != current_language():
            self.language = current_language()
            self.query_one(Markdown).update(help_file(self.language).read_text(encoding="utf-8"))
        self.query_one("#help-box").scroll_home(animate=False, immediate=True)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return True  # help is the one thing that works on a terminal too small for the rest
