"""When a line or front is on the map: which front a date shows, and whether the sources are sure of it."""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum

from engine.story.model import Front, Line, StoryDate


class Presence(Enum):
    """How a dated line or front stands on the map on one day."""

    ABSENT = "absent"
    """Not drawn: the sources put it wholly before or after the day."""
    UNCERTAIN = "uncertain"
    """Drawn dashed: the sources leave open whether it had begun, or already ended, that day."""
    CERTAIN = "certain"
    """Drawn as itself."""


def _vague(day: StoryDate) -> bool:
    return day.approximate or day.start != day.end


def presence(since: StoryDate | None, until: StoryDate | None, when: StoryDate) -> Presence:
    """Whether something dated ``since``..``until`` (either open) is on the map on ``when``.

    Days compare by ``when``'s first day, as fronts do, so nothing is shown that
    the sources date after the moment shown begins.  A range says the day lies
    somewhere in it: inside the range the line is uncertain, past it certain.
    An approximate date never settles, so it keeps the line uncertain.
    """
    day = when.start
    if (since is not None and day < since.start) or (until is not None and day > until.end):
        return Presence.ABSENT
    doubtful_start = since is not None and (since.approximate or (_vague(since) and day < since.end))
    doubtful_end = until is not None and (until.approximate or (_vague(until) and day > until.start))
    return Presence.UNCERTAIN if doubtful_start or doubtful_end else Presence.CERTAIN


def line_presence(line: Line, when: StoryDate | None) -> Presence:
    """A line on a scene's date; with no date (no scene), only the lines that always stand."""
    if when is None:
        return Presence.CERTAIN if line.since is None and line.until is None else Presence.ABSENT
    return presence(line.since, line.until, when)


def front_on(fronts: Iterable[Front], when: StoryDate) -> Front | None:
    """The latest front whose date starts on or before ``when`` starts, unless it had ended; None before the first.

    Comparing starts never shows a front the sources date after the moment shown.
    A later front replaces an earlier one, so only the latest one's ``until`` counts.
    """
    earlier = [f for f in fronts if f.date.start <= when.start]
    latest = max(earlier, key=lambda f: (f.date.start, f.date.end), default=None)
    if latest is None or presence(latest.date, latest.until, when) is Presence.ABSENT:
        return None
    return latest


def front_presence(front: Front, when: StoryDate) -> Presence:
    """Whether the front shown on ``when`` is certain there or only uncertain."""
    return presence(front.date, front.until, when)
