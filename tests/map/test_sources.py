"""Every mark on the map can be traced to a source, and every kind the format allows can be drawn."""

from __future__ import annotations

from engine.map import draw_map
from engine.map.sources import source_list
from engine.map.symbols import LABEL_ONLY_KINDS, LINE_ORDER, PLACE_STYLES, UNDRAWN_KINDS
from engine.story.labels import source_title
from engine.story.load import LINE_KINDS, PLACE_KINDS
from engine.story.model import Story


def test_every_place_and_line_kind_has_a_way_to_be_drawn() -> None:
    assert set(PLACE_KINDS) == set(PLACE_STYLES) | set(LABEL_ONLY_KINDS) | set(UNDRAWN_KINDS)
    assert set(LINE_KINDS) | {"uncertain"} == set(LINE_ORDER)  # an attack or route on a vague date


def test_the_source_list_names_every_place_line_and_front_with_its_sources(map_story: Story) -> None:
    text = "\n".join(source_list(map_story))
    for place in map_story.places.values():
        line = next(row for row in text.split("\n") if row.strip().startswith(f"{place.name} ("))
        assert all(source_title(map_story, source) in line for source in place.sources)
        assert ("position estimated" in line) == place.approximate
    for map_line in map_story.lines:
        assert f"{map_line.name} ({map_line.kind})" in text
    for front in map_story.fronts:
        row = next(r for r in text.split("\n") if r.strip().startswith(front.date.label() + ":"))
        assert all(source_title(map_story, source) in row for source in front.sources)
        assert not any(source in row for source in front.sources if "/" in source)  # titles, not ids


def test_a_scene_far_away_is_said_to_be_off_the_map(map_story: Story) -> None:
    from dataclasses import replace

    scene = replace(map_story.scenes["fall"], place="baku")
    drawing = draw_map(map_story, scene, 80, 24)
    assert drawing.describe_current() == "3 April 1993: Baku, too far away to draw."
    assert all(cell.char != "★" for _, _, cell in drawing.canvas.cells())
