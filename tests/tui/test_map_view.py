"""The map widget and the full-screen map, in a small app of their own."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.widget import Widget

import engine.tui
from engine.story.model import Scene, Story
from engine.tui.screens.map_screen import MapScreen
from engine.tui.widgets.map_view import MapCanvas, MapView

MAP_TCSS = Path(engine.tui.__file__).parent / "map.tcss"


@pytest.fixture
def story(map_story: Story) -> Story:
    return map_story


class MapApp(App[None]):
    """Just the map widget, as the side panel's Map tab holds it."""

    CSS_PATH = [MAP_TCSS]

    def __init__(self, story: Story, scene: Scene) -> None:
        super().__init__()
        self.story, self.scene = story, scene

    def compose(self) -> ComposeResult:
        yield MapView(id="map-view")

    def on_mount(self) -> None:
        self.query_one(MapView).show(self.story, self.scene)


class MapScreenApp(App[None]):
    """Opens the full-screen map at once, as the reader's ``m`` does."""

    CSS_PATH = [MAP_TCSS]

    def __init__(self, story: Story, scene: Scene) -> None:
        super().__init__()
        self.story, self.scene = story, scene

    def on_mount(self) -> None:
        self.push_screen(MapScreen(self.story, self.scene))


def shown(widget: Widget) -> str:
    """The plain text a widget shows."""
    return "\n".join(line.text for line in widget.render_lines(widget.content_region.reset_offset))


async def test_the_map_fills_its_room_and_marks_the_scene(story: Story) -> None:
    app = MapApp(story, story.scenes["fall"])
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        canvas = app.query_one(MapCanvas)
        drawing = canvas.drawing
        assert drawing is not None
        assert (drawing.canvas.columns, drawing.canvas.rows) == (canvas.size.width, canvas.size.height)
        assert [line.rstrip() for line in shown(canvas).split("\n")] == drawing.canvas.text().split("\n")
        assert "★" in shown(canvas)
        where = shown(app.query_one("#map-where"))
        assert "Kalbajar" in where and "3 April 1993" in where and "lead/2" in where
        legend = shown(app.query_one("#map-legend"))
        for item in drawing.legend:
            assert f"{item.symbol} {item.meaning.split()[0]}" in legend


async def test_showing_another_scene_redraws_its_place_and_front(story: Story) -> None:
    app = MapApp(story, story.scenes["fall"])
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.query_one(MapView).show(story, story.scenes["offensive"])
        await pilot.pause()
        drawing = app.query_one(MapCanvas).drawing
        assert drawing is not None and drawing.current is not None and drawing.current.id == "charektar"
        assert drawing.canvas.get(*drawing.marks["charektar"]).char == "★"
        assert "27 March 1993" in shown(app.query_one("#map-where"))


async def test_a_narrow_map_puts_its_key_below_and_a_tiny_one_says_so(story: Story) -> None:
    app = MapApp(story, story.scenes["tunnel"])
    async with app.run_test(size=(40, 30)) as pilot:
        await pilot.pause()
        view, canvas = app.query_one(MapView), app.query_one(MapCanvas)
        assert view.has_class("-narrow")
        assert canvas.size.width == 40 and canvas.drawing is not None
        assert app.query_one("#map-key").region.y > canvas.region.y
        await pilot.resize_terminal(10, 4)
        await pilot.pause()
        assert canvas.drawing is None
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert not view.has_class("-narrow")
        assert canvas.drawing is not None and canvas.drawing.canvas.columns == canvas.size.width


async def test_the_full_screen_map_lists_its_sources_and_closes(story: Story) -> None:
    app = MapScreenApp(story, story.scenes["tunnel"])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MapScreen)
        assert "The tunnel road, 1 April 1993" in shown(screen.query_one("#map-title"))
        assert not screen.query_one("#map-sources").display
        await pilot.press("p")
        await pilot.pause()
        sources = screen.query_one("#map-sources")
        assert sources.display and not screen.query_one(MapView).display
        text = shown(sources.query_one("Static"))
        assert "Kalbajar tunnel (tunnel, position estimated): 40.11500 N," in text
        assert "Baku" in text  # listed here even though too far to draw
        await pilot.press("p")
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, MapScreen)


async def test_a_map_shown_before_it_is_mounted_is_drawn_once_it_is(story: Story) -> None:
    class EarlyApp(App[None]):
        CSS_PATH = [MAP_TCSS]

        def compose(self) -> ComposeResult:
            view = MapView()
            view.show(story, story.scenes["tunnel"])
            yield view

    app = EarlyApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        drawing = app.query_one(MapCanvas).drawing
        assert drawing is not None and drawing.current is not None and drawing.current.id == "kalbajar-tunnel"
