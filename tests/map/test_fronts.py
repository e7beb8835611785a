"""Which front a date shows."""

from __future__ import annotations

from engine.map import front_on
from engine.story.model import Front, StoryDate


def front(text: str) -> Front:
    return Front(date=StoryDate.parse(text), held=("a",), text=text, sources=("s",))


FRONTS = (front("1993-03-28"), front("1993-03-27"), front("1993-04-03"))


def test_the_latest_front_starting_on_or_before_the_date() -> None:
    assert front_on(FRONTS, StoryDate.parse("1993-03-27")) is FRONTS[1]
    assert front_on(FRONTS, StoryDate.parse("1993-04-01")) is FRONTS[0]
    assert front_on(FRONTS, StoryDate.parse("1993-04-03")) is FRONTS[2]


def test_none_before_the_first() -> None:
    assert front_on(FRONTS, StoryDate.parse("1993-03-26")) is None


def test_a_vague_date_compares_by_its_start() -> None:
    # "March 1993" starts on 1 March: no front from later in the month is shown for it.
    assert front_on(FRONTS, StoryDate.parse("~1993-03")) is None
    assert front_on(FRONTS, StoryDate.parse("1993-03-28/1993-04-05")) is FRONTS[0]
