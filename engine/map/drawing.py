"""The whole map for one scene: lines, marks, labels, north arrow, scale bar, front and legend.

``draw_map`` computes everything from the story's coordinates, so moving a
place in ``places.yaml`` moves its mark.  Places far from the rest (a capital
abroad) would squeeze the district into a corner: they are listed, not drawn.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import pairwise

from engine.i18n import _
from engine.map.braille import BrailleLayer
from engine.map.canvas import Canvas
from engine.map.fronts import Presence, front_on, front_presence, line_presence
from engine.map.labels import LabelPlacer, LabelRequest, PlacedLabel
from engine.map.projection import CELL_ASPECT, BoundingBox, Projection, Viewport, haversine_km, scale_bar
from engine.map.symbols import (
    ARROWS,
    BRAILLE_PATTERNS,
    HELD_MARK,
    HELD_UNCERTAIN_MARK,
    LABEL_ONLY_KINDS,
    LINE_CHARS,
    LINE_ORDER,
    MARKS,
    PLACE_STYLES,
    ROUTE_BODY,
    ROUTE_HEADS,
    TEXT_STYLES,
    UNCERTAIN_BODY,
    UNCERTAIN_HEADS,
    UNDRAWN_KINDS,
    LegendItem,
    direction,
    legend_for,
)
from engine.story.labels import source_titles
from engine.story.model import Front, Line, Place, Scene, Story

WHOLE_MAP = Viewport()
"""Neither zoomed nor panned: every place near enough to draw."""

FAR_KM = 150.0
"""Places farther than this from the middle of all places are listed instead of drawn."""

_LABEL_RANK = (
    "city",
    "town",
    "pass",
    "peak",
    "range",
    "area",
    "village",
    "monastery",
    "lake",
    "tunnel",
    "junction",
    "river",
)


@dataclass(frozen=True, slots=True)
class Footnote:
    """A place whose name found no room on the map; ``shown`` says whether its number did."""

    number: int
    place: Place
    shown: bool


@dataclass(frozen=True, slots=True)
class MapDrawing:
    """A drawn map and everything a reader needs to read it."""

    canvas: Canvas
    projection: Projection
    legend: tuple[LegendItem, ...]
    scene: Scene | None
    front: Front | None
    current: Place | None
    marks: Mapping[str, tuple[int, int]]
    """The cell of every place drawn with a mark, by place id."""
    labels: Mapping[str, PlacedLabel]
    """Where each place's name (or footnote number) went, by place id."""
    line_labels: Mapping[str, PlacedLabel]
    """Where each river's name went, by line id."""
    footnotes: tuple[Footnote, ...]
    far: tuple[Place, ...]
    scale_km: int
    scale_columns: int
    uncertain_front: bool = False
    """Whether the front's date is one the sources leave vague (its held marks are then ``?``)."""
    lines: tuple[Line, ...] = ()
    """The dated and undated lines drawn, in the story's order."""
    routes: frozenset[tuple[int, int]] = frozenset()
    """The cells the routes and attacks cover, which no label may hide."""
    braille: bool = False
    viewport: Viewport = WHOLE_MAP
    front_sources: str = ""
    """The front's sources by title (the article's section, a citation's title), as a reader names them."""
    line_sources: str = ""
    """The sources of the lines drawn, by title."""

    def describe_current(self) -> str:
        if self.scene is None:
            return _("No scene is shown.")
        if self.current is None:
            return _("This scene's place, '{place}', is not in the story's places.").format(place=self.scene.place)
        date, name = self.scene.date.label(), self.current.name
        if self.current.id not in self.marks:
            if self.current in self.far:
                return _("{date}: {place}, too far away to draw.").format(date=date, place=name)
            return _("{date}: {place}, outside this view (0 shows the whole map).").format(date=date, place=name)
        if self.current.approximate:
            return _("{date}: ★ marks {place} (position estimated).").format(date=date, place=name)
        return _("{date}: ★ marks {place}.").format(date=date, place=name)

    def describe_front(self) -> str:
        if self.scene is None:
            return ""
        if self.front is None:
            return _("No front is recorded on or before {date}.").format(date=self.scene.date.label())
        doubt = " " + _("The sources leave its date vague: ? marks what it held.") if self.uncertain_front else ""
        shown = _("Front shown: {date}, the latest on or before this scene.").format(date=self.front.date.label())
        text = " ".join(self.front.text.split())  # the story's line breaks are its file's, not the reader's
        return f"{shown}{doubt} {text} " + _("Sources: {sources}.").format(sources=self.front_sources)

    def describe_front_note(self) -> str:
        """The editor's note on the front shown (what its sources leave unclear), if it has one."""
        if self.front is None or not self.front.note:
            return ""
        return _("Editor's note: {note}").format(note=" ".join(self.front.note.split()))

    def describe_view(self) -> str:
        """How far the reader has zoomed and panned, and how to get back; empty for the whole map."""
        if self.viewport == WHOLE_MAP:
            return ""
        view = self.viewport
        zoomed = _("Zoomed {factor} times").format(factor=f"{view.factor:.1f}")
        moved = (
            _(", moved {east} east and {north} north").format(east=view.east, north=view.north)
            if view.east or view.north
            else ""
        )
        return zoomed + moved + " " + _("(+ and - zoom, the arrows pan, 0 shows the whole map).")

    def describe_footnotes(self) -> str:
        no_room = " " + _("(no room for its number)")
        parts = [f"{f.number} {f.place.name}{'' if f.shown else no_room}" for f in self.footnotes]
        return _("Names without room: {names}.").format(names="; ".join(parts)) if parts else ""

    def describe_far(self) -> str:
        names = ", ".join(p.name for p in self.far)
        return _("Too far away to draw: {names}.").format(names=names) if names else ""

    def describe_scale(self) -> str:
        return _("Scale: {columns} columns = {km} km; one column ≈ {column_km} km, one row ≈ {row_km} km.").format(
            columns=self.scale_columns,
            km=self.scale_km,
            column_km=f"{self.projection.km_per_column:.1f}",
            row_km=f"{self.projection.km_per_row:.1f}",
        )


def split_far(places: Mapping[str, Place]) -> tuple[list[Place], list[Place]]:
    """(near, far): far places lie over ``FAR_KM`` from the median point of all places."""
    if not places:
        return [], []
    lat = statistics.median(p.lat for p in places.values())
    lon = statistics.median(p.lon for p in places.values())
    near = [p for p in places.values() if haversine_km(lat, lon, p.lat, p.lon) <= FAR_KM]
    far = [p for p in places.values() if haversine_km(lat, lon, p.lat, p.lon) > FAR_KM]
    return near, far


def draw_map(
    story: Story, scene: Scene | None, columns: int, rows: int, *, braille: bool = False, viewport: Viewport = WHOLE_MAP
) -> MapDrawing:
    """Draw the story's map on ``columns`` x ``rows`` cells, with the scene's place, lines and front.

    ``braille`` draws the lines in braille dots, four times finer; ``viewport``
    zooms (about the scene's place) and pans from the view of the whole district.  Lines and fronts
    appear only on the days their sources give them (``fronts.presence``).
    """
    near, far = split_far(story.places)
    points = [(p.lat, p.lon) for p in near] or [(0.0, 0.0)]
    whole = Projection.fit(BoundingBox.around(points), columns, rows)
    current = story.places.get(scene.place) if scene else None
    focus = whole.to_cell(current.lat, current.lon) if current is not None and current in near else None
    projection = viewport.apply(whole, focus)
    canvas = Canvas(columns, rows)
    shown = {p.id: p for p in near}
    when = scene.date if scene else None
    front = front_on(story.fronts, when) if when else None
    uncertain_front = front is not None and when is not None and front_presence(front, when) is Presence.UNCERTAIN
    held = set(front.held) if front else set()
    held_mark = HELD_UNCERTAIN_MARK if uncertain_front else HELD_MARK

    drawn = [(line, line_presence(line, when)) for line in story.lines]
    drawn = [(line, state) for line, state in drawn if state is not Presence.ABSENT]
    layer = BrailleLayer(columns, rows) if braille else None
    routes: set[tuple[int, int]] = set()
    heads: list[tuple[tuple[int, int], str, str]] = []
    for kind in LINE_ORDER:
        for line, state in drawn:
            style = "uncertain" if state is Presence.UNCERTAIN and line.kind in ("attack", "route") else line.kind
            if style == kind:
                routes |= _draw_line(canvas, layer, projection, line, style, shown, heads)
    if layer is not None:
        routes |= {cell for cell in layer.paint(canvas) if canvas.get(*cell).style in _ROUTE_STYLES}
        for cell, char, style in heads:  # over the dots, as every symbol is
            canvas.put(*cell, char, style)
            routes.add(cell)
    furniture = _draw_furniture(canvas, projection)

    # The current place is always marked, even a range or a waypoint that otherwise has no mark.
    def marked(place: Place) -> bool:
        return place == current or place.kind not in LABEL_ONLY_KINDS + UNDRAWN_KINDS

    # A place under the north arrow or the scale bar (zoomed or panned there) is left off, as if outside.
    visible = [
        p for p in near if canvas.inside(*(cell := projection.cell(p.lat, p.lon))) and cell not in furniture.cells
    ]
    order = sorted(
        (p for p in visible if p.kind not in UNDRAWN_KINDS or p == current), key=lambda p: _label_priority(p, current)
    )
    marks: dict[str, tuple[int, int]] = {}
    for place in reversed(order):
        if not marked(place):
            continue
        cell = projection.cell(place.lat, place.lon)
        style = _mark_style(place, current)
        canvas.put(*cell, MARKS[style], style)
        marks[place.id] = cell

    placer = LabelPlacer(canvas, set(marks.values()), furniture.cells, routes)
    labels: dict[str, PlacedLabel] = {}
    footnotes: list[Footnote] = []
    for place in order:
        column, row = marks.get(place.id) or projection.cell(place.lat, place.lon)
        request = LabelRequest(place.id, place.name, column, row, centred=not marked(place))
        suffix = held_mark if place.id in held else ""
        label = placer.place(request, place.name + suffix, must=place == current)
        if label is None:
            if not marked(place):
                continue
            number = str(len(footnotes) + 1)
            label = placer.place(request, number + suffix)
            footnotes.append(Footnote(len(footnotes) + 1, place, label is not None))
            if label is None:
                continue
            _write_label(canvas, label, suffix, "footnote", uncertain_front)
        else:
            text_style = "current-label" if place == current else "label" if marked(place) else "area"
            _write_label(canvas, label, suffix, text_style, uncertain_front)
        labels[place.id] = label
    line_labels = _name_rivers([line for line, _ in drawn], projection, shown, placer, canvas)

    used = canvas.styles() - set(TEXT_STYLES) - {""}
    return MapDrawing(
        canvas,
        projection,
        legend_for(used, braille),
        scene,
        front,
        current,
        marks,
        labels,
        line_labels,
        tuple(footnotes),
        tuple(far),
        furniture.scale_km,
        furniture.scale_columns,
        uncertain_front,
        tuple(line for line, _ in drawn),
        frozenset(cell for cell in routes if canvas.inside(*cell)),
        braille,
        viewport,
        source_titles(story, front.sources) if front else "",
        source_titles(story, sorted({source for line, _ in drawn for source in line.sources})),
    )


_ROUTE_STYLES = frozenset({"route", "attack", "uncertain"})
"""Lines that tell where people went: a label never hides one of their cells."""


def _name_rivers(
    lines: list[Line], projection: Projection, shown: Mapping[str, Place], placer: LabelPlacer, canvas: Canvas
) -> dict[str, PlacedLabel]:
    """Name each river beside the middle of its longest stretch with room, covering no line, after every place."""
    named: dict[str, PlacedLabel] = {}
    for line in lines:
        if line.kind != "river":
            continue
        cells = [projection.to_cell(shown[p].lat, shown[p].lon) for p in line.points if p in shown]
        stretches = sorted(pairwise(cells), key=lambda ab: -math.dist(*ab))
        for a, b in stretches:
            middle = (round((a[0] + b[0]) / 2), round((a[1] + b[1]) / 2))
            label = placer.place(LabelRequest(f"line/{line.id}", line.name, *middle), line.name, max_crossed=0)
            if label is not None:
                canvas.write(label.column, label.row, label.text, "area")
                named[line.id] = label
                break
    return named


def _label_priority(place: Place, current: Place | None) -> tuple[int, int, int]:
    rank = _LABEL_RANK.index(place.kind) if place.kind in _LABEL_RANK else len(_LABEL_RANK)
    return (0 if current and place.id == current.id else 1, int(place.approximate), rank)


def _mark_style(place: Place, current: Place | None) -> str:
    if current is not None and place.id == current.id:
        return "current"
    return "approximate" if place.approximate else PLACE_STYLES[place.kind]


def _write_label(canvas: Canvas, label: PlacedLabel, suffix: str, style: str, uncertain: bool) -> None:
    body = label.text[: len(label.text) - len(suffix)]
    canvas.write(label.column, label.row, body, style)
    if suffix:
        canvas.write(label.column + len(body), label.row, suffix, "held-uncertain" if uncertain else "held")


def _draw_line(
    canvas: Canvas,
    layer: BrailleLayer | None,
    projection: Projection,
    line: Line,
    style: str,
    shown: Mapping[str, Place],
    heads: list[tuple[tuple[int, int], str, str]],
) -> set[tuple[int, int]]:
    """Draw a line between its known points; a point not drawn (unknown or far) breaks it there.

    In braille the line goes into ``layer`` and its arrowhead into ``heads``, for
    the character grid over the dots.  Returns the cells of a route or attack
    drawn in characters, which labels keep off.
    """
    cells = [projection.to_cell(shown[p].lat, shown[p].lon) if p in shown else None for p in line.points]
    segments = [(a, b) for a, b in pairwise(cells) if a is not None and b is not None]
    covered: set[tuple[int, int]] = set()
    phase = 0
    for number, (a, b) in enumerate(segments):
        heading = direction(b[0] - a[0], (a[1] - b[1]) * CELL_ASPECT)
        steps = _segment_cells(a, b)
        last = number == len(segments) - 1
        if layer is not None:
            phase = layer.line(a, b, style, BRAILLE_PATTERNS.get(style, "solid"), phase)
            if last and line.kind in ("attack", "route") and len(steps) >= 2:
                heads.append((steps[-2], _head_char(line.kind, style, heading), style))
            continue
        for step, (column, row) in enumerate(steps):
            char = _line_char(style, heading)
            if line.kind in ("attack", "route") and last and step == len(steps) - 2:
                char = _head_char(line.kind, style, heading)
            elif style == "uncertain" and step % 2:
                continue  # the gaps of the dashes
            at_a_point = step in (0, len(steps) - 1)
            covered.add(_put_line_cell(canvas, column, row, char, style, None if at_a_point else heading))
    return covered if style in _ROUTE_STYLES else set()


def _head_char(kind: str, style: str, heading: int) -> str:
    if style == "uncertain":
        return UNCERTAIN_HEADS[heading]
    return ROUTE_HEADS[heading] if kind == "route" else ARROWS[heading]


def _segment_cells(a: tuple[float, float], b: tuple[float, float]) -> list[tuple[int, int]]:
    count = max(math.ceil(abs(b[0] - a[0])), math.ceil(abs(b[1] - a[1])), 1)
    cells: list[tuple[int, int]] = []
    for i in range(count + 1):
        cell = (round(a[0] + (b[0] - a[0]) * i / count), round(a[1] + (b[1] - a[1]) * i / count))
        if not cells or cells[-1] != cell:
            cells.append(cell)
    return cells


def _line_char(kind: str, heading: int) -> str:
    if kind == "uncertain":
        return UNCERTAIN_BODY[heading % 4]
    if kind == "attack":
        return ARROWS[heading]
    if kind == "route":
        return ROUTE_BODY[heading % 4]
    return LINE_CHARS[kind]


def _put_line_cell(canvas: Canvas, column: int, row: int, char: str, kind: str, heading: int | None) -> tuple[int, int]:
    """Draw one cell of a line; where another kind of line is already, run beside it if there is room.

    Beside means across the line's ``heading``: left or right of a line going north, above or
    below one going east.  A line's own points (``heading`` None) are never moved.
    """
    existing = canvas.get(column, row).style
    if existing and existing != kind and heading is not None:
        across = [(0, 1), (0, -1)] if heading in (0, 4) else [(1, 0), (-1, 0)]
        for dc, dr in across:
            if canvas.inside(column + dc, row + dr) and not canvas.get(column + dc, row + dr).style:
                canvas.put(column + dc, row + dr, char, kind)
                return column + dc, row + dr
    canvas.put(column, row, char, kind)
    return column, row


@dataclass(frozen=True, slots=True)
class _Furniture:
    """The cells the north arrow and scale bar cover, and the scale bar's length."""

    cells: set[tuple[int, int]]
    scale_km: int
    scale_columns: int


def _draw_furniture(canvas: Canvas, projection: Projection) -> _Furniture:
    """The north arrow (top right) and the scale bar (bottom left)."""
    cells: set[tuple[int, int]] = set()
    right = canvas.columns - 1
    for row, char in enumerate("N↑"):
        canvas.put(right, row, char, "furniture")
        cells.add((right, row))
    km, length = scale_bar(projection, max(4, canvas.columns // 4))
    bar = "├" + "─" * (length - 1) + "┤" + f" {km} km"
    bottom = canvas.rows - 1
    canvas.write(0, bottom, bar, "furniture")
    cells.update((c, bottom) for c in range(len(bar)))
    return _Furniture(cells, km, length)
