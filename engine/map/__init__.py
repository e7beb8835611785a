"""The map, drawn from the story's data onto a grid of character cells, or as SVG for the edition.

Pure: nothing here imports textual or rich.  A front end turns the cells'
style names ("river", "attack", "current") into colours; the characters alone
must read without them.  Lines may instead be drawn in braille dots
(``braille``), four times finer; lines and fronts appear only on the days their
sources give (``fronts``); ``svg`` draws the same map for paper.
"""

from engine.map.canvas import Canvas, Cell
from engine.map.drawing import Footnote, MapDrawing, draw_map
from engine.map.fronts import Presence, front_on, line_presence
from engine.map.projection import BoundingBox, Projection, Viewport, haversine_km
from engine.map.symbols import LegendItem

__all__ = [
    "BoundingBox",
    "Canvas",
    "Cell",
    "Footnote",
    "LegendItem",
    "MapDrawing",
    "Presence",
    "Projection",
    "Viewport",
    "draw_map",
    "front_on",
    "haversine_km",
    "line_presence",
]
