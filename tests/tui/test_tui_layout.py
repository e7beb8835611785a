"""Small terminals: the side panel folds away at 80x24, and below the minimum only a notice shows."""

from __future__ import annotations

import pytest
from conftest import find_ref

from engine.tui.screens.reading import ReadingScreen
from engine.tui.widgets.choice_list import ChoiceList
from engine.tui.widgets.side_panel import SidePanel
from engine.tui.widgets.size_notice import SizeNotice


async def test_at_120x40_the_panel_sits_beside_the_scene(make_app) -> None:
    app = make_app(fresh=True)
    async with app.run_test(size=(120, 40)) as pilot:
        panel = app.screen.query_one(SidePanel)
        scene = app.screen.query_one("#scene")
        assert panel.display and panel.region.width > 0
        assert scene.region.right <= panel.region.x
        await pilot.press("p")
        assert panel.region.width == 0
        await pilot.press("p")
        assert panel.region.width > 0


async def test_at_80x24_the_panel_folds_away_and_p_unfolds_it(make_app) -> None:
    app = make_app(fresh=True)
    async with app.run_test(size=(80, 24)) as pilot:
        panel = app.screen.query_one(SidePanel)
        assert panel.region.width == 0
        assert app.screen.query_one(ChoiceList).region.width > 0
        await pilot.press("p")
        assert panel.region.width == 80
        assert panel.query_one("#background-list").has_focus
        await pilot.press("escape")
        assert panel.region.width == 0
        assert app.screen.query_one(ChoiceList).has_focus
        await pilot.press("f2")
        assert panel.region.width == 80
        await pilot.press("f2")
        assert panel.region.width == 0


async def test_at_80x24_a_clicked_term_unfolds_the_panel(make_app) -> None:
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


@pytest.mark.parametrize("key", ["m", "t"], ids=["map", "timeline"])
async def test_the_map_and_timeline_show_the_size_notice_too(make_app, key: str) -> None:
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


SIZES = [(80, 24), (60, 16), (59, 15), (40, 12), (20, 6), (4, 10), (1, 1), (300, 5), (5, 300), (120, 40)]


async def test_a_resize_sweep_never_raises(make_app) -> None:
    """Down to 20x6 and below, on every screen, with the keys that once crashed OptionList."""
    app = make_app(fresh=True)
    async with app.run_test(size=(120, 40)) as pilot:
        for opener in ("", "p", "h", "g", "question_mark"):
            if opener:
                await pilot.press(opener)
            for width, height in SIZES:
                await pilot.resize_terminal(width, height)
                await pilot.press("pageup", "pagedown")
            await pilot.press("escape")
        await pilot.press("escape")
        assert isinstance(app.screen, ReadingScreen)
        assert app.return_code is None
