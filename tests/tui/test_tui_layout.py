"""Layout around the prose: the scene 60-76 characters wide, the panel beside or folded, small terminals safe."""

from __future__ import annotations

import pytest
from on_screen import find_ref

from engine.tui.screens.base import SizeNotice
from engine.tui.screens.reading import ReadingScreen
from engine.tui.widgets.choice_list import ChoiceList
from engine.tui.widgets.panel_line import PanelLine
from engine.tui.widgets.prose_view import ProseView
from engine.tui.widgets.side_panel import SidePanel


def measure(app) -> int:
    """The width of the scene's lines of text, in cells."""
    return app.screen.query_one("#scene", ProseView).scrollable_content_region.width


@pytest.mark.parametrize("width", [100, 120, 140, 200])
async def test_beside_the_panel_the_scene_is_60_to_76_wide_and_the_panel_takes_the_rest(make_app, width: int) -> None:
    app = make_app(fresh=True)
    async with app.run_test(size=(width, 40)) as pilot:
        await pilot.pause()
        panel = app.screen.query_one(SidePanel)
        assert 60 <= measure(app) <= 76
        assert panel.region.x >= app.screen.query_one("#column").region.right
        assert panel.region.right == width


@pytest.mark.parametrize("width", [80, 99, 200])
async def test_with_the_panel_closed_the_scene_keeps_its_measure_and_the_panel_is_one_line(
    make_app, width: int
) -> None:
    app = make_app(fresh=True)
    async with app.run_test(size=(width, 30)) as pilot:
        if app.screen.panel_open:
            await pilot.press("p")
        await pilot.pause()
        assert 60 <= measure(app) <= 76
        assert app.screen.query_one(SidePanel).region.width == 0
        line = app.screen.query_one(PanelLine)
        assert line.region.height == 1 and line.region.width == width


async def test_on_a_narrow_terminal_an_open_panel_covers_the_scene_and_escape_folds_it(make_app) -> None:
    app = make_app(fresh=True)
    async with app.run_test(size=(80, 24)) as pilot:
        panel = app.screen.query_one(SidePanel)
        assert panel.region.width == 0
        await pilot.press("p")
        assert panel.region.width == 80
        assert app.screen.query_one(ChoiceList).region.width == 0
        await pilot.press("escape")
        assert panel.region.width == 0
        assert app.screen.query_one(ChoiceList).has_focus
        await pilot.press("f2")
        assert panel.region.width == 80
        await pilot.press("f2")
        assert panel.region.width == 0


async def test_the_panel_stays_as_the_reader_left_it_across_resizes(make_app) -> None:
    app = make_app(fresh=True)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, ReadingScreen) and not screen.panel_open
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert not screen.panel_open and screen.query_one(SidePanel).region.width == 0
        await pilot.press("p")
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert screen.panel_open and screen.query_one(SidePanel).region.width == 80
        await pilot.press("p")
        await pilot.resize_terminal(200, 50)
        await pilot.pause()
        assert not screen.panel_open and screen.query_one(SidePanel).region.width == 0
        assert not (screen.has_class("-panel-open") and screen.has_class("-panel-closed"))


async def test_on_a_narrow_terminal_a_clicked_term_opens_the_panel(make_app) -> None:
    app = make_app(fresh=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.click(offset=find_ref(app, "glossary/kelbajar"))
        panel = app.screen.query_one(SidePanel)
        assert panel.region.width == 80 and panel.open_tab == "glossary"


@pytest.mark.parametrize("fresh", [True, False], ids=["reading", "title"])
async def test_below_the_minimum_only_the_size_notice_shows(make_app, fresh: bool) -> None:
    app = make_app(fresh=fresh)
    async with app.run_test(size=(50, 14)) as pilot:
        await pilot.pause()
        notice = app.screen.query_one(SizeNotice)
        assert notice.region.width == 50
        shown = [w for w in app.screen.children if w.display]
        assert shown == [notice]
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert not notice.display


async def test_while_the_terminal_is_too_small_keys_do_nothing_but_help_and_quit(make_app) -> None:
    app = make_app(fresh=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.resize_terminal(50, 12)
        await pilot.pause()
        for key in ("1", "enter", "b", "h", "t", "m", "p", "g", "escape", "space", "ctrl+p", "2", "down", "enter"):
            await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, ReadingScreen)
        assert app.reading.session.scene.id == "overview" and app.reading.session.index == 0
        assert app.screen.panel_open
        await pilot.press("question_mark")
        from engine.tui.screens.help import HelpScreen

        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert app.screen.query_one(ChoiceList).has_focus  # the keyboard is given back
        await pilot.press("1")
        assert app.reading.session.scene.id == "embankment"


async def test_a_content_note_is_not_answered_behind_the_size_notice(make_app) -> None:
    from engine.tui.screens.content_note import ContentNoteScreen

    app = make_app(fresh=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        assert isinstance(app.screen, ContentNoteScreen)
        await pilot.resize_terminal(50, 12)
        await pilot.pause()
        await pilot.press("escape", "enter", "s", "c")
        assert isinstance(app.screen, ContentNoteScreen)
        assert "evacuation" not in app.reading.note_answers


@pytest.mark.parametrize("key", ["m", "t", "h"], ids=["map", "timeline", "history"])
async def test_every_screen_shows_the_size_notice_too(make_app, key: str) -> None:
    app = make_app(fresh=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press(key)
        await pilot.pause()
        screen = app.screen
        await pilot.resize_terminal(50, 14)
        await pilot.pause()
        notice = screen.query_one(SizeNotice)
        assert [w for w in screen.children if w.display] == [notice]


SIZES = [(80, 24), (60, 16), (59, 15), (40, 12), (20, 6), (4, 10), (300, 5), (5, 120), (120, 40)]


@pytest.mark.parametrize("opener", ["", "p", "h", "g", "t", "m", "question_mark"])
async def test_a_resize_sweep_never_raises(make_app, opener: str) -> None:
    """Down to 4 columns, on every screen, with the keys that once crashed Textual's OptionList."""
    app = make_app(fresh=True)
    async with app.run_test(size=(120, 40)) as pilot:
        if opener:
            await pilot.press(opener)
        for width, height in SIZES:
            await pilot.resize_terminal(width, height)
            await pilot.press("pageup", "pagedown")
        await pilot.press("escape")
        assert app.return_code is None
