"""The Textual reader: a thin app that owns the kept readings and hands each screen what it shows.

Screens never reach into the app for state: the title screen is given the
story's cover and, once the story has loaded, its shelf of readings; the
reading screen is given the open ``Reading``.  They tell the app what the
reader chose with messages, and the app opens, begins or deletes readings.
"""

from __future__ import annotations

import asyncio
import os
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.filter import ANSIToTruecolor, LineFilter
from textual.screen import Screen
from textual.theme import Theme

from engine.i18n import N_, _, language_name, use_language
from engine.story.cover import Cover
from engine.story.languages import available_languages
from engine.tui.heap import LOOK_EVERY, PauseCollector, settle_session
from engine.tui.screens.base import MIN_HEIGHT, MIN_WIDTH, ReaderScreen, SizeGuard, kept
from engine.tui.screens.title import TitleScreen
from engine.tui.settings import Settings

MAP_SCREEN = "map"
"""The name the full-screen map is installed under, kept between openings."""

HELP = "help"
"""The name the help screen is installed under, kept between openings."""

if TYPE_CHECKING:
    from engine.reading.reading import Reading
    from engine.reading.readings import Readings
    from engine.story.diagnostics import Diagnostic
    from engine.story.model import Scene, Story
    from engine.tui.screens.map_screen import MapScreen


def _reader_commands():  # type: ignore[no-untyped-def]
    """The palette's story commands, imported when the palette first opens (start-up is a budget)."""
    from engine.tui.commands import StoryCommands

    return StoryCommands


class KalbajarApp(App[int]):
    """Reads one story; every reading is saved after every move and can be continued.

    Given a loaded story, the app opens it at once.  Given only its cover, it
    shows the title screen first and loads the story in a thread behind it; a
    story that turns out broken closes the app with ``story_errors`` set, for
    the caller to report.
    """

    CSS_PATH = "app.tcss"
    HORIZONTAL_BREAKPOINTS = [(0, "-too-narrow"), (MIN_WIDTH, "-narrow"), (80, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-too-short"), (MIN_HEIGHT, "-short"), (30, "-tall")]
    COMMANDS = App.COMMANDS | {_reader_commands}
    BINDINGS = [
        Binding(
            "ctrl+q", "quit", N_("Quit"), tooltip=N_("Quit; the reading is already saved"), priority=True, id="quit"
        ),
        Binding("f1,question_mark", "help", N_("Help"), key_display="?", tooltip=N_("Every key, explained"), id="help"),
        Binding("l", "language", N_("Language"), show=False, tooltip=N_("Read in another language"), id="language"),
        Binding(
            "f8", "screenshot", N_("Screenshot"), show=False, tooltip=N_("Save an SVG screenshot"), id="screenshot"
        ),
    ]

    def __init__(
        self,
        opening: Story | Cover,
        save_dir: Path,
        *,
        fresh: bool = False,
        number: int | None = None,
        lang: str = "en",
    ) -> None:
        super().__init__()
        self._opening = opening
        self.cover = opening if isinstance(opening, Cover) else Cover.of(opening)
        self.languages = available_languages(self.cover.folder)
        """English, then every language the story has a translation into (read once: keys ask often)."""
        self.save_dir = save_dir
        self.fresh = fresh
        """Begin a new reading at once (``kalbajar --new``) instead of showing the title screen."""
        self.number = number
        """Open this kept reading at once (``kalbajar --reading N``) instead of showing the title screen."""
        self.lang = lang
        """The language read in: ``en``, or one the story has a translation into (``kalbajar --lang``)."""
        use_language(lang)
        self.english: Story | None = None
        """The story as written, once loaded: each language is made from it."""
        self.story_errors: list[Diagnostic] = []
        """Why the story could not be read, when it was found broken while the title screen showed."""
        self.readings: Readings | None = None
        self.reading: Reading | None = None
        """The reading on screen, if any."""
        self._loaded = asyncio.Event()
        if "TEXTUAL_ANIMATIONS" not in os.environ:
            self.animation_level = "none"  # nothing moves in the reading path unless the reader's settings ask
        self.settings = Settings.load(save_dir)
        self._map_screen: MapScreen | None = None
        if self.settings.theme in self.available_themes:
            self.theme = self.settings.theme

    async def story_opened(self) -> None:
        """Return once the story has loaded (at once if it has)."""
        await self._loaded.wait()

    def get_line_filters(self) -> Sequence[LineFilter]:
        """Textual's line filters, less the one that turns ANSI colours into RGB.

        Everything the reader draws is in its theme's RGB colours already, and
        that filter keeps a second copy of every line it looks at: about a
        megabyte over a reading, and the time to make each copy on every
        move.  The no-colour filter stays; text marked dim is dimmed by the
        terminal.
        """
        return [
            line_filter for line_filter in super().get_line_filters() if not isinstance(line_filter, ANSIToTruecolor)
        ]

    def on_mount(self) -> None:
        self._ui_thread = threading.get_ident()
        self._loop = asyncio.get_running_loop()
        self.title = self.cover.title
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        self.set_interval(LOOK_EVERY, PauseCollector().look, name="collect garbage while the reader reads")
        if self.settings.problem:
            self.notify(self.settings.problem, title=_("Settings"), severity="warning", timeout=10, markup=False)
        if not self.fresh and self.number is None:
            self.push_screen(self._title_screen())
        if isinstance(self._opening, Cover):
            # After the first paint: loading holds the interpreter, and the title screen comes first.
            self.call_after_refresh(self._load, self._opening)
        else:
            self._opened(self._opening)

    def _title_screen(self) -> TitleScreen:
        return TitleScreen(self.cover, readings_found=self._readings_found(), languages=self.languages)

    def _readings_found(self) -> int:
        """Before the story loads: how many readings of it are kept (for the title screen's menu)."""
        from engine.reading.readings import reading_files

        return reading_files(self.save_dir, self.cover.id)

    @work(thread=True, name="load the story")
    def _load(self, cover: Cover) -> None:
        """Load and check off the UI thread; the title screen is already up.

        The reading screen's modules are imported here too: not before the
        title screen is drawn (start-up is a budget), nor when the reader
        chooses a reading.
        """
        import engine.tui.screens.reading  # noqa: F401
        from engine.story.lint import load_checked

        story, errors = load_checked(cover.folder)
        if story is None:
            self.call_from_thread(self._refuse, errors)
        else:
            self.call_from_thread(self._opened, story)

    def _refuse(self, errors: list[Diagnostic]) -> None:
        self.story_errors = errors
        self.exit(return_code=1)

    def _opened(self, story: Story) -> None:
        from engine.reading.readings import Readings

        self.english = story
        story = self._in_language(story)
        self.cover = Cover.of(story)  # the same as the one shown, unless story.yaml changed meanwhile
        self.title = self.cover.title
        self.readings = Readings(self.save_dir, story)
        settle_session()
        self._loaded.set()
        if self.fresh:
            self.begin_reading()
        elif self.number is not None:
            self._open_number(self.number)
        else:
            self._show_shelf()

    def _open_number(self, number: int) -> None:
        """``--reading N``: that reading, or the title screen saying there is none."""
        assert self.readings is not None
        kept = next((k for k in self.readings.shelf().kept if k.number == number), None)
        if kept is not None:
            self.continue_reading(TitleScreen.Continue(kept))
            return
        self.notify(_("There is no reading {number}.").format(number=number), severity="warning", markup=False)
        self.push_screen(self._title_screen())
        self.call_after_refresh(self._show_shelf)

    def _show_shelf(self) -> None:
        """Tell the title screen which readings are kept (and what could not be opened)."""
        if self.readings is None:
            return
        shelf = self.readings.shelf()
        for message in shelf.messages:
            self.notify(message, title=_("Saved readings"), severity="warning", timeout=30, markup=False)
        for screen in self.screen_stack:
            if isinstance(screen, TitleScreen):
                screen.show_shelf(self.readings.story, shelf)

    # what the title screen and the reading screen ask for

    @on(TitleScreen.Continue)
    def continue_reading(self, event: TitleScreen.Continue) -> None:
        if self.readings is None:
            return
        reading, note = self.readings.open(event.kept, self._tell_save_problem, in_background=True)
        if event.moment is not None:
            reading.go(event.moment)
        self._read(reading)
        if note:
            self.notify(note, title=_("Reading open elsewhere"), timeout=15, markup=False)

    @on(TitleScreen.Begin)
    def begin_reading(self) -> None:
        if self.readings is None:
            return
        try:
            reading = self.readings.begin(self._tell_save_problem, in_background=True)
        except OSError as error:
            self.notify(
                _("A new reading could not be begun: {reason}").format(reason=error), severity="error", markup=False
            )
            return
        self._read(reading)

    @on(TitleScreen.Delete)
    def delete_reading(self, event: TitleScreen.Delete) -> None:
        from engine.reading.readings import ReadingLocked

        if self.readings is None:
            return
        try:
            self.readings.delete(event.kept.number)
        except ReadingLocked:
            self.notify(
                _("Reading {number} is open in another window; it was not deleted.").format(number=event.kept.number),
                severity="warning",
                markup=False,
            )
        except OSError as error:
            self.notify(
                _("Reading {number} could not be deleted: {reason}").format(number=event.kept.number, reason=error),
                severity="error",
                markup=False,
            )
        self._show_shelf()

    def on_reading_screen_to_title(self) -> None:
        """Close the reading and show the title screen, with the shelf as it now stands."""
        self._close_reading()
        self.switch_screen(self._title_screen())
        self.call_after_refresh(self._show_shelf)

    def _read(self, reading: Reading) -> None:
        from engine.tui.prose import ProseRenderer
        from engine.tui.screens.reading import ReadingScreen

        self._close_reading()
        self.reading = reading
        screen = ReadingScreen(reading, ProseRenderer(reading.story))
        if isinstance(self.screen, TitleScreen):
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def _close_reading(self) -> None:
        if self.reading is not None:
            self.reading.close()
            self.reading = None

    def _tell_save_problem(self, message: str) -> None:
        """Told from the thread that writes saves, or from this one.

        Without an event loop (before the app runs, or once it has stopped) there is no screen to tell it
        on; the reading still keeps the problem.
        """

        def tell() -> None:
            self.notify(message, title=_("Not saved"), severity="error", timeout=30, markup=False)

        if threading.get_ident() == self._ui_thread:
            tell()
        elif self._loop is not None:  # not call_from_thread: that waits, and the app may be waiting
            self._loop.call_soon_threadsafe(tell)

    # the language

    def _in_language(self, story: Story) -> Story:
        """The English ``story`` in the reader's language; a translation's problems are told once."""
        if self.lang == "en":
            return story
        from engine.story.locale import in_language

        localised = in_language(story, self.lang)
        if localised.problems:
            self.notify(
                _(
                    "The translation has {count} problems, so some strings are in English; "
                    "'kalbajar validate --lang {lang}' shows them."
                ).format(count=len(localised.problems), lang=self.lang),
                title=_("Translation"),
                severity="warning",
                timeout=15,
                markup=False,
            )
        return localised.story

    @on(TitleScreen.ChooseLanguage)
    def action_language(self) -> None:
        """Ask which language to read in (the palette's and the title screen's "Language")."""
        from engine.tui.screens.language import LanguageScreen

        if not isinstance(self.screen, LanguageScreen):
            self.push_screen(LanguageScreen(self.languages, self.lang), self._language_chosen)

    def _language_chosen(self, lang: str | None) -> None:
        if lang is not None and lang != self.lang:
            self.run_worker(self.switch_language(lang), exclusive=True, group="language")

    async def switch_language(self, lang: str) -> None:
        """Read on in ``lang`` from the same moment: the story, the title screen and every key change with it.

        The choice is remembered for the next start (``--lang`` goes before it).
        Screens over the reading (an entry, the map) are closed: they were
        drawn in the other language.
        """
        self.lang = lang
        use_language(lang)
        self.settings.language = lang
        try:
            self.settings.save(self.save_dir)
        except OSError:
            self.notify(_("The language could not be remembered."), severity="warning", timeout=5)
        if self.english is None:  # still loading: it opens in the new language
            return
        story = self._in_language(self.english)
        self.cover = Cover.of(story)
        self.title = self.cover.title
        if self.readings is not None:
            self.readings.story = story
        while len(self.screen_stack) > 2:
            await self.pop_screen()
        if self.reading is not None:
            from engine.tui.prose import ProseRenderer
            from engine.tui.screens.reading import ReadingScreen

            self.reading.switch_story(story)
            await self.switch_screen(ReadingScreen(self.reading, ProseRenderer(story)))
        else:
            await self.switch_screen(self._title_screen())
            self._show_shelf()

    # everywhere

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """While the terminal is too small, only help and quit do anything."""
        if isinstance(self.screen, SizeGuard) and self.screen.too_small:
            return action in ("help", "quit")
        if action == "language":
            return len(self.languages) > 1
        if action == "screenshot":
            return not self.is_web  # in a browser, each press would be a file on the server's disk
        return True

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Textual's own commands (one "Theme" command opens every theme), then every key of the screen."""
        for command in super().get_system_commands(screen):
            # In a browser, Textual's own "Screenshot" would offer a download this server does not serve.
            if not (self.is_web and command.title == "Screenshot"):
                yield command
        yield SystemCommand(_("Help"), _("Every key, explained"), self.action_help)
        if len(self.languages) > 1:
            yield SystemCommand(
                _("Language"),
                _("Read in another language: {languages}").format(
                    languages=", ".join(language_name(lang) for lang in self.languages)
                ),
                self.action_language,
            )
        if isinstance(screen, ReaderScreen):
            yield from screen.commands()

    def open_map(self, story: Story, scene: Scene | None) -> None:
        """The full-screen map of ``scene``: one map screen, kept between openings, per story read.

        Building the screen's widgets and styles is most of what opening it costs
        (about 100 ms at 120x40); kept, it only draws the new scene's map.
        """
        from engine.tui.screens.map_screen import MapScreen

        kept = self._map_screen
        if kept is None or kept.story is not story:
            if kept is not None:
                self.uninstall_screen(kept)
                kept.remove()
            kept = self._map_screen = MapScreen(story, scene, braille=self.fine_map_lines)
            self.install_screen(kept, MAP_SCREEN)
        else:
            kept.show_scene(scene, braille=self.fine_map_lines)
        self.push_screen(kept)

    @property
    def fine_map_lines(self) -> bool:
        """Braille lines on the map: the reader's setting, and never without colour (NO_COLOR)."""
        return self.settings.fine_lines and not os.environ.get("NO_COLOR")

    def on_map_screen_lines_changed(self, message: MapScreen.LinesChanged) -> None:
        """Remember the map's lines with the theme; the next map opens the way the reader left this one."""
        self.settings.fine_lines = message.braille
        try:
            self.settings.save(self.save_dir)
        except OSError:
            self.notify("The choice of lines could not be remembered.", severity="warning", timeout=5)

    def _remember_theme(self, theme: Theme) -> None:
        if theme.name != self.settings.theme:
            self.settings.theme = theme.name
            try:
                self.settings.save(self.save_dir)
            except OSError:
                self.notify(_("The theme could not be remembered."), severity="warning", timeout=5)

    def action_help(self) -> None:
        """Help over whatever is showing; one help screen, kept (see ``HelpScreen``)."""
        from engine.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(kept(self, HELP, HelpScreen))

    def action_screenshot(self, filename: str | None = None, path: str | None = None) -> None:
        """F8: an SVG of the screen beside the readings; a folder that cannot be written is told, not a crash."""
        try:
            self.save_dir.mkdir(parents=True, exist_ok=True)
            path = self.save_screenshot(filename, path=path or str(self.save_dir))
        except OSError as error:
            self.notify(
                _("The screenshot could not be saved: {reason}").format(reason=error.strerror or error),
                severity="error",
                markup=False,
            )
            return
        self.notify(_("Saved {path}").format(path=path), title=_("Screenshot"), timeout=5, markup=False)

    async def action_quit(self) -> None:
        self._close_reading()
        self.exit()
