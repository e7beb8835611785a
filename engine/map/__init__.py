"""The map, drawn from the story's data onto a grid of character cells.

Pure: nothing here imports textual or rich.  A front end turns the cells'
style names ("river", "attack", "current") into colours; the characters alone
must read without them.
"""

from engine.map.canvas import Canvas, Cell
from engine.map.drawing import Footnote, MapDrawing, draw_map
from engine.map.fronts import front_on
from engine.map.projection import BoundingBox, Projection, haversine_km
from engine.map.symbols import LegendItem

__all__ = [
    "BoundingBox", "Canvas", "Cell", "Footnote", "LegendItem", "MapDrawing", "Projection",
    "draw_map", "front_on", "haversine_km",
]
