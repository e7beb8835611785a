"""The map of the current scene: the drawn canvas and, beside it, its key.

The drawing itself is ``engine.map.draw_map`` (pure, tested without Rich);
this widget only sizes it to the room it has and colours its style names
through component classes, so the theme decides the colours and the
characters alone still read without them.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.events import Resize
from textual.geometry import Size
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget

from engine.i18n import _
from engine.map import MapDrawing, Viewport, draw_map
from engine.map.drawing import WHOLE_MAP
from engine.story.model import Scene, Story
from engine.tui.widgets.prose_view import ProseView

MIN_COLUMNS, MIN_ROWS = 12, 6
"""Below this the map would say nothing; the widget says so instead."""

NARROW = 72
"""Below this width (a side panel's tab) the key goes under the map instead of beside it."""

STYLES = (
    "current",
    "current-label",
    "city",
    "town",
    "village",
    "approximate",
    "height",
    "lake",
    "junction",
    "tunnel",
    "monastery",
    "held",
    "held-uncertain",
    "river",
    "ridge",
    "road",
    "route",
    "uncertain",
    "attack",
    "border",
    "footnote",
    "label",
    "area",
    "furniture",
)
"""Every style name ``engine.map`` draws with; each is a component class ``map--NAME`` in map.tcss."""


class MapCanvas(Widget):
    """The drawn map, redrawn to fit whenever its size or scene changes.

    The map's rows are made into lines here (Textual's line API), straight from the
    canvas's runs of one style: a whole screen of braille held as one rich Text took
    Textual several times longer to turn into lines than the drawing itself.
    """

    COMPONENT_CLASSES = {f"map--{name}" for name in STYLES}

    class Redrawn(Message):
        """Sent after a redraw for a new size, so the key can follow the drawing (footnotes depend on size).

        A redraw the view asked for (a scene, a zoom) is not announced: the view
        describes it at once, so the key is laid out with the map, not after it.
        """

        def __init__(self, drawing: MapDrawing | None) -> None:
            super().__init__()
            self.drawing = drawing

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.story: Story | None = None
        self.scene: Scene | None = None
        self.drawing: MapDrawing | None = None
        self.braille = False
        """Lines in braille dots (finer) rather than in characters."""
        self.viewport = WHOLE_MAP
        self._drawn_for: tuple[object, ...] | None = None
        self._lines: list[Strip] | None = None
        """The drawing's rows in the current styles, made when first asked for."""

    def show(self, story: Story, scene: Scene | None) -> bool:
        """Draw ``scene``'s map; whether it was drawn anew."""
        self.story, self.scene = story, scene
        return self._redraw(self.size)

    def set_view(self, *, braille: bool | None = None, viewport: Viewport | None = None) -> bool:
        """Redraw with finer or plainer lines, or zoomed and panned; what is not given stays.
        Returns whether the map was drawn anew."""
        if braille is not None:
            self.braille = braille
        if viewport is not None:
            self.viewport = viewport
        return self.story is not None and self._redraw(self.size)

    def on_resize(self, event: Resize) -> None:
        if self._redraw(event.size):
            self.post_message(self.Redrawn(self.drawing))

    def _redraw(self, size: Size) -> bool:
        """Draw for ``size``, unless nothing that shapes the drawing has changed since the last time.

        Opening the map shows it and lays it out in the same moment; drawing once
        for both keeps the key-to-screen time within the reader's budget.
        """
        shape = (self.story, self.scene, size, self.braille, self.viewport)
        if shape == self._drawn_for:
            return False
        self._drawn_for = shape
        fits = size.width >= MIN_COLUMNS and size.height >= MIN_ROWS
        self.drawing = (
            draw_map(self.story, self.scene, size.width, size.height, braille=self.braille, viewport=self.viewport)
            if self.story is not None and fits
            else None
        )
        self._lines = None
        self.refresh()
        return True

    def style_of(self, name: str) -> Text:
        """An empty Text in the style drawn for ``name``, to build the key with."""
        return Text(style=self.get_component_rich_style(f"map--{name}"))

    def notify_style_update(self) -> None:
        """The styles (a theme, a restyle on showing the screen again) may have changed the colours."""
        super().notify_style_update()
        self._lines = None

    def render(self) -> Text:
        """Only what is drawn instead of a map: the map itself is drawn line by line."""
        return Text(_("The map needs more room.") if self.story else _("No map yet."))

    def render_line(self, y: int) -> Strip:
        if self.drawing is None:
            return super().render_line(y)
        if self._lines is None:
            self._lines = self._make_lines()
        return self._lines[y] if y < len(self._lines) else Strip.blank(self.size.width, self.rich_style)

    def _make_lines(self) -> list[Strip]:
        """Every row of the drawing as a line of the widget's width, each run in its style's colours."""
        assert self.drawing is not None
        base, width = self.rich_style, self.size.width
        styles: dict[str, Style] = {"": base}
        lines = []
        for row in range(self.drawing.canvas.rows):
            segments = []
            for chars, name in self.drawing.canvas.runs(row):
                if name not in styles:
                    styles[name] = base + self.get_component_rich_style(f"map--{name}")
                segments.append(Segment(chars, styles[name]))
            lines.append(Strip(segments).adjust_cell_length(width, base))
        return lines


class MapView(Widget):
    """The map tab: the canvas and, beside it, where we are, the front shown, the legend and notes.

    The key is one prose view that draws its own scrollbar: in a scrolling container
    of three texts, a key longer than the screen brought Textual's scrollbar in after
    the map was drawn, narrowed the texts and drew the screen twice more.
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None, braille: bool = False) -> None:
        super().__init__(id=id, classes=classes)
        self._shown: tuple[Story, Scene | None] | None = None
        self._braille = braille

    def compose(self) -> ComposeResult:
        yield MapCanvas(id="map-canvas")
        yield ProseView(id="map-key")

    def on_resize(self, event: Resize) -> None:
        self.set_class(event.size.width < NARROW, "-narrow")

    def show(self, story: Story, scene: Scene | None) -> None:
        """Draw ``story``'s map for ``scene`` (its place marked, the front of its date).

        May be called before the widget is mounted: the map is drawn once it is.
        """
        self._shown = (story, scene)
        for canvas in self.query(MapCanvas):
            if canvas.show(story, scene):
                self._describe(canvas.drawing)

    def on_mount(self) -> None:
        canvas = self.query_one(MapCanvas)
        canvas.braille = self._braille
        if self._shown is not None and canvas.show(*self._shown):
            self._describe(canvas.drawing)

    def set_view(self, *, braille: bool | None = None, viewport: Viewport | None = None) -> None:
        """Finer or plainer lines, or another zoom and pan (``engine.map.Viewport``)."""
        if braille is not None:
            self._braille = braille
        canvas = self.query_one(MapCanvas)
        if canvas.set_view(braille=braille, viewport=viewport):
            self._describe(canvas.drawing)

    def on_map_canvas_redrawn(self, message: MapCanvas.Redrawn) -> None:
        message.stop()
        self._describe(message.drawing)

    def _describe(self, drawing: MapDrawing | None) -> None:
        """The key beside the map: where we are, the front shown, notes and the legend of ``drawing``."""
        key = self.query_one("#map-key", ProseView)
        if drawing is None:
            key.update(Text())
            return
        where = [
            Text(line)
            for line in (drawing.describe_current(), drawing.describe_front(), drawing.describe_front_note())
            if line
        ]
        notes = Text("\n").join(
            Text(line)
            for line in (
                drawing.describe_view(),
                drawing.describe_footnotes(),
                drawing.describe_far(),
                drawing.describe_scale(),
            )
            if line
        )
        parts = [*where, notes, self._legend(drawing, self.query_one(MapCanvas))]
        key.update(Text("\n\n").join(part for part in parts if part))

    @staticmethod
    def _legend(drawing: MapDrawing, canvas: MapCanvas) -> Text:
        lines = [
            Text.assemble(Text(item.sample, style=canvas.style_of(item.style).style), " " + _(item.meaning))
            for item in drawing.legend
        ]
        return Text("\n").join([Text(_("Legend")), *lines, Text(_("N↑ north; ├─┤ scale bar"))])
