"""The Textual reader: the app, the saved reading and settings, and the keys that work everywhere."""

from __future__ import annotations

import asyncio
import gc
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import App
from textual.binding import Binding
from textual.command import Provider
from textual.theme import Theme

from engine.reading.save_location import save_path
from engine.story.cover import Cover
from engine.tui import textual_fixes
from engine.tui.screens.title import TitleScreen
from engine.tui.settings import Settings
from engine.tui.widgets.size_notice import MIN_HEIGHT, MIN_WIDTH

if TYPE_CHECKING:
    from textual.timer import Timer

    from engine.reading.saves import Restored, SaveStore
    from engine.reading.session import Session
    from engine.story.diagnostics import Diagnostic
    from engine.story.model import Story
    from engine.tui.prose import ProseRenderer

textual_fixes.apply()

WIDE = 110
"""From this width the side panel sits beside the scene; below it, it folds away behind p/F2."""

TALL = 30
"""From this height the title screen holds the chapter list and the attribution together."""

COLLECT_AFTER = 0.05
"""Seconds after a move before the garbage collector runs: the next scene is painted by then."""


def _reader_commands() -> type[Provider]:
    """The palette's reader commands, imported when the palette first opens (start-up is a budget)."""
    from engine.tui.commands import ReaderCommands

    return ReaderCommands


class KalbajarApp(App[int]):
    """Reads one story; the reading is saved after every move and continues next time.

    Given a loaded story, the app opens it at once.  Given only its cover, it
    shows the title screen first and loads the story in a thread behind it (the
    title screen waits for it if the reader is quicker); a story that turns out
    broken closes the app with ``story_errors`` set, for the caller to report.
    """

    CSS_PATH = "app.tcss"
    HORIZONTAL_BREAKPOINTS = [(0, "-too-narrow"), (MIN_WIDTH, "-narrow"), (WIDE, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-too-short"), (MIN_HEIGHT, "-short"), (TALL, "-tall")]
    COMMANDS = App.COMMANDS | {_reader_commands}
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", tooltip="Quit; the reading is already saved", priority=True,
                id="quit"),
        Binding("f1,question_mark", "help", "Help", tooltip="Every key, explained", id="help"),
        Binding("f8", "screenshot", "Screenshot", show=False, tooltip="Save an SVG screenshot", id="screenshot"),
    ]

    def __init__(self, opening: Story | Cover, save_dir: Path, *, fresh: bool = False) -> None:
        super().__init__()
        self._opening = opening
        self.cover = opening if isinstance(opening, Cover) else Cover.of(opening)
        self.save_dir = save_dir
        self.fresh = fresh
        self.story_errors: list[Diagnostic] = []
        """Why the story could not be read, when it was found broken while the title screen showed."""
        self._story: Story | None = None
        self._opened = asyncio.Event()
        self.saved_session: Session | None = None
        """The reading found on disk, which Continue and Chapters open."""
        self.session: Session
        """The reading on screen (set once the story is open)."""
        self.store: SaveStore
        self.renderer: ProseRenderer
        self.note_answers: dict[str, str] = {}
        """Scene id -> 'full' or 'summary': how the reader answered its content note, this session."""
        self._save_failed = False
        self._collect_timer: Timer | None = None
        self.settings = Settings.load(save_dir)
        if self.settings.theme in self.available_themes:
            self.theme = self.settings.theme

    @property
    def story(self) -> Story:
        if self._story is None:
            raise RuntimeError("the story is not open yet: await story_opened() first")
        return self._story

    @property
    def may_continue(self) -> bool:
        """Whether there is a saved reading to continue (before the story opens: whether a save exists)."""
        if self._story is None:
            return not self.fresh and save_path(self.save_dir, self.cover.id).is_file()
        return self.saved_session is not None

    async def story_opened(self) -> None:
        """Return once the story is open (at once, unless it is still loading)."""
        await self._opened.wait()

    def on_mount(self) -> None:
        self.title = self.cover.title
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        if self.settings.problem:
            self.notify(self.settings.problem, title="Settings", severity="warning", timeout=10, markup=False)
        if not self.fresh:
            self.push_screen(TitleScreen())
        if isinstance(self._opening, Cover):
            # After the first paint: loading holds the interpreter, and the title screen comes first.
            self.call_after_refresh(self._load, self._opening)
        else:
            self._open(self._opening, self._restore(self._opening))

    @work(thread=True, name="load the story")
    def _load(self, cover: Cover) -> None:
        """Load, check and restore off the UI thread; the title screen is already up."""
        from engine.story.lint import load_checked

        story, errors = load_checked(cover.folder)
        if story is None:
            self.call_from_thread(self._refuse, errors)
        else:
            self.call_from_thread(self._open, story, self._restore(story))

    def _restore(self, story: Story) -> Restored:
        """The saved reading of ``story``, if any (the save modules are imported here, after the first paint)."""
        from engine.reading.saves import SaveStore

        self.store = SaveStore(self.save_dir, story)
        return self.store.restore()

    def _refuse(self, errors: list[Diagnostic]) -> None:
        self.story_errors = errors
        self.exit(return_code=1)

    def _open(self, story: Story, restored: Restored) -> None:
        from engine.reading.session import Session
        from engine.tui.prose import ProseRenderer

        self._story = story
        self.cover = Cover.of(story)  # the same as the one shown, unless story.yaml changed meanwhile
        self.title = self.cover.title
        self.renderer = ProseRenderer(story)
        self.saved_session = None if self.fresh else restored.session
        self.session = self.saved_session or Session(story)
        for message in restored.messages:
            self.notify(message, title="Saved reading", severity="warning", timeout=30, markup=False)
        self._opened.set()
        if self.fresh:
            from engine.tui.screens.reading import ReadingScreen

            self.push_screen(ReadingScreen())
        elif isinstance(self.screen, TitleScreen):
            self.screen.show_opened_story()

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

    def collect_garbage_soon(self) -> None:
        """Run the cyclic garbage collector just after the next paint, while the reader reads.

        A full collection walks every object in the app (about 60 ms here). Left to
        itself Python ran one during every few choices, and the reader waited for the
        next scene that much longer; run here, it costs nothing the reader notices,
        and the garbage of closed screens goes sooner.
        """
        if self._collect_timer is not None:
            self._collect_timer.stop()
        self._collect_timer = self.set_timer(COLLECT_AFTER, gc.collect)

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
