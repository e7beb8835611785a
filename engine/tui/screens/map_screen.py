"""The map on the whole screen, with a second view listing where every mark comes from."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from engine.map.sources import source_list
from engine.story.model import Scene, Story
from engine.tui.screens.base import ReaderScreen
from engine.tui.widgets.map_view import MapView


class MapScreen(ReaderScreen[None]):
    """The current scene's map, full screen; ``p`` lists the places, lines and fronts with sources."""

    BINDINGS = [
        Binding("escape,m", "close", "Back to the reading", id="map-close", tooltip="Back to the story"),
        Binding("p", "toggle_sources", "Places & sources", id="map-sources",
                tooltip="Every place, line and front on the map, with its coordinates and sources"),
    ]
    """The keys of the full-screen map."""

    def __init__(self, story: Story, scene: Scene | None) -> None:
        super().__init__()
        self.story = story
        self.scene = scene

    def compose(self) -> ComposeResult:
        title = f"Map — {self.story.title}"
        if self.scene is not None:
            title += f" — {self.scene.title}, {self.scene.date.label()}"
        yield Static(title, id="map-title", markup=False)
        yield MapView()
        with VerticalScroll(id="map-sources"):
            yield Static("\n".join(source_list(self.story)), markup=False)
        yield from self.compose_edges()

    def on_mount(self) -> None:
        self.query_one(MapView).show(self.story, self.scene)

    def action_close(self) -> None:
        self.dismiss(None)

    def action_toggle_sources(self) -> None:
        self.toggle_class("-sources")
