"""Which front to show for a date."""

from __future__ import annotations

from collections.abc import Iterable

from engine.story.model import Front, StoryDate


def front_on(fronts: Iterable[Front], when: StoryDate) -> Front | None:
    """The latest front whose date starts on or before ``when`` starts; None before the first.

    Comparing starts never shows a front the sources date after the moment shown.
    """
    earlier = [f for f in fronts if f.date.start <= when.start]
    return max(earlier, key=lambda f: (f.date.start, f.date.end), default=None)
