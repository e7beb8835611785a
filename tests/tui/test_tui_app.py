"""Help, the command palette, the remembered theme, NO_COLOR and screenshots."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from on_screen import find_ref, screen_text
from textual.app import App
from textual.binding import Binding
from textual.command import CommandList, CommandPalette
from textual.filter import ANSIToTruecolor, Monochrome, NoColor

import engine.tui.app as app_module
from engine.tui.app import KalbajarApp
from engine.tui.screens.confirm import ConfirmScreen
from engine.tui.screens.content_note import ContentNoteScreen
from engine.tui.screens.ending import EndingScreen
from engine.tui.screens.help import HELP_FILE, HelpScreen
from engine.tui.screens.language import LanguageScreen
from engine.tui.screens.look_up import LookUpScreen
from engine.tui.screens.map_screen import MapScreen
from engine.tui.screens.reading import ReadingScreen
from engine.tui.screens.timeline import TimelineScreen
from engine.tui.screens.title import TitleScreen
from engine.tui.screens.transcript import TranscriptScreen
from engine.tui.widgets.choice_list import ChoiceList
from engine.tui.widgets.side_panel import SidePanel

KEY_SHOWN_AS = {
    "question_mark": "?",
    "f1": "F1",
    "f2": "F2",
    "f8": "F8",
    "ctrl+q": "Ctrl+Q",
    "escape": "Escape",
    "backspace": "Backspace",
    "pageup": "PageUp",
    "pagedown": "PageDown",
    "enter": "Enter",
    "up": "↑",
    "down": "↓",
    "left": "←",
    "right": "→",
    "home": "Home",
    "end": "End",
    "slash": "/",
    "delete": "Delete",
    "plus": "+",
    "equals_sign": "=",
    "minus": "-",
}
KEY_SHOWN_AS.update({str(n): "1` … `9" for n in range(1, 10)})

READER_KEYS = [
    KalbajarApp,
    ReadingScreen,
    SidePanel,
    ChoiceList,
    TitleScreen,
    TranscriptScreen,
    HelpScreen,
    ContentNoteScreen,
    LookUpScreen,
    ConfirmScreen,
    EndingScreen,
    TimelineScreen,
    MapScreen,
    LanguageScreen,
]


def bindings_of(owner: type) -> list[Binding]:
    return [b for b in owner.BINDINGS if isinstance(b, Binding)]


@pytest.mark.parametrize("owner", READER_KEYS, ids=lambda owner: owner.__name__)
def test_every_binding_has_a_description_an_id_and_is_in_the_help(owner: type) -> None:
    help_text = HELP_FILE.read_text(encoding="utf-8")
    assert bindings_of(owner)
    for binding in bindings_of(owner):
        assert binding.description and binding.id, binding
        for key in binding.key.split(","):
            shown = KEY_SHOWN_AS.get(key, key)
            assert f"`{shown}`" in help_text, f"help.md does not mention `{shown}` ({binding.description})"


@pytest.mark.parametrize("key", ["f1", "question_mark"])
async def test_help_opens_and_closes(make_app, key: str) -> None:
    app = make_app(fresh=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press(key)
        assert isinstance(app.screen, HelpScreen)
        await pilot.pause()
        shown = "\n".join(_lines(block) for block in app.screen.query("#help-text *") if not block.children)
        assert "How to read" in shown and "Ctrl+Q" in shown and "`" not in shown
        await pilot.press("escape")
        assert isinstance(app.screen, ReadingScreen)


def _lines(widget) -> str:
    from textual.geometry import Region

    width, height = widget.outer_size
    return "\n".join(line.text for line in widget.render_lines(Region(0, 0, width, height)))


async def run_command(pilot, text: str) -> None:
    """Type ``text`` in the palette, wait for it to be the first hit (the search runs in a worker), run it."""
    await pilot.press("ctrl+p")
    palette = pilot.app.screen
    assert isinstance(palette, CommandPalette)
    await pilot.press(*text)
    hits = palette.query_one(CommandList)
    for _ in range(200):
        if hits.option_count and text in str(hits.get_option_at_index(0).prompt):
            break
        await pilot.pause(0.02)
    else:
        raise AssertionError(f"the palette never offered {text!r}")
    await pilot.press("enter")
    await pilot.pause()


async def test_the_palette_jumps_to_a_visited_scene(make_app) -> None:
    app = make_app(fresh=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("1", "1")
        await run_command(pilot, "Go to: The embankment")
        assert app.reading.session.scene.id == "embankment" and app.reading.session.index == 1


async def test_the_palette_opens_a_panel(make_app) -> None:
    app = make_app(fresh=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await run_command(pilot, "Open panel: Source")
        assert app.screen.query_one(SidePanel).open_tab == "source"


async def test_the_palette_looks_up_a_term(make_app) -> None:
    app = make_app(fresh=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("1")  # the embankment names Charektar: the term is met
        await run_command(pilot, "Glossary: Charektar")
        assert app.screen.query_one(SidePanel).open_tab == "glossary"
        assert "A village on the Tartar river" in screen_text(app, "#glossary-entry")


async def test_a_theme_chosen_in_the_palette_is_remembered(make_app, save_dir: Path) -> None:
    app = make_app(fresh=True)
    async with app.run_test(size=(120, 40)) as pilot:
        assert app.theme != "nord"
        await run_command(pilot, "Theme")
        await pilot.press(*"nord")
        for _ in range(100):
            await pilot.pause(0.02)
            if app.screen.query(CommandList) and app.screen.query_one(CommandList).option_count:
                break
        await pilot.press("enter")
        await pilot.pause()
        assert app.theme == "nord"
    assert json.loads((save_dir / "settings.json").read_text())["theme"] == "nord"
    again = make_app(fresh=True)
    async with again.run_test(size=(120, 40)):
        assert again.theme == "nord"


async def test_an_unreadable_settings_file_gives_the_default_theme(make_app, example_story, save_dir: Path) -> None:
    save_dir.mkdir(parents=True, exist_ok=True)
    (save_dir / "settings.json").write_text("{not json")
    app = make_app(fresh=True)
    async with app.run_test(size=(120, 40)):
        assert app.theme == KalbajarApp(example_story, save_dir / "elsewhere").theme


async def test_no_color_is_respected(make_app, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(fresh=True)
    assert app.no_color
    assert any(isinstance(f, (NoColor, Monochrome)) for f in app.get_line_filters())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("1")
        assert app.reading.session.scene.id == "embankment"


async def test_lines_are_drawn_once_not_copied_again_to_turn_ansi_colours_into_rgb(make_app) -> None:
    app = make_app(fresh=True)
    async with app.run_test(size=(120, 40)):
        assert app.get_line_filters() == []  # the reader's theme colours are RGB already
        assert any(isinstance(f, ANSIToTruecolor) for f in App.get_line_filters(app))  # Textual would copy


async def test_f8_saves_a_screenshot(make_app, save_dir: Path) -> None:
    app = make_app(fresh=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f8")
        await pilot.pause()
    shots = list(save_dir.glob("*.svg"))
    assert len(shots) == 1 and "Four directions" in shots[0].read_text().replace("&#160;", " ")


async def test_in_a_browser_f8_writes_nothing_on_the_server(example_story, save_dir: Path) -> None:
    class Served(KalbajarApp):
        CSS_PATH = Path(app_module.__file__).parent / "app.tcss"  # a subclass finds its CSS beside its own module

        @property
        def is_web(self) -> bool:
            return True

    app = Served(example_story, save_dir, fresh=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f8")
        await pilot.pause()
        titles = [command.title for command in app.get_system_commands(app.screen)]
    assert not list(save_dir.glob("*.svg"))
    assert "Screenshot" not in titles and "Help" in titles


async def test_a_new_theme_redraws_the_prose_in_its_colours(make_app) -> None:
    app = make_app(fresh=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.click(offset=find_ref(app, "background/district"))

        def colours():
            cells = [find_ref(app, "glossary/kelbajar", where) for where in ("#scene", "#background-entry")]
            return [app.screen.get_style_at(cell.x, cell.y).color for cell in cells]

        before = colours()
        app.theme = "textual-light"
        await pilot.pause()
        await pilot.pause()
        after = colours()
        assert after[0] != before[0] and after[1] != before[1]


@pytest.mark.parametrize("kind", ["fifo", "folder", "link", "huge", "escape"])
async def test_a_settings_file_that_is_not_one_is_ignored_with_a_word(make_app, save_dir: Path, kind: str) -> None:
    """A FIFO settings.json stopped the reader from ever starting: opening it waits for a writer."""
    import os

    save_dir.mkdir(parents=True, exist_ok=True)
    path = save_dir / "settings.json"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "folder":
        path.mkdir()
    elif kind == "link":
        (save_dir / "elsewhere.json").write_text('{"theme": "nord"}')
        path.symlink_to(save_dir / "elsewhere.json")
    elif kind == "huge":
        path.write_text('{"theme": "nord", "pad": "' + "x" * 100_000 + '"}')
    else:
        path.write_text('{"theme": "nord\\u001b]0;owned\\u0007"}')
    app = make_app(fresh=True)
    async with app.run_test(size=(120, 40)):
        assert app.theme == KalbajarApp(app.readings.story, save_dir / "elsewhere").theme
        [notice] = [n for n in app._notifications if n.title == "Settings"]
        assert str(path) in notice.message and "\x1b" not in notice.message
    if kind != "folder":
        app.settings.theme = "nord"
        app.settings.save(save_dir)
        assert not path.is_symlink() and json.loads(path.read_text())["theme"] == "nord"


async def test_the_map_lines_chosen_with_l_are_remembered_and_never_braille_without_colour(
    make_app, save_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from engine.tui.widgets.map_view import MapCanvas

    app = make_app(fresh=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("m")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MapScreen) and screen.braille  # finer lines by default, where colour shows
        await pilot.press("d")
        await pilot.pause()
        assert not screen.query_one(MapCanvas).braille
    assert json.loads((save_dir / "settings.json").read_text())["fine_lines"] is False
    again = make_app(fresh=True)
    async with again.run_test(size=(120, 40)) as pilot:
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(again.screen, MapScreen) and not again.screen.braille
    (save_dir / "settings.json").write_text(json.dumps({"fine_lines": True}))
    monkeypatch.setenv("NO_COLOR", "1")
    plain = make_app(fresh=True)
    async with plain.run_test(size=(120, 40)) as pilot:
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(plain.screen, MapScreen) and not plain.screen.braille
