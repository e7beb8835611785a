"""Which days of the offensive a reading has covered, worked out from the scenes' dates.

The strip runs from 27 March to 3 April 1993, with a 'before' bucket for the
background and an 'after' bucket for the aftermath.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from engine.reading.session import Session
from engine.story.model import Scene, StoryDate

OFFENSIVE = (date(1993, 3, 27), date(1993, 4, 3))
"""The first and last day of the offensive, both shown on the strip."""

BEFORE, AFTER = "before", "after"
"""The buckets for scenes set before and after the offensive."""

VAGUE_SPAN = timedelta(days=7)
"""A scene dated more loosely than this (a month, a year) is placed by its first day only."""


def days() -> list[date]:
    first, last = OFFENSIVE
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def buckets(when: StoryDate) -> list[date | str]:
    """The strip positions a scene's date covers: days, or 'before'/'after'."""
    first, last = OFFENSIVE
    start, end = when.start, when.end
    if end - start > VAGUE_SPAN:
        end = start
    if end < first:
        return [BEFORE]
    if start > last:
        return [AFTER]
    covered: list[date | str] = [BEFORE] if start < first else []
    day = max(start, first)
    while day <= min(end, last):
        covered.append(day)
        day += timedelta(days=1)
    if end > last:
        covered.append(AFTER)
    return covered


@dataclass(frozen=True, slots=True)
class ReadingDays:
    """Where the reader is on the strip, what they have read, and which days the story tells of."""

    current: frozenset[date | str]
    read: frozenset[date | str]
    told: frozenset[date | str]


def reading_days(session: Session) -> ReadingDays:
    def covered(scenes: list[Scene]) -> frozenset[date | str]:
        return frozenset(b for scene in scenes for b in buckets(scene.date))

    story = session.story
    return ReadingDays(
        current=frozenset(buckets(session.scene.date)),
        read=covered([story.scenes[m.scene] for m in session.history]),
        told=covered(list(story.scenes.values())),
    )
