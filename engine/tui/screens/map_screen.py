"""The map on the whole screen, with a second view listing where every mark comes from.

Here the reader can read the map closely: ``+`` and ``-`` zoom, the arrow keys
pan and ``0`` shows the whole map again, so the Murov passes and the tunnel,
a few cells apart on the whole map, can be told apart.  ``l`` switches the
lines between braille dots and plain characters; the app remembers the choice.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Static

from engine.i18n import N_, _
from engine.map import Viewport
from engine.map.drawing import WHOLE_MAP
from engine.map.sources import source_list
from engine.story.model import Scene, Story
from engine.tui.screens.base import ReaderScreen
from engine.tui.widgets.map_view import MapView


class MapScreen(ReaderScreen[None]):
    """The current scene's map, full screen; ``p`` lists the places, lines and fronts with sources."""

    BINDINGS = [
        Binding("escape,m", "close", N_("Back to the reading"), id="map-close", tooltip=N_("Back to the story")),
        Binding(
            "p",
            "toggle_sources",
            N_("Places & sources"),
            id="map-sources",
            tooltip=N_("Every place, line and front on the map, with its coordinates and sources"),
        ),
        Binding(
            "plus,equals_sign",
            "zoom(1)",
            N_("Zoom in"),
            key_display="+",
            id="map-zoom-in",
            tooltip=N_("Magnify the middle of the map one step"),
        ),
        Binding(
            "minus",
            "zoom(-1)",
            N_("Zoom out"),
            key_display="-",
            id="map-zoom-out",
            tooltip=N_("Back out one step, to the whole map"),
        ),
        Binding(
            "left",
            "pan(-1,0)",
            N_("Pan"),
            key_display="←↑↓→",
            id="map-pan-west",
            priority=True,
            tooltip=N_("Move the view west; the arrow keys pan a quarter of the view each way"),
        ),
        Binding(
            "right",
            "pan(1,0)",
            N_("Pan east"),
            show=False,
            id="map-pan-east",
            priority=True,
            tooltip=N_("Move the view a quarter of its width east"),
        ),
        Binding(
            "up",
            "pan(0,1)",
            N_("Pan north"),
            show=False,
            id="map-pan-north",
            priority=True,
            tooltip=N_("Move the view a quarter of its height north"),
        ),
        Binding(
            "down",
            "pan(0,-1)",
            N_("Pan south"),
            show=False,
            id="map-pan-south",
            priority=True,
            tooltip=N_("Move the view a quarter of its height south"),
        ),
        Binding("0", "whole_map", N_("Whole map"), id="map-whole", tooltip=N_("Undo the zoom and pan")),
        Binding(
            "d",
            "toggle_lines",
            N_("Fine lines"),
            id="map-lines",
            tooltip=N_("Draw rivers, roads, routes and attacks in braille dots, or in plain characters"),
        ),
    ]
    """The keys of the full-screen map."""

    class LinesChanged(Message):
        """The reader switched between braille and plain lines: the app keeps the choice in the settings."""

        def __init__(self, braille: bool) -> None:
            super().__init__()
            self.braille = braille

    def __init__(self, story: Story, scene: Scene | None, *, braille: bool = False) -> None:
        super().__init__()
        self.story = story
        self.scene = scene
        self.braille = braille
        """Lines in braille dots; off where the terminal shows no colour (the app decides)."""
        self.viewport = WHOLE_MAP

    def compose(self) -> ComposeResult:
        yield Static(self._title(), id="map-title", markup=False)
        yield MapView(braille=self.braille)
        with VerticalScroll(id="map-sources"):
            yield Static("\n".join(source_list(self.story)), markup=False)
        yield from self.compose_edges()

    def on_mount(self) -> None:
        self.query_one(MapView).show(self.story, self.scene)

    def show_scene(self, scene: Scene | None, *, braille: bool) -> None:
        """Show another scene's map on this screen, as it would open afresh: the whole map, no list.

        The reader keeps one map screen and shows it again; building its widgets
        and styles anew each time would cost most of the time to open it.
        """
        self.scene, self.braille, self.viewport = scene, braille, WHOLE_MAP
        self.remove_class("-sources")
        self.query_one("#map-title", Static).update(self._title())
        view = self.query_one(MapView)
        view.set_view(braille=braille, viewport=WHOLE_MAP)
        view.show(self.story, scene)

    def _title(self) -> str:
        title = _("Map — {story}").format(story=self.story.title)
        if self.scene is not None:
            title += f" — {self.scene.title}, {self.scene.date.label()}"
        return title

    def action_state(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Zoom and pan only act on the map: with the sources listed, the arrows scroll the list.

        The arrows are priority keys, so the map's scrolling key beside it never takes them.
        """
        if action in ("zoom", "pan", "whole_map") and self.has_class("-sources"):
            return False
        if action == "zoom":
            return None if self.viewport.zoomed(int(parameters[0])) == self.viewport else True  # type: ignore[call-overload]
        if action == "whole_map":
            return None if self.viewport == WHOLE_MAP else True
        return True

    def action_close(self) -> None:
        self.dismiss(None)

    def action_toggle_sources(self) -> None:
        self.toggle_class("-sources")
        self.refresh_bindings()

    def action_zoom(self, steps: int) -> None:
        self._view(self.viewport.zoomed(steps))

    def action_pan(self, east: int, north: int) -> None:
        self._view(self.viewport.panned(east, north))

    def action_whole_map(self) -> None:
        self._view(WHOLE_MAP)

    def action_toggle_lines(self) -> None:
        self.braille = not self.braille
        self.query_one(MapView).set_view(braille=self.braille)
        self.post_message(self.LinesChanged(self.braille))

    def _view(self, viewport: Viewport) -> None:
        before = self._keys_available()
        self.viewport = viewport
        self.query_one(MapView).set_view(viewport=viewport)
        if self._keys_available() != before:  # looking at the keys again walks every binding: only on a change
            self.refresh_bindings()

    def _keys_available(self) -> tuple[bool | None, ...]:
        return tuple(
            self.action_state(action, parameters)
            for action, parameters in (("zoom", (1,)), ("zoom", (-1,)), ("whole_map", ()))
        )
