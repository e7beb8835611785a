"""From latitude and longitude to character cells, and back.

An equirectangular projection scaled by the cosine of the middle latitude: at
the size of one district the distortion is well under one per cent, and the
arithmetic stays simple enough to test by hand.  Terminal cells are about
twice as tall as they are wide, so a row spans twice the kilometres of a column.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

EARTH_RADIUS_KM = 6371.0088
"""The mean Earth radius (IUGG)."""

KM_PER_DEGREE = math.pi / 180 * EARTH_RADIUS_KM
"""Kilometres in one degree of latitude (or of longitude at the equator)."""

CELL_ASPECT = 2.0
"""How many times taller a terminal cell is than it is wide."""

MIN_SPAN_DEGREES = 0.1
"""The smallest box drawn, so one or two places still get a map around them."""


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """The great-circle distance between two points, in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


@dataclass(frozen=True, slots=True)
class BoundingBox:
    """A box of latitude and longitude, in degrees."""

    south: float
    north: float
    west: float
    east: float

    @classmethod
    def around(cls, points: Iterable[tuple[float, float]], margin: float = 0.03) -> BoundingBox:
        """The box holding every (lat, lon) point, widened by ``margin`` degrees and to a minimum span."""
        lats, lons = zip(*points, strict=True)
        south, north = min(lats) - margin, max(lats) + margin
        west, east = min(lons) - margin, max(lons) + margin
        if north - south < MIN_SPAN_DEGREES:
            middle = (north + south) / 2
            south, north = middle - MIN_SPAN_DEGREES / 2, middle + MIN_SPAN_DEGREES / 2
        if east - west < MIN_SPAN_DEGREES:
            middle = (east + west) / 2
            west, east = middle - MIN_SPAN_DEGREES / 2, middle + MIN_SPAN_DEGREES / 2
        return cls(south, north, west, east)

    @property
    def middle(self) -> tuple[float, float]:
        return (self.south + self.north) / 2, (self.west + self.east) / 2


@dataclass(frozen=True, slots=True)
class Projection:
    """The box fitted into ``columns`` x ``rows`` cells, centred, with one scale for both axes."""

    box: BoundingBox
    columns: int
    rows: int
    km_per_column: float
    """Kilometres from one column to the next; a row spans ``CELL_ASPECT`` times as many."""

    @classmethod
    def fit(cls, box: BoundingBox, columns: int, rows: int) -> Projection:
        if columns < 2 or rows < 2:
            raise ValueError(f"a map needs at least 2x2 cells, not {columns}x{rows}")
        cos_mid = math.cos(math.radians(box.middle[0]))
        width_km = (box.east - box.west) * cos_mid * KM_PER_DEGREE
        height_km = (box.north - box.south) * KM_PER_DEGREE
        scale = max(width_km / (columns - 1), height_km / ((rows - 1) * CELL_ASPECT))
        return cls(box, columns, rows, scale)

    @property
    def km_per_row(self) -> float:
        return self.km_per_column * CELL_ASPECT

    @property
    def _cos_mid(self) -> float:
        return math.cos(math.radians(self.box.middle[0]))

    def to_cell(self, lat: float, lon: float) -> tuple[float, float]:
        """The (column, row) of a point, as fractions; row 0 is the top (north)."""
        mid_lat, mid_lon = self.box.middle
        x_km = (lon - mid_lon) * self._cos_mid * KM_PER_DEGREE
        y_km = (lat - mid_lat) * KM_PER_DEGREE
        return (self.columns - 1) / 2 + x_km / self.km_per_column, (self.rows - 1) / 2 - y_km / self.km_per_row

    def cell(self, lat: float, lon: float) -> tuple[int, int]:
        """The cell a point falls in."""
        column, row = self.to_cell(lat, lon)
        return round(column), round(row)

    def to_lat_lon(self, column: float, row: float) -> tuple[float, float]:
        """The point at a (column, row): the inverse of ``to_cell``."""
        mid_lat, mid_lon = self.box.middle
        x_km = (column - (self.columns - 1) / 2) * self.km_per_column
        y_km = ((self.rows - 1) / 2 - row) * self.km_per_row
        return mid_lat + y_km / KM_PER_DEGREE, mid_lon + x_km / (self._cos_mid * KM_PER_DEGREE)


ZOOM_STEP = 1.5
"""How much one press of ``+`` magnifies."""

MAX_ZOOM = 6
"""Zoom steps allowed in: 1.5**6 is about eleven times, a few hundred metres a column at 120 columns."""


@dataclass(frozen=True, slots=True)
class Viewport:
    """How far the reader has zoomed (steps of ``ZOOM_STEP``) and panned (quarter views east and north)."""

    zoom: int = 0
    east: int = 0
    north: int = 0

    def zoomed(self, steps: int) -> Viewport:
        """In (positive) or out, between the whole map and ``MAX_ZOOM``; zooming out to the whole map re-centres it."""
        zoom = max(0, min(MAX_ZOOM, self.zoom + steps))
        return Viewport() if zoom == 0 else Viewport(zoom, self.east, self.north)

    def panned(self, east: int, north: int) -> Viewport:
        return Viewport(self.zoom, self.east + east, self.north + north)

    @property
    def factor(self) -> float:
        return float(ZOOM_STEP**self.zoom)

    def apply(self, whole: Projection, focus: tuple[float, float] | None = None) -> Projection:
        """The projection of this view: ``whole`` magnified about ``focus``, then moved by quarter views.

        ``focus`` is a (column, row) of the whole map, the scene's place, so zooming in
        keeps it in view; without one, the middle.
        """
        if self == Viewport():
            return whole
        km_per_column = whole.km_per_column / self.factor
        middle = ((whole.columns - 1) / 2, (whole.rows - 1) / 2)
        centre = middle if focus is None or self.zoom == 0 else focus
        # A quarter of what the view shows, across and down, in the whole map's cells.
        column = centre[0] + self.east * (whole.columns - 1) / 4 / self.factor
        row = centre[1] - self.north * (whole.rows - 1) / 4 / self.factor
        lat, lon = whole.to_lat_lon(column, row)
        half_lat = (whole.rows - 1) / 2 * km_per_column * CELL_ASPECT / KM_PER_DEGREE
        half_lon = (whole.columns - 1) / 2 * km_per_column / (math.cos(math.radians(lat)) * KM_PER_DEGREE)
        box = BoundingBox(lat - half_lat, lat + half_lat, lon - half_lon, lon + half_lon)
        return Projection(box, whole.columns, whole.rows, km_per_column)


NICE_KM = (1, 2, 5, 10, 20, 25, 50, 100, 200, 500)
"""Lengths a scale bar may show."""


def scale_bar(projection: Projection, longest: int) -> tuple[int, int]:
    """A scale bar of at most ``longest`` columns: (kilometres, columns), the columns within 5% of the km.

    The longest round length that fits, so the bar is easy to read; when no round length
    fits within 5%, the closest one.
    """
    options = []
    for km in NICE_KM:
        columns = round(km / projection.km_per_column)
        if 1 <= columns <= longest:
            error = abs(columns * projection.km_per_column - km) / km
            options.append((error <= 0.05, km, columns, error))
    if not options:
        return NICE_KM[0], 1
    good = [o for o in options if o[0]]
    best = max(good, key=lambda o: o[1]) if good else min(options, key=lambda o: o[3])
    return best[1], best[2]
