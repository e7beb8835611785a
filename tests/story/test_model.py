"""Story dates, conditions and the story's indexes."""

from __future__ import annotations

from datetime import date

import pytest

from engine.story.model import Condition, StoryDate


@pytest.mark.parametrize(
    ("written", "start", "end", "label"),
    [
        ("1993-04-01", date(1993, 4, 1), date(1993, 4, 1), "1 April 1993"),
        ("1993-03", date(1993, 3, 1), date(1993, 3, 31), "March 1993"),
        ("1992", date(1992, 1, 1), date(1992, 12, 31), "1992"),
        ("1993-03-30/1993-04-01", date(1993, 3, 30), date(1993, 4, 1), "30 March – 1 April 1993"),
        ("1993-04-02/1993-04-05", date(1993, 4, 2), date(1993, 4, 5), "2 – 5 April 1993"),
        ("1988/1992", date(1988, 1, 1), date(1992, 12, 31), "1988 – 1992"),
        ("~1993-03", date(1993, 3, 1), date(1993, 3, 31), "c. March 1993"),
        ("1996-02", date(1996, 2, 1), date(1996, 2, 29), "February 1996"),
    ],
)
def test_a_date_is_as_precise_as_written(written: str, start: date, end: date, label: str) -> None:
    parsed = StoryDate.parse(written)
    assert (parsed.start, parsed.end, parsed.label()) == (start, end, label)
    assert parsed.approximate == written.startswith("~")


@pytest.mark.parametrize(
    ("written", "reason"),
    [
        ("1993-02-30", "has no day 30"),
        ("1993-13", "has no month 13"),
        ("1 April 1993", "is not a date"),
        ("1993-04-02/1993-04-01", "ends before it starts"),
        ("", "is not a date"),
    ],
)
def test_a_bad_date_says_why(written: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        StoryDate.parse(written)


def test_a_condition_holds_when_all_its_parts_hold() -> None:
    condition = Condition(visited=("a",), not_visited=("b",), flag=("f",), not_flag=("g",))
    assert condition.holds({"a"}, {"f"})
    assert not condition.holds({"a", "b"}, {"f"})
    assert not condition.holds(set(), {"f"})
    assert not condition.holds({"a"}, {"f", "g"})
    assert not condition.holds({"a"}, set())
    assert Condition().holds(set(), set())


def test_the_story_finds_entries_terms_panels_and_phases(example_story) -> None:  # type: ignore[no-untyped-def]
    story = example_story
    assert story.entry("casualties/evacuated") is story.entries["casualties/evacuated"]
    assert story.entry("glossary/kelbajar") is story.terms["kelbajar"]
    assert story.entry("glossary/nowhere") is None and story.entry("politics/nobody") is None
    assert [e.ref for e in story.panel("background")] == ["background/district"]
    assert story.panel("politics") == ()
    phase = story.phase("first-days")
    assert phase is not None and phase.date.label() == "27 – 28 March 1993"
    assert story.phase("nowhere") is None
