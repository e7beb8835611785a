"""The drawn map: computed from the data, readable without colour, and honest about what it leaves out."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.map import draw_map
from engine.map.symbols import LEGEND, TEXT_STYLES
from engine.story.labels import source_title
from engine.story.load import load_story
from engine.story.model import Story

SIZES = [(46, 21), (80, 24), (86, 36), (120, 40)]


def legend_chars(drawing) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {item.style: item.chars for item in drawing.legend}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("scene", ["offensive", "tunnel", "fall"])
def test_every_mark_has_a_symbol_the_legend_explains(map_story: Story, scene: str, size: tuple[int, int]) -> None:
    drawing = draw_map(map_story, map_story.scenes[scene], *size)
    explained = legend_chars(drawing)
    for column, row, cell in drawing.canvas.cells():
        if cell.style in TEXT_STYLES:
            continue
        assert cell.style in explained, f"{cell} at {column},{row} has no legend item"
        assert cell.char in explained[cell.style], f"{cell.char!r} is not a symbol of {cell.style}"
    assert {item.style for item in drawing.legend} == {c.style for _, _, c in drawing.canvas.cells()} - set(TEXT_STYLES)


def test_every_style_has_its_own_symbols() -> None:
    """Without colour, two kinds of mark must never share a character."""
    seen: dict[str, str] = {}
    for item in LEGEND:
        for char in item.chars:
            assert char not in seen, f"{char!r} stands for both {seen[char]} and {item.style}"
            seen[char] = item.style


def test_places_are_drawn_with_their_kind_and_the_current_place_with_a_star(map_story: Story) -> None:
    drawing = draw_map(map_story, map_story.scenes["fall"], 120, 40)
    at = drawing.canvas.get
    assert at(*drawing.marks["kalbajar"]).char == "★"
    assert at(*drawing.marks["ganja"]).char == "■"
    assert at(*drawing.marks["vardenis"]).char == "●"
    assert at(*drawing.marks["omar-pass"]).char == "▲"
    assert at(*drawing.marks["toganali"]).char == "◎"  # approximate, whatever its kind
    assert "buzdux" not in drawing.marks  # a waypoint shapes a line, it is not a place to mark
    assert "murov-range" in drawing.labels and "murov-range" not in drawing.marks


def test_the_current_place_is_always_named(map_story: Story) -> None:
    for size in SIZES:
        for scene in map_story.scenes.values():
            drawing = draw_map(map_story, scene, *size)
            assert drawing.labels[scene.place].text.startswith(map_story.places[scene.place].name)


def test_far_places_are_listed_not_drawn(map_story: Story) -> None:
    drawing = draw_map(map_story, map_story.scenes["fall"], 80, 24)
    assert {p.id for p in drawing.far} == {"baku", "new-york"}
    assert "baku" not in drawing.marks and "new-york" not in drawing.marks
    assert "Baku" in drawing.describe_far() and "New York" in drawing.describe_far()
    # The district is not squeezed into a corner by them: it spans most of the grid.
    columns = [c for c, _ in drawing.marks.values()]
    assert max(columns) - min(columns) > 24


def test_lines_are_drawn_with_their_kinds_characters(map_story: Story) -> None:
    drawing = draw_map(map_story, map_story.scenes["fall"], 120, 40)
    text = drawing.canvas.text()
    assert "≈" in text and "^" in text and "·" in text
    styles = {cell.style for _, _, cell in drawing.canvas.cells()}
    assert {"river", "ridge", "road", "uncertain", "attack"} <= styles
    # Dashed, with dashed heads: the refugees' road, dated only "about 1 April", going west to Dashkasan,
    # and the Vardenis unit, which set out "shortly thereafter", going south over the Sotk Pass.
    heads = [cell.char for _, _, cell in drawing.canvas.cells() if cell.char in "⇢⇡⇠⇣"]
    assert sorted(heads) == ["⇠", "⇣"]


def test_an_attack_points_from_its_start_to_its_end(map_story: Story) -> None:
    drawing = draw_map(map_story, map_story.scenes["fall"], 120, 40)
    arrows = {cell.char for _, _, cell in drawing.canvas.cells() if cell.style == "attack"}
    # Melkonian's column comes from Sarsang, east of Charektar: westward arrows.
    assert "←" in arrows
    # The main force from Narinclar goes south-west to Zulfugarli.
    assert "↙" in arrows


@pytest.mark.parametrize(
    ("scene", "front"), [("offensive", "1993-03-27"), ("tunnel", "1993-03-31"), ("fall", "1993-04-03")]
)
def test_the_front_shown_is_the_latest_on_or_before_the_scene(map_story: Story, scene: str, front: str) -> None:
    drawing = draw_map(map_story, map_story.scenes[scene], 120, 40)
    assert drawing.front is not None and drawing.front.date.text == front
    caption = drawing.describe_front()
    assert drawing.front.date.label() in caption
    # Its sources by title, as the reader names them; never by the story's ids.
    assert all(source_title(map_story, source) in caption for source in drawing.front.sources)
    assert not any(source in caption for source in drawing.front.sources if "/" in source)


def test_held_places_carry_the_held_mark(map_story: Story) -> None:
    before = draw_map(map_story, map_story.scenes["tunnel"], 120, 40)
    after = draw_map(map_story, map_story.scenes["fall"], 120, 40)
    assert not before.labels["kalbajar"].text.endswith("×")
    assert after.labels["kalbajar"].text.endswith("×")
    column = after.labels["kalbajar"].column + len(after.labels["kalbajar"].text) - 1
    assert after.canvas.get(column, after.labels["kalbajar"].row).style == "held"


def test_no_front_before_the_first(example_story: Story) -> None:
    drawing = draw_map(example_story, example_story.scenes["embankment"], 60, 16)
    assert drawing.front is None
    assert drawing.describe_front() == "No front is recorded on or before 27 March 1993."


def test_north_arrow_and_scale_bar_are_drawn(map_story: Story) -> None:
    drawing = draw_map(map_story, map_story.scenes["fall"], 80, 24)
    lines = drawing.canvas.text().split("\n")
    assert lines[0].endswith("N") and lines[1].endswith("↑")
    assert lines[-1].startswith("├" + "─" * (drawing.scale_columns - 1) + "┤ " + f"{drawing.scale_km} km")


def test_moving_a_place_moves_its_mark(map_story_copy: Path) -> None:
    def kalbajar_mark() -> tuple[int, int]:
        story = load_story(map_story_copy).story
        assert story is not None
        return draw_map(story, story.scenes["fall"], 120, 40).marks["kalbajar"]

    before = kalbajar_mark()
    places = map_story_copy / "places.yaml"
    text = places.read_text(encoding="utf-8")
    assert "    lat: 40.10667\n    lon: 46.03833\n" in text
    # Move Kalbajar about 11 km north and 17 km east.
    places.write_text(
        text.replace("    lat: 40.10667\n    lon: 46.03833\n", "    lat: 40.20667\n    lon: 46.23833\n", 1),
        encoding="utf-8",
    )
    after = kalbajar_mark()
    assert after[0] > before[0] + 3, "east moves right"
    assert after[1] < before[1] - 1, "north moves up"


def test_a_scene_at_an_unknown_place_is_said_so(map_story: Story) -> None:
    from dataclasses import replace

    scene = replace(map_story.scenes["fall"], place="atlantis")
    drawing = draw_map(map_story, scene, 80, 24)
    assert "not in the story's places" in drawing.describe_current()
    assert all(cell.char != "★" for _, _, cell in drawing.canvas.cells())


def test_the_river_is_named_where_its_name_covers_no_line(map_story: Story) -> None:
    for size in ((86, 36), (120, 40)):
        drawing = draw_map(map_story, map_story.scenes["fall"], *size)
        label = drawing.line_labels["tartar-river"]
        assert "".join(drawing.canvas.get(*cell).char for cell in label.cells) == "Tartar River"
        marks_and_names = set(drawing.marks.values()) | {c for lb in drawing.labels.values() for c in lb.cells}
        assert not marks_and_names & set(label.cells)


@pytest.mark.parametrize("place", ["murov-range", "buzdux"])
def test_a_scene_at_a_range_or_waypoint_still_gets_its_star(map_story: Story, place: str) -> None:
    from dataclasses import replace

    scene = replace(map_story.scenes["fall"], place=place)
    drawing = draw_map(map_story, scene, 120, 40)
    assert drawing.canvas.get(*drawing.marks[place]).char == "★"
    assert drawing.describe_current().startswith("3 April 1993: ★ marks")


def test_a_front_s_note_is_an_editor_s_note_apart_from_its_caption(map_story_copy: Path) -> None:
    places = map_story_copy / "places.yaml"
    text = places.read_text(encoding="utf-8")
    marker = "  - date: 1993-03-31\n"
    assert marker in text
    places.write_text(
        text.replace(marker, marker + "    note: |\n      The source names no\n      place for this day.\n", 1),
        encoding="utf-8",
    )
    story = load_story(map_story_copy).story
    assert story is not None
    drawing = draw_map(story, story.scenes["tunnel"], 120, 40)
    assert drawing.describe_front_note() == "Editor's note: The source names no place for this day."
    assert "note" not in drawing.describe_front()  # the caption tells the day; the note stands apart
    assert draw_map(story, story.scenes["fall"], 120, 40).describe_front_note() == ""  # another day's front
