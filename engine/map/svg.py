"""The map of a moment as an SVG picture, for the reading edition: the terminal's map, drawn for paper.

Pure, like the rest of ``engine.map``: it lays the map out with ``draw_map``
(so marks, names, footnotes and fronts sit where the reader's screen puts
them, with no name over another) and draws the lines as true polylines
between the projected places.  Every kind of line has its own dash pattern,
so the picture reads printed in black and white; colour only helps.  All text
from the story is escaped.
"""

from __future__ import annotations

import textwrap
from html import escape

from engine.i18n import N_, _
from engine.map.drawing import MapDrawing, draw_map
from engine.map.fronts import Presence, line_presence
from engine.map.symbols import MARKS
from engine.story.model import Line, Scene, Story, StoryDate

CELL_WIDTH, CELL_HEIGHT = 8, 16
"""Pixels of one character cell: the SVG keeps the terminal's grid, so names placed there never overlap."""

FONT = 'font-family="DejaVu Sans Mono, Menlo, Consolas, monospace" font-size="13"'
"""A monospaced face about one cell wide, so a name covers the cells it was placed on."""

LINE_STYLES = {
    "border": ("#555555", 1.5, "6 2 1 2"),
    "ridge": ("#6b4f2a", 2.5, "10 3 2 3"),
    "river": ("#1f5fa8", 2.0, ""),
    "road": ("#444444", 1.5, "1.5 3"),
    "route": ("#8a5a00", 2.5, "9 4"),
    "uncertain": ("#8a5a00", 2.0, "3 5"),
    "attack": ("#b3261e", 3.0, ""),
}
"""Colour, width and dash pattern of each kind of line: the pattern alone tells them apart."""

LINE_MEANINGS = {
    "border": N_("border"),
    "ridge": N_("mountain ridge"),
    "river": N_("river"),
    "road": N_("road (schematic)"),
    "route": N_("route; the arrow shows the way"),
    "attack": N_("attack; the arrow shows the way"),
    "uncertain": N_("attack or route on a date the sources leave vague"),
}

COLUMNS, ROWS = 96, 36
"""The grid of the edition's maps: about the size of the reader's full-screen map."""


def scene_map_svg(story: Story, scene: Scene, *, columns: int = COLUMNS, rows: int = ROWS) -> str:
    """The map of ``scene``'s moment (its place starred, its date's lines and front) as one ``<svg>`` element."""
    drawing = draw_map(story, scene, columns, rows)
    return _svg(story, drawing)


def _svg(story: Story, drawing: MapDrawing) -> str:
    width, height = drawing.canvas.columns * CELL_WIDTH, drawing.canvas.rows * CELL_HEIGHT
    legend = _legend(drawing)
    notes = _notes(drawing)
    text_top = height + 12
    total = text_top + 18 * (len(legend) + len(notes)) + 8
    scene = drawing.scene
    title = _("Map: {scene}, {date}").format(scene=scene.title, date=scene.date.label()) if scene else _("Map")
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {total}" width="100%" role="img" '
        f'aria-labelledby="map-title-{_id(scene)}" class="map">',
        f'<title id="map-title-{_id(scene)}">{escape(title)}</title>',
        f"<desc>{escape(drawing.describe_current())} {escape(drawing.describe_front())}</desc>",
        _markers(scene),
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="none" stroke="#999999"/>',
    ]
    when = scene.date if scene else None
    for kind in ("border", "ridge", "river", "road", "route", "uncertain", "attack"):
        for line in drawing.lines:
            style = _style(line, when)
            if style == kind:
                out.extend(_polylines(story, drawing, line, style, _id(scene)))
    for column, row in drawing.marks.values():
        cell = drawing.canvas.get(column, row)
        out.append(_text(column, row, cell.char, cell.style, anchor="middle"))
    for label in [*drawing.labels.values(), *drawing.line_labels.values()]:
        runs = _runs(drawing, label.column, label.row, len(label.text))
        for start, text, style in runs:
            out.append(_text(start, label.row, text, style))
    out.append(_furniture(drawing, width, height))
    y = text_top
    for sample, meaning in legend:
        out.append(f'<g transform="translate(0 {y})">{sample}<text x="40" y="4" {FONT}>{escape(meaning)}</text></g>')
        y += 18
    for note in notes:
        out.append(f'<text x="0" y="{y + 4}" {FONT}>{escape(note)}</text>')
        y += 18
    out.append("</svg>")
    return "\n".join(out)


def _id(scene: Scene | None) -> str:
    return escape(scene.id) if scene else "none"


def _style(line: Line, when: StoryDate | None) -> str | None:
    """The kind a line is drawn as on ``when`` (an attack or route on a vague day: uncertain), or None."""
    state = line_presence(line, when)
    if state is Presence.ABSENT:
        return None
    return "uncertain" if state is Presence.UNCERTAIN and line.kind in ("attack", "route") else line.kind


def _markers(scene: Scene | None) -> str:
    """Arrowheads for attacks and routes, one per colour (SVG markers do not take the line's colour)."""
    heads = []
    for kind in ("attack", "route", "uncertain"):
        colour = LINE_STYLES[kind][0]
        heads.append(
            f'<marker id="head-{kind}-{_id(scene)}" viewBox="0 0 10 10" refX="9" refY="5" '
            f'markerWidth="5" markerHeight="5" orient="auto-start-reverse">'
            f'<path d="M0,0 L10,5 L0,10 z" fill="{colour}"/></marker>'
        )
    return "<defs>" + "".join(heads) + "</defs>"


def _polylines(story: Story, drawing: MapDrawing, line: Line, style: str, scene_id: str) -> list[str]:
    """The line between its drawn points, broken where a point is not drawn (unknown or too far)."""
    far = {p.id for p in drawing.far}
    pieces: list[list[tuple[float, float]]] = [[]]
    for point in line.points:
        place = story.places.get(point)
        if place is None or point in far:
            pieces.append([])
            continue
        column, row = drawing.projection.to_cell(place.lat, place.lon)
        pieces[-1].append(((column + 0.5) * CELL_WIDTH, (row + 0.5) * CELL_HEIGHT))
    colour, width, dashes = LINE_STYLES[style]
    dash = f' stroke-dasharray="{dashes}"' if dashes else ""
    out = []
    drawn = [piece for piece in pieces if len(piece) >= 2]
    for number, piece in enumerate(drawn):
        head = ""
        if line.kind in ("attack", "route") and number == len(drawn) - 1:
            head = f' marker-end="url(#head-{style}-{scene_id})"'
        points = " ".join(f"{x:.1f},{y:.1f}" for x, y in piece)
        out.append(
            f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="{width}"'
            f"{dash}{head}><title>{escape(line.name)}</title></polyline>"
        )
    return out


_TEXT_COLOURS = {
    "current": "#b3261e",
    "current-label": "#b3261e",
    "held": "#b3261e",
    "held-uncertain": "#b3261e",
    "area": "#555555",
    "footnote": "#1f5fa8",
    "approximate": "#555555",
}


def _text(column: int, row: int, text: str, style: str, anchor: str = "start") -> str:
    x = (column + 0.5) * CELL_WIDTH if anchor == "middle" else column * CELL_WIDTH
    y = (row + 0.5) * CELL_HEIGHT + 4.5
    weight = ' font-weight="bold"' if style in ("current", "current-label", "city", "town", "held") else ""
    italic = ' font-style="italic"' if style == "area" else ""
    fill = _TEXT_COLOURS.get(style, "#1b1b1b")
    # A pale halo keeps a name readable where a line passes under it.
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" {FONT}{weight}{italic} fill="{fill}" '
        f'stroke="#ffffff" stroke-width="3" paint-order="stroke">{escape(text)}</text>'
    )


def _runs(drawing: MapDrawing, column: int, row: int, length: int) -> list[tuple[int, str, str]]:
    """A label as the canvas holds it, split where its style changes (a name, then its held mark)."""
    runs: list[tuple[int, str, str]] = []
    for offset in range(length):
        cell = drawing.canvas.get(column + offset, row)
        if runs and runs[-1][2] == cell.style:
            start, text, style = runs[-1]
            runs[-1] = (start, text + cell.char, style)
        else:
            runs.append((column + offset, cell.char, cell.style))
    return runs


def _furniture(drawing: MapDrawing, width: int, height: int) -> str:
    """North arrow at the top right and scale bar at the bottom left, as on the screen."""
    bar = drawing.scale_columns * CELL_WIDTH
    y = height - CELL_HEIGHT / 2
    return (
        f'<g {FONT}><text x="{width - 12}" y="14" text-anchor="middle" font-weight="bold">N</text>'
        f'<path d="M{width - 12},34 L{width - 12},18 M{width - 16},24 L{width - 12},18 L{width - 8},24" '
        f'stroke="#1b1b1b" fill="none" stroke-width="1.5"/>'
        f'<path d="M4,{y - 4} L4,{y + 4} M4,{y} L{4 + bar},{y} M{4 + bar},{y - 4} L{4 + bar},{y + 4}" '
        f'stroke="#1b1b1b" fill="none" stroke-width="1.5"/>'
        f'<text x="{bar + 10}" y="{y + 4}">{drawing.scale_km} km</text></g>'
    )


def _legend(drawing: MapDrawing) -> list[tuple[str, str]]:
    """(sample, meaning) for each symbol and each kind of line drawn; line samples use their dash pattern."""
    rows = []
    when = drawing.scene.date if drawing.scene else None
    kinds = {_style(line, when) for line in drawing.lines}
    for item in drawing.legend:
        if item.style in LINE_STYLES:
            continue
        sample = (
            f'<text x="12" y="4" text-anchor="middle" {FONT} fill="{_TEXT_COLOURS.get(item.style, "#1b1b1b")}"'
            f">{escape(MARKS.get(item.style, item.symbol))}</text>"
        )
        rows.append((sample, _(item.meaning)))
    for kind, (colour, width, dashes) in LINE_STYLES.items():
        if kind in kinds:
            dash = f' stroke-dasharray="{dashes}"' if dashes else ""
            rows.append(
                (f'<path d="M0,0 L30,0" stroke="{colour}" stroke-width="{width}"{dash}/>', _(LINE_MEANINGS[kind]))
            )
    return rows


def _notes(drawing: MapDrawing) -> list[str]:
    """Where we are, the front and its sources, what has no room, and the lines' sources, wrapped to the map."""
    width = max(40, drawing.canvas.columns)
    parts = [
        drawing.describe_current(),
        drawing.describe_front(),
        drawing.describe_front_note(),
        drawing.describe_footnotes(),
        drawing.describe_far(),
        _("Lines' sources: {sources}.").format(sources=drawing.line_sources) if drawing.line_sources else "",
    ]
    return [row for part in parts if part for row in textwrap.wrap(part, width)]
