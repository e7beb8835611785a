"""The strip of days, and the map and timeline wired into the reading screen."""

from __future__ import annotations

from on_screen import screen_text

from engine.tui.screens.reading import ReadingScreen
from engine.tui.widgets.side_panel import SidePanel


async def test_the_strip_marks_the_day_and_the_days_read(make_app) -> None:
    app = make_app(fresh=True)
    async with app.run_test(size=(120, 40)) as pilot:
        assert "▸before" in screen_text(app, "#strip")
        await pilot.press("1")
        strip = screen_text(app, "#strip")
        assert "▸27" in strip and " before" in strip
        await pilot.press("1")
        assert "▸28" in screen_text(app, "#strip")


async def test_t_opens_the_timeline_and_jumps_back(make_app) -> None:
    from engine.tui.screens.timeline import TimelineScreen

    app = make_app(fresh=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("1", "1")
        await pilot.press("t")
        assert isinstance(app.screen, TimelineScreen)
        app.screen.dismiss(0)
        await pilot.pause()
        assert isinstance(app.screen, ReadingScreen)
        assert app.reading.session.index == 0 and app.reading.session.scene.id == "overview"


async def test_the_map_is_a_tab_and_m_shows_it_full_screen(make_app) -> None:
    from engine.tui.screens.map_screen import MapScreen

    app = make_app(fresh=True)
    async with app.run_test(size=(120, 40)) as pilot:
        app.screen.query_one(SidePanel).show_tab("map")
        await pilot.pause()
        assert app.screen.query_one("#map-view").region.width > 0
        await pilot.press("m")
        assert isinstance(app.screen, MapScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, ReadingScreen)
