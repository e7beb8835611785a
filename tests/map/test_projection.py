"""The projection: known points land where the arithmetic says, and the scale bar tells the truth."""

from __future__ import annotations

import math

import pytest

from engine.map.projection import (
    CELL_ASPECT,
    KM_PER_DEGREE,
    BoundingBox,
    Projection,
    haversine_km,
    scale_bar,
)

DISTRICT = BoundingBox(south=39.6, north=40.7, west=45.6, east=47.2)


def test_haversine_matches_known_distances() -> None:
    # Kalbajar to Charektar, and one degree of latitude along a meridian.
    assert haversine_km(40.10667, 46.03833, 40.14556, 46.34444) == pytest.approx(26.4, abs=0.2)
    assert haversine_km(40.0, 46.0, 41.0, 46.0) == pytest.approx(KM_PER_DEGREE, rel=1e-9)


def test_the_middle_of_the_box_is_the_middle_of_the_grid() -> None:
    projection = Projection.fit(DISTRICT, 81, 41)
    assert projection.to_cell(*DISTRICT.middle) == pytest.approx((40.0, 20.0))


def test_north_is_up_and_east_is_right() -> None:
    projection = Projection.fit(DISTRICT, 80, 40)
    column, row = projection.to_cell(40.1, 46.0)
    north = projection.to_cell(40.3, 46.0)
    east = projection.to_cell(40.1, 46.5)
    assert north[1] < row and north[0] == pytest.approx(column)
    assert east[0] > column and east[1] == pytest.approx(row)


def test_a_known_distance_east_spans_the_computed_columns() -> None:
    projection = Projection.fit(DISTRICT, 100, 40)
    lat = DISTRICT.middle[0]
    # 0.5 degrees of longitude at the middle latitude, in km, over the km per column.
    expected = 0.5 * math.cos(math.radians(lat)) * KM_PER_DEGREE / projection.km_per_column
    a, b = projection.to_cell(lat, 46.0), projection.to_cell(lat, 46.5)
    assert b[0] - a[0] == pytest.approx(expected)


def test_rows_span_twice_the_km_of_columns() -> None:
    projection = Projection.fit(DISTRICT, 80, 40)
    top, bottom = projection.to_lat_lon(10, 0), projection.to_lat_lon(10, 1)
    left, right = projection.to_lat_lon(10, 5), projection.to_lat_lon(11, 5)
    down_km = haversine_km(*top, *bottom)
    across_km = haversine_km(*left, *right)
    assert down_km / across_km == pytest.approx(CELL_ASPECT, rel=0.01)


@pytest.mark.parametrize("size", [(80, 24), (46, 21), (120, 40), (86, 36)])
def test_the_box_fits_inside_the_grid(size: tuple[int, int]) -> None:
    projection = Projection.fit(DISTRICT, *size)
    for lat in (DISTRICT.south, DISTRICT.north):
        for lon in (DISTRICT.west, DISTRICT.east):
            column, row = projection.to_cell(lat, lon)
            assert -1e-9 <= column <= size[0] - 1 + 1e-9
            assert -1e-9 <= row <= size[1] - 1 + 1e-9


def test_cells_and_points_round_trip() -> None:
    projection = Projection.fit(DISTRICT, 80, 24)
    lat, lon = projection.to_lat_lon(*projection.to_cell(40.29, 46.2))
    assert (lat, lon) == pytest.approx((40.29, 46.2))


@pytest.mark.parametrize("size", [(80, 24), (46, 21), (120, 40), (86, 36), (200, 60)])
def test_scale_bar_is_within_five_percent_of_haversine(size: tuple[int, int]) -> None:
    projection = Projection.fit(DISTRICT, *size)
    km, columns = scale_bar(projection, max(4, size[0] // 4))
    row = size[1] - 1
    start = projection.to_lat_lon(0, row)
    end = projection.to_lat_lon(columns, row)
    assert haversine_km(*start, *end) == pytest.approx(km, rel=0.05)


def test_a_single_place_still_gets_a_box() -> None:
    box = BoundingBox.around([(40.1, 46.0)])
    assert box.north - box.south > 0 and box.east - box.west > 0
    projection = Projection.fit(box, 20, 10)
    assert projection.cell(40.1, 46.0) == (10, 4) or projection.cell(40.1, 46.0) == (10, 5)


def test_a_grid_too_small_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 2x2"):
        Projection.fit(DISTRICT, 1, 10)
