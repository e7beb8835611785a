"""The strip of days: taken from the story's own phases, so any story shows its own dates."""

from __future__ import annotations

from datetime import date

import pytest

from engine.reading.days import AFTER, BEFORE, buckets, days, reading_days, span
from engine.reading.session import Session
from engine.story.model import Story, StoryDate

KALBAJAR = (date(1993, 3, 27), date(1993, 4, 3))


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("1993-03-28", [date(1993, 3, 28)]),
        ("~1993-03", [BEFORE]),
        ("1992", [BEFORE]),
        ("1993-03-30/1993-04-01", [date(1993, 3, 30), date(1993, 3, 31), date(1993, 4, 1)]),
        ("1993-03-25/1993-03-27", [BEFORE, date(1993, 3, 27)]),
        ("1993-04-02/1993-04-05", [date(1993, 4, 2), date(1993, 4, 3), AFTER]),
        ("1993-04", [date(1993, 4, 1)]),
        ("1994-05", [AFTER]),
    ],
)
def test_scene_dates_fall_on_the_strip(written: str, expected: list[date | str]) -> None:
    assert buckets(StoryDate.parse(written), KALBAJAR) == expected


def test_the_bundled_story_runs_from_27_march_to_3_april(bundled_story: Story) -> None:
    assert span(bundled_story) == KALBAJAR
    assert len(days(bundled_story)) == 8


def test_the_example_story_shows_its_own_days(example_story: Story) -> None:
    # its only phase dated to the day is 27-28 March; the other is dated by month
    assert days(example_story) == [date(1993, 3, 27), date(1993, 3, 28)]
    marks = reading_days(Session(example_story))
    assert marks.current == {BEFORE}


def test_a_story_dated_only_by_month_has_no_days(example_story: Story) -> None:
    from dataclasses import replace

    vague = replace(
        example_story, phases=tuple(replace(p, date=StoryDate.parse("1993-03")) for p in example_story.phases)
    )
    assert days(vague) == [] and buckets(StoryDate.parse("1993-03-28"), span(vague)) == []
