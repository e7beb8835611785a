"""Label placement: greedy right, left, above, below; never overlapping; a footnote when there is no room."""

from __future__ import annotations

import pytest

from engine.map import draw_map
from engine.map.canvas import Canvas
from engine.map.labels import LabelPlacer, LabelRequest
from engine.story.model import Story


def placer_with_mark(columns: int = 20, rows: int = 5, at: tuple[int, int] = (10, 2)) -> LabelPlacer:
    canvas = Canvas(columns, rows)
    canvas.put(*at, "●", "town")
    return LabelPlacer(canvas, {at}, set())


def test_right_is_tried_first() -> None:
    label = placer_with_mark().place(LabelRequest("a", "Abc", 10, 2), "Abc")
    assert label is not None and (label.column, label.row) == (11, 2)


def test_left_when_right_is_off_the_map() -> None:
    label = placer_with_mark(at=(18, 2)).place(LabelRequest("a", "Abc", 18, 2), "Abc")
    assert label is not None and (label.column, label.row) == (15, 2)


def test_above_then_below_when_the_row_is_full() -> None:
    placer = placer_with_mark()
    placer.taken.update((c, 2) for c in range(20) if c != 10)
    above = placer.place(LabelRequest("a", "Abc", 10, 2), "Abc")
    below = placer.place(LabelRequest("b", "Def", 10, 2), "Def")
    assert above is not None and (above.column, above.row) == (9, 1)
    assert below is not None and below.row == 3


def test_nowhere_to_go_gives_none() -> None:
    placer = placer_with_mark(columns=3, rows=1, at=(1, 0))
    assert placer.place(LabelRequest("a", "Kalbajar", 1, 0), "Kalbajar") is None


def test_the_position_crossing_fewest_lines_wins() -> None:
    placer = placer_with_mark()
    placer.canvas.write(11, 2, "≈≈≈", "river")
    label = placer.place(LabelRequest("a", "Abc", 10, 2), "Abc")
    assert label is not None and (label.column, label.row) == (7, 2)


def test_a_label_never_touches_another_place_s_mark() -> None:
    canvas = Canvas(20, 3)
    marks = {(5, 1), (9, 1)}
    for mark in marks:
        canvas.put(*mark, "○", "village")
    placer = LabelPlacer(canvas, marks, set())
    label = placer.place(LabelRequest("a", "Abc", 5, 1), "Abc")
    assert label is not None and (label.column, label.row) != (6, 1)  # would end against the mark at 9


@pytest.mark.parametrize("size", [(46, 21), (60, 18), (80, 24), (86, 36), (120, 40)])
@pytest.mark.parametrize("scene", ["offensive", "tunnel", "fall"])
def test_labels_on_the_map_never_overlap(map_story: Story, scene: str, size: tuple[int, int]) -> None:
    drawing = draw_map(map_story, map_story.scenes[scene], *size)
    covered: dict[tuple[int, int], str] = {}
    marks = {cell: key for key, cell in drawing.marks.items()}
    for key, label in drawing.labels.items():
        for cell in label.cells:
            assert drawing.canvas.inside(*cell)
            assert cell not in covered, f"{key} overlaps {covered[cell]}"
            assert cell not in marks, f"{key} covers the mark of {marks[cell]}"
            covered[cell] = key
    # What the reader sees in those cells is the label's own text.
    for label in drawing.labels.values():
        assert "".join(drawing.canvas.get(*cell).char for cell in label.cells) == label.text


def test_names_without_room_become_numbered_footnotes(map_story: Story) -> None:
    drawing = draw_map(map_story, map_story.scenes["offensive"], 46, 21)
    assert drawing.footnotes, "the district is crowded at this size"
    numbers = [f.number for f in drawing.footnotes]
    assert numbers == list(range(1, len(numbers) + 1))
    text = drawing.describe_footnotes()
    for note in drawing.footnotes:
        assert f"{note.number} {note.place.name}" in text
        if note.shown:
            assert drawing.labels[note.place.id].text.rstrip("×") == str(note.number)
        else:
            assert note.place.id not in drawing.labels
    # Every drawn place is named either on the map or in a footnote.
    footnoted = {f.place.id for f in drawing.footnotes}
    for place_id in drawing.marks:
        assert place_id in footnoted or drawing.labels[place_id].text.startswith(map_story.places[place_id].name)


def test_a_label_that_may_cross_no_line_waits_for_a_clear_place() -> None:
    placer = placer_with_mark(columns=12, rows=1, at=(5, 0))
    placer.canvas.write(0, 0, "≈≈≈≈≈", "river")
    placer.canvas.write(6, 0, "≈≈≈≈≈≈", "river")
    assert placer.place(LabelRequest("a", "Abc", 5, 0), "Abc", max_crossed=0) is None
    assert placer.place(LabelRequest("a", "Abc", 5, 0), "Abc") is not None
