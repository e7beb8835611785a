"""The Textual reader: the app, the saved reading and settings, and the keys that work everywhere."""

from __future__ import annotations

from pathlib import Path

from textual.app import App
from textual.binding import Binding
from textual.command import Provider
from textual.theme import Theme

from engine.reading.saves import SaveStore
from engine.reading.session import Session
from engine.story.model import Story
from engine.tui.prose import ProseRenderer
from engine.tui.screens.title import TitleScreen
from engine.tui import textual_fixes
from engine.tui.settings import Settings
from engine.tui.widgets.size_notice import MIN_HEIGHT, MIN_WIDTH

textual_fixes.apply()

WIDE = 110
"""From this width the side panel sits beside the scene; below it, it folds away behind p/F2."""


def _reader_commands() -> type[Provider]:
    """The palette's reader commands, imported when the palette first opens (start-up is a budget)."""
    from engine.tui.commands import ReaderCommands

    return ReaderCommands


class KalbajarApp(App[int]):
    """Reads one story; the reading is saved after every move and continues next time."""

    CSS_PATH = "app.tcss"
    HORIZONTAL_BREAKPOINTS = [(0, "-too-narrow"), (MIN_WIDTH, "-narrow"), (WIDE, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-too-short"), (MIN_HEIGHT, "-tall")]
    COMMANDS = App.COMMANDS | {_reader_commands}
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", tooltip="Quit; the reading is already saved", priority=True,
                id="quit"),
        Binding("f1,question_mark", "help", "Help", tooltip="Every key, explained", id="help"),
        Binding("f8", "screenshot", "Screenshot", show=False, tooltip="Save an SVG screenshot", id="screenshot"),
    ]

    def __init__(self, story: Story, save_dir: Path, *, fresh: bool = False) -> None:
        super().__init__()
        self.story = story
        self.save_dir = save_dir
        self.fresh = fresh
        self.store = SaveStore(save_dir, story)
        restored = self.store.restore()
        self.restore_messages = restored.messages
        """What the reader must be told about the saved reading (one kept aside, scenes gone)."""
        self.saved_session: Session | None = None if fresh else restored.session
        """The reading found on disk, which Continue and Chapters open."""
        self.session: Session = self.saved_session or Session(story)
        """The reading on screen."""
        self.renderer = ProseRenderer(story)
        self.note_answers: dict[str, str] = {}
        """Scene id -> 'full' or 'summary': how the reader answered its content note, this session."""
        self._save_failed = False
        self.settings = Settings.load(save_dir)
        if self.settings.theme in self.available_themes:
            self.theme = self.settings.theme

    def on_mount(self) -> None:
        self.title = self.story.title
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        for message in self.restore_messages:
            self.notify(message, title="Saved reading", severity="warning", timeout=30, markup=False)
        if self.fresh:
            from engine.tui.screens.reading import ReadingScreen

            self.push_screen(ReadingScreen())
        else:
            self.push_screen(TitleScreen())

    def start_reading(self, session: Session) -> None:
        """Leave the title screen for the reading."""
        self.session = session
        self.note_answers.clear()
        self.save()
        from engine.tui.screens.reading import ReadingScreen

        self.switch_screen(ReadingScreen())

    def save(self) -> None:
        """Autosave; a failure is told once and the reading goes on."""
        try:
            self.store.write(self.session)
        except OSError as error:
            if not self._save_failed:
                self.notify(f"Your reading could not be saved to {self.store.path}: {error.strerror or error}.",
                            title="Not saved", severity="error", timeout=30, markup=False)
            self._save_failed = True
        else:
            self._save_failed = False

    def _remember_theme(self, theme: Theme) -> None:
        if theme.name != self.settings.theme:
            self.settings.theme = theme.name
            try:
                self.settings.save(self.save_dir)
            except OSError:
                self.notify("The theme could not be remembered.", severity="warning", timeout=5)

    def action_help(self) -> None:
        from engine.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_screenshot(self) -> None:
        self.save_dir.mkdir(parents=True, exist_ok=True)
        path = self.save_screenshot(path=str(self.save_dir))
        self.notify(f"Saved {path}", title="Screenshot", timeout=5, markup=False)


def run_app(story: Story, save_dir: Path, fresh: bool = False) -> int:
    """Run the reader until the reader quits; returns the exit status."""
    app = KalbajarApp(story, save_dir, fresh=fresh)
    app.run()
    return app.return_code or 0
