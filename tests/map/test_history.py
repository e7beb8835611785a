"""History on the map: lines and fronts only on the days their sources give, vague days drawn as vague."""

from __future__ import annotations

import pytest

from engine.map import Presence, draw_map, front_on, line_presence
from engine.map.braille import is_braille
from engine.map.fronts import presence
from engine.story.model import Front, Story, StoryDate


def day(text: str) -> StoryDate:
    return StoryDate.parse(text)


@pytest.mark.parametrize(
    ("since", "until", "when", "expected"),
    [
        ("1993-03-27", None, "1993-03-26", Presence.ABSENT),
        ("1993-03-27", None, "1993-03-27", Presence.CERTAIN),
        ("1993-03-27", "1993-04-03", "1993-04-03", Presence.CERTAIN),
        ("1993-03-27", "1993-04-03", "1993-04-04", Presence.ABSENT),
        # A range: the day lies somewhere in it, so inside it the line is uncertain.
        ("1993-03-27/1993-03-28", None, "1993-03-27", Presence.UNCERTAIN),
        ("1993-03-27/1993-03-28", None, "1993-03-28", Presence.CERTAIN),
        (None, "1993-04-03/1993-04-05", "1993-04-03", Presence.CERTAIN),
        (None, "1993-04-03/1993-04-05", "1993-04-04", Presence.UNCERTAIN),
        (None, "1993-04-03/1993-04-05", "1993-04-06", Presence.ABSENT),
        # A month is a range of its days; an approximate date never settles.
        (None, "1993-04", "1993-04-30", Presence.UNCERTAIN),
        ("~1993-04-01", None, "1993-06-01", Presence.UNCERTAIN),
        ("~1993-04-01", None, "1993-03-31", Presence.ABSENT),
        # A scene that spans days is placed by its first, as fronts are.
        ("1993-03-27", None, "1993-03-20/1993-03-30", Presence.ABSENT),
    ],
)
def test_presence(since: str | None, until: str | None, when: str, expected: Presence) -> None:
    assert presence(day(since) if since else None, day(until) if until else None, day(when)) is expected


def test_a_front_is_not_shown_after_its_until() -> None:
    fronts = (
        Front(date=day("1993-03-27"), held=("a",), text="t", sources=("s",)),
        Front(date=day("1993-04-03"), held=("a", "b"), text="t", sources=("s",), until=day("2020-11-25")),
    )
    assert front_on(fronts, day("2020-11-25")) is fronts[1]
    # The later front replaced the earlier one, so the earlier one does not come back.
    assert front_on(fronts, day("2023-12-29")) is None


def test_attacks_appear_only_from_the_day_they_began(bundled_story: Story) -> None:
    before = draw_map(bundled_story, bundled_story.scenes["four-directions"], 120, 40)
    assert not any(line.kind == "attack" for line in before.lines)
    assert all(cell.style not in ("attack", "uncertain") for _, _, cell in before.canvas.cells())
    opening = draw_map(bundled_story, bundled_story.scenes["march-27"], 120, 40)
    shown = {line.id: line_presence(line, opening.scene.date) for line in opening.lines if line.kind == "attack"}
    assert shown == {
        "attack-aghdaban": Presence.CERTAIN,
        "attack-narinclar": Presence.CERTAIN,
        # moved out "later on" and "shortly thereafter": the sources give no day
        "attack-melkonian": Presence.UNCERTAIN,
        "attack-vardenis": Presence.UNCERTAIN,
    }
    assert any(cell.style == "uncertain" for _, _, cell in opening.canvas.cells())
    assert "uncertain" in {item.style for item in opening.legend}


def test_the_epilogue_shows_no_attacks_and_the_front_ends_with_the_handover(bundled_story: Story) -> None:
    handover = draw_map(bundled_story, bundled_story.scenes["handover-2020"], 120, 40)
    assert handover.front is not None and not any(line.kind in ("attack", "route") for line in handover.lines)
    later = draw_map(bundled_story, bundled_story.scenes["return-kalbajar"], 120, 40)
    assert later.front is None
    assert all(cell.style not in ("held", "held-uncertain") for _, _, cell in later.canvas.cells())


def test_every_line_and_front_date_cites_a_source(bundled_story: Story) -> None:
    """A date on the map comes from the seed or from sources.yaml, never from nowhere."""
    for line in bundled_story.lines:
        if line.since or line.until:
            assert line.sources
            assert all(s in bundled_story.citations or "/" in s for s in line.sources)


@pytest.mark.parametrize("braille", [False, True], ids=["characters", "braille"])
@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_no_label_hides_a_label_a_symbol_or_a_route_on_any_day(
    bundled_story: Story, size: tuple[int, int], braille: bool
) -> None:
    for scene in bundled_story.scenes.values():
        drawing = draw_map(bundled_story, scene, *size, braille=braille)
        where = f"{scene.id} at {size[0]}x{size[1]}"
        taken: dict[tuple[int, int], str] = {}
        for key, label in [*drawing.labels.items(), *(("line/" + k, v) for k, v in drawing.line_labels.items())]:
            for cell in label.cells:
                assert cell not in taken, f"{where}: {key} overlaps {taken[cell]} at {cell}"
                taken[cell] = key
            assert "".join(drawing.canvas.get(*c).char for c in label.cells) == label.text, f"{where}: {key} hidden"
        marks = set(drawing.marks.values())
        assert not marks & set(taken), f"{where}: a label covers a mark"
        assert not drawing.routes & set(taken), f"{where}: a label covers a route or an attack"
        numbered = {f.place.id for f in drawing.footnotes}
        for place_id in drawing.marks:
            assert place_id in drawing.labels or place_id in numbered, f"{where}: {place_id} neither named nor listed"


def test_braille_lines_carry_marks_and_labels_on_the_character_grid(map_story: Story) -> None:
    drawing = draw_map(map_story, map_story.scenes["fall"], 120, 40, braille=True)
    cells = drawing.canvas.cells()
    braille = [cell for _, _, cell in cells if is_braille(cell.char)]
    assert braille and all(
        cell.style in {"river", "ridge", "road", "route", "uncertain", "attack", "border"} for cell in braille
    )
    assert drawing.canvas.get(*drawing.marks["kalbajar"]).char == "★"
    explained = {item.style: item.chars for item in drawing.legend}
    for _, _, cell in cells:
        if is_braille(cell.char):
            assert cell.style in explained
        elif cell.style in explained:
            assert cell.char in explained[cell.style]
