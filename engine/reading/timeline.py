"""Every dated event of a story, grouped by phase, with what this reader has read.

Scenes, dated side-panel entries and fronts are laid on one line of time
(TimelineJS's idea), each keeping its date as honest as its source: a
day, a month, a range or an approximation.  A scene the reader has read can be
returned to; the rest are shown but cannot be jumped to, so the timeline never
reveals a way forward the reading has not taken.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from engine.reading.session import Session
from engine.story.markup import plain_text
from engine.story.model import Phase, Story, StoryDate

EventKind = Literal["scene", "entry", "front"]

_KIND_ORDER = {"scene": 0, "entry": 1, "front": 2}


@dataclass(frozen=True, slots=True)
class TimelineEvent:
    """One dated thing: a scene, a panel entry or a front."""

    kind: EventKind
    ref: str
    """The scene id, the entry's ``panel/id``, or ``front/<date>``."""
    title: str
    date: StoryDate
    read: bool
    """Whether the reader has been at this scene or unlocked this entry; fronts are always shown."""
    moment: int | None
    """For a scene read: the last moment of the reading at it, to jump back to."""
    note: str = ""
    """The editor's note on a scene or a front (its sources are unclear or disputed), as a reader
    hears it: a quotation keeps its marks and loses the markup that attributes it."""
    sources: tuple[str, ...] = ()
    panel: str = ""

    @property
    def disputed(self) -> bool:
        return bool(self.note)


@dataclass(frozen=True, slots=True)
class TimelinePhase:
    """A phase and its events in date order; ``phase`` is None for events before every phase."""

    phase: Phase | None
    events: tuple[TimelineEvent, ...]


def timeline_events(story: Story, session: Session) -> list[TimelinePhase]:
    """The story's dated events grouped by phase, in the story's phase order.

    A scene belongs to its own phase; an entry or front to the latest-starting phase
    whose dates hold its start, else the latest phase begun by then.  "Read" counts every moment of the
    reading, including those ahead of the current one after going back.
    """
    last_moment = {moment.scene: i for i, moment in enumerate(session.moments)}
    read_entries = {ref for scene_id in last_moment for ref in story.scenes[scene_id].unlocks}
    events: list[tuple[str | None, TimelineEvent]] = []
    for scene in story.scenes.values():
        moment = last_moment.get(scene.id)
        events.append(
            (
                scene.phase,
                TimelineEvent(
                    "scene",
                    scene.id,
                    scene.title,
                    scene.date,
                    moment is not None,
                    moment,
                    plain_text(scene.editor_note),
                    scene.sources,
                ),
            )
        )
    for entry in story.entries.values():
        if entry.date is not None:
            events.append(
                (
                    _phase_of(story, entry.date),
                    TimelineEvent(
                        "entry",
                        entry.ref,
                        entry.title,
                        entry.date,
                        entry.ref in read_entries,
                        None,
                        sources=entry.sources,
                        panel=entry.panel,
                    ),
                )
            )
    for front in story.fronts:
        events.append(
            (
                _phase_of(story, front.date),
                TimelineEvent(
                    "front",
                    f"front/{front.date.text}",
                    front.text.strip(),
                    front.date,
                    True,
                    None,
                    note=plain_text(front.note),
                    sources=front.sources,
                ),
            )
        )
    groups: list[TimelinePhase] = []
    for phase in (None, *story.phases):
        key = phase.id if phase else None
        found = sorted(
            (e for p, e in events if p == key), key=lambda e: (e.date.start, e.date.end, _KIND_ORDER[e.kind], e.title)
        )
        if found:
            groups.append(TimelinePhase(phase, tuple(found)))
    return groups


def _phase_of(story: Story, when: StoryDate) -> str | None:
    begun = [p for p in story.phases if p.date.start <= when.start]
    holding = [p for p in begun if when.start <= p.date.end]
    latest = max(holding or begun, key=lambda p: p.date.start, default=None)
    return latest.id if latest else None
