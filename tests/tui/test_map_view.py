"""The map widget and the full-screen map, in a small app of their own."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.geometry import Region
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
    """The plain text a widget shows, borders and all."""
    return "\n".join(line.text for line in widget.render_lines(Region(0, 0, *widget.outer_size)))


async def test_the_map_fills_its_room_and_marks_the_scene(story: Story) -> None:
    app = MapApp(story, story.scenes["fall"])
    async with app.run_test(size=(120, 60)) as pilot:  # room for the whole key
        await pilot.pause()
        canvas = app.query_one(MapCanvas)
        drawing = canvas.drawing
        assert drawing is not None
        assert (drawing.canvas.columns, drawing.canvas.rows) == (canvas.size.width, canvas.size.height)
        assert [line.rstrip() for line in shown(canvas).split("\n")] == drawing.canvas.text().split("\n")
        assert "★" in shown(canvas)
        key = " ".join(shown(app.query_one("#map-key")).replace("▏", " ").split())  # as read, not as wrapped
        assert "Kalbajar" in key and "3 April 1993" in key and "Seven Years of Conflict in Nagorno-Karabakh" in key
        for item in drawing.legend:
            assert f"{item.symbol} {item.meaning.split()[0]}" in key


async def test_showing_another_scene_redraws_its_place_and_front(story: Story) -> None:
    app = MapApp(story, story.scenes["fall"])
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.query_one(MapView).show(story, story.scenes["offensive"])
        await pilot.pause()
        drawing = app.query_one(MapCanvas).drawing
        assert drawing is not None and drawing.current is not None and drawing.current.id == "charektar"
        assert drawing.canvas.get(*drawing.marks["charektar"]).char == "★"
        assert "27 March 1993" in shown(app.query_one("#map-key"))


async def test_the_map_takes_the_colours_of_a_new_theme(story: Story) -> None:
    """The map's lines are kept between frames: a new theme must draw them anew, not in the old colours."""
    app = MapApp(story, story.scenes["fall"])
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        canvas = app.query_one(MapCanvas)
        drawing = canvas.drawing
        assert drawing is not None
        column, row = drawing.marks["kalbajar"]

        def star_colour() -> object:
            line = canvas.render_lines(canvas.content_region.reset_offset)[row]
            cell = line.crop(column, column + 1)
            assert cell.text == "★"
            return next(iter(cell)).style.color  # type: ignore[union-attr]

        before = star_colour()
        assert before == canvas.get_component_rich_style("map--current").color
        app.theme = "nord" if app.theme != "nord" else "gruvbox"
        await pilot.pause()
        after = canvas.get_component_rich_style("map--current").color
        assert after != before and star_colour() == after


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


class LinesApp(MapScreenApp):
    """Records what the map screen tells the app of the reader's choice of lines."""

    def __init__(self, story: Story, scene: Scene, braille: bool) -> None:
        super().__init__(story, scene)
        self.braille = braille
        self.told: list[bool] = []

    def on_mount(self) -> None:
        self.push_screen(MapScreen(self.story, self.scene, braille=self.braille))

    def on_map_screen_lines_changed(self, message: MapScreen.LinesChanged) -> None:
        self.told.append(message.braille)


async def test_zoom_pan_and_back_to_the_whole_map(story: Story) -> None:
    app = LinesApp(story, story.scenes["tunnel"], braille=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        canvas = app.screen.query_one(MapCanvas)
        whole = canvas.drawing
        assert whole is not None
        await pilot.press("plus", "plus", "equals_sign")
        await pilot.pause()
        zoomed = canvas.drawing
        assert zoomed is not None and zoomed.viewport.zoom == 3
        assert zoomed.projection.km_per_column == pytest.approx(whole.projection.km_per_column / 3.375)

        # Closer in, the tunnel and the junction to Ganja lie farther apart on the screen.
        def apart(drawing) -> float:  # type: ignore[no-untyped-def]
            (a, b), (c, d) = drawing.marks["kalbajar-tunnel"], drawing.marks["ganja-junction"]
            return abs(a - c) + abs(b - d)

        assert apart(zoomed) > 2 * apart(whole)
        assert "Zoomed 3.4 times" in shown(app.screen.query_one("#map-key"))
        tunnel = zoomed.marks["kalbajar-tunnel"]
        await pilot.press("right")
        await pilot.pause()
        panned = canvas.drawing
        assert panned is not None and panned.viewport.east == 1
        assert panned.marks["kalbajar-tunnel"][0] < tunnel[0]  # the view went east: the map moved west
        await pilot.press("0")
        await pilot.pause()
        assert canvas.drawing is not None and canvas.drawing.canvas.text() == whole.canvas.text()
        await pilot.press("plus", "minus")
        await pilot.pause()
        assert canvas.drawing is not None and canvas.drawing.viewport.zoom == 0


async def test_l_switches_the_lines_and_tells_the_app(story: Story) -> None:
    from engine.map.braille import is_braille

    app = LinesApp(story, story.scenes["fall"], braille=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        canvas = app.screen.query_one(MapCanvas)
        assert canvas.drawing is not None and not any(is_braille(ch) for ch in canvas.drawing.canvas.text())
        await pilot.press("d")
        await pilot.pause()
        assert canvas.drawing is not None and any(is_braille(ch) for ch in canvas.drawing.canvas.text())
        assert "★" in shown(canvas)
        await pilot.press("d")
        await pilot.pause()
        assert app.told == [True, False]


async def test_with_the_sources_listed_the_arrows_scroll_them_not_the_map(story: Story) -> None:
    app = LinesApp(story, story.scenes["fall"], braille=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("p", "right", "plus")
        await pilot.pause()
        drawing = app.screen.query_one(MapCanvas).drawing
        assert drawing is not None and drawing.viewport.zoom == 0 and drawing.viewport.east == 0


async def test_the_map_keys_are_in_the_palette(story: Story) -> None:
    app = LinesApp(story, story.scenes["fall"], braille=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MapScreen)
        titles = {command.title for command in screen.commands()}
        assert {"Zoom in", "Pan", "Pan east", "Pan north", "Pan south", "Fine lines"} <= titles
        assert "Whole map" not in titles and "Zoom out" not in titles  # nothing to undo yet
        await pilot.press("plus")
        await pilot.pause()
        assert {"Zoom out", "Whole map"} <= {command.title for command in screen.commands()}
