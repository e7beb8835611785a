"""What the reader sees of the map on the battle's key days, at a roomy and a small terminal.

The fixture story (tests/fixtures/stories/map) holds real coordinates and does not change with
the real story, so these pictures only change when the drawing does.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App

import engine.tui
from engine.story.load import load_story
from engine.story.model import Scene
from engine.tui.screens.map_screen import MapScreen

MAP_STORY = Path(__file__).parents[1] / "fixtures" / "stories" / "map"
MAP_TCSS = Path(engine.tui.__file__).parent / "map.tcss"


class MapScreenApp(App[None]):
    CSS_PATH = [MAP_TCSS]

    def __init__(self, scene: Scene, braille: bool = False) -> None:
        super().__init__()
        self.scene = scene
        self.braille = braille

    def on_mount(self) -> None:
        story = load_story(MAP_STORY).story
        assert story is not None
        self.push_screen(MapScreen(story, self.scene, braille=self.braille))


def scene(scene_id: str) -> Scene:
    story = load_story(MAP_STORY).story
    assert story is not None
    return story.scenes[scene_id]


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])
@pytest.mark.parametrize("scene_id", ["offensive", "tunnel", "fall"], ids=["27-march", "1-april", "3-april"])
def test_map_on_the_day(snap_compare, scene_id: str, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(MapScreenApp(scene(scene_id)), terminal_size=size)


def test_map_places_and_sources(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(MapScreenApp(scene("fall")), terminal_size=(100, 30), press=["p"])


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])
@pytest.mark.parametrize("scene_id", ["offensive", "tunnel"], ids=["27-march", "1-april"])
def test_map_in_braille(snap_compare, scene_id: str, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    """The finer lines: rivers, roads and attacks in braille dots, marks and names on the grid over them."""
    assert snap_compare(MapScreenApp(scene(scene_id), braille=True), terminal_size=size)


def test_map_zoomed_on_the_tunnel(snap_compare) -> None:  # type: ignore[no-untyped-def]
    """Three steps in on 1 April, in braille: the tunnel, the junction and Kalbajar stand apart."""
    assert snap_compare(
        MapScreenApp(scene("tunnel"), braille=True), terminal_size=(120, 40), press=["plus", "plus", "plus"]
    )
