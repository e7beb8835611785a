"""Which days of the story's main events a reading has covered, worked out from the scenes' dates.

The days come from the story itself: every phase dated to the day (or to a
range of days) counts, and the strip runs from the first such day to the last,
with a 'before' bucket for the background and an 'after' bucket for the
aftermath.  A story whose phases are dated only by month or year has no days.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from engine.reading.session import Session
from engine.story.model import Scene, Story, StoryDate

BEFORE, AFTER = "before", "after"
"""The buckets for scenes set before and after the offensive."""

VAGUE_SPAN = timedelta(days=7)
"""A scene dated more loosely than this (a month, a year) is placed by its first day only."""


def span(story: Story) -> tuple[date, date] | None:
    """The first and last day of the story's day-by-day phases, or None when it has none."""
    dated = [p.date for p in story.phases if not p.epilogue and _to_the_day(p.date)]
    if not dated:
        return None
    return min(d.start for d in dated), max(d.end for d in dated)


def _to_the_day(when: StoryDate) -> bool:
    """Written with a day (not a month or year), and not vaguer than a week."""
    body = when.text.lstrip("~").strip()
    return all(part.count("-") == 2 for part in body.split("/")) and when.end - when.start <= VAGUE_SPAN


def days(story: Story) -> list[date]:
    """The days the strip shows, in order."""
    bounds = span(story)
    if bounds is None:
        return []
    first, last = bounds
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def buckets(when: StoryDate, bounds: tuple[date, date] | None) -> list[date | str]:
    """The strip positions a date covers within ``bounds``: days, or 'before'/'after'."""
    if bounds is None:
        return []
    first, last = bounds
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
    story = session.story
    bounds = span(story)

    def covered(scenes: list[Scene]) -> frozenset[date | str]:
        return frozenset(b for scene in scenes for b in buckets(scene.date, bounds))

    return ReadingDays(
        current=frozenset(buckets(session.scene.date, bounds)),
        read=covered([story.scenes[m.scene] for m in session.history]),
        told=covered(list(story.scenes.values())),
    )
