"""The timeline's events: every dated thing, by phase, with what the reader has read."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.reading.session import Session
from engine.reading.timeline import TimelineEvent, timeline_events
from engine.story.load import load_story
from engine.story.model import Story


@pytest.fixture
def story(map_story: Story) -> Story:
    return map_story


def events_by_ref(story: Story, session: Session) -> dict[str, TimelineEvent]:
    return {e.ref: e for group in timeline_events(story, session) for e in group.events}


def test_groups_follow_the_story_s_phases_in_order(story: Story) -> None:
    groups = timeline_events(story, Session(story))
    assert [g.phase.id for g in groups if g.phase] == [p.id for p in story.phases]
    for group in groups:
        starts = [e.date.start for e in group.events]
        assert starts == sorted(starts)


def test_every_scene_dated_entry_and_front_is_there_once(story: Story) -> None:
    events = [e for g in timeline_events(story, Session(story)) for e in g.events]
    refs = [e.ref for e in events]
    assert len(refs) == len(set(refs))
    assert {e.ref for e in events if e.kind == "scene"} == set(story.scenes)
    assert {e.ref for e in events if e.kind == "entry"} == {ref for ref, e in story.entries.items() if e.date}
    assert len([e for e in events if e.kind == "front"]) == len(story.fronts)


def test_scenes_sit_in_their_phase_and_the_rest_by_date(story: Story) -> None:
    groups = {g.phase.id: {e.ref for e in g.events} for g in timeline_events(story, Session(story)) if g.phase}
    assert "return" in groups["epilogue"]
    assert "background/district" in groups["before"]  # c. October 1992
    assert "front/1993-03-27" in groups["first-days"]  # the narrower phase that holds it wins
    assert "casualties/exodus" in groups["the-fall"]


def test_read_and_unread_follow_the_reading(story: Story) -> None:
    session = Session(story)
    session.choose(1)  # the tunnel
    session.choose(1)  # the fall
    events = events_by_ref(story, session)
    assert events["offensive"].read and events["tunnel"].read and events["fall"].read
    assert not events["omar-crossing"].read and not events["return"].read
    assert events["background/district"].read and events["casualties/exodus"].read
    assert not events["politics/un-822"].read


def test_a_read_scene_jumps_to_its_last_moment(story: Story) -> None:
    session = Session(story)
    session.choose(1)
    session.choose(1)
    session.back()
    session.back()  # back at the start; the tunnel and the fall are still ahead in the reading
    events = events_by_ref(story, session)
    assert events["offensive"].moment == 0
    assert events["tunnel"].moment == 1
    assert events["fall"].moment == 2
    assert events["omar-crossing"].moment is None
    assert all(e.moment is None for e in events.values() if e.kind != "scene")


def test_dates_keep_their_uncertainty(story: Story) -> None:
    events = events_by_ref(story, Session(story))
    assert events["background/district"].date.approximate
    assert events["background/district"].date.label() == "c. October 1992"
    assert events["casualties/exodus"].date.label() == "1 – 5 April 1993"


def test_a_scene_with_an_editor_s_note_is_disputed(story: Story) -> None:
    events = events_by_ref(story, Session(story))
    assert events["offensive"].disputed and "disagree" in events["offensive"].note
    assert not events["fall"].disputed


def test_an_added_scene_appears_on_the_timeline(map_story_copy: Path) -> None:
    folder = map_story_copy
    scenes = folder / "scenes" / "02-the-fall.yaml"
    scenes.write_text(
        scenes.read_text(encoding="utf-8")
        + """
  - id: istisu-night
    title: A night at Istisu
    date: 1993-04-02
    place: istisu
    thread: civilians
    text: |
      A night in the spa town.
    sources: [lead/1]
    choices:
      - label: Go on to 3 April
        target: fall
""",
        encoding="utf-8",
    )
    panel = folder / "panels" / "background.yaml"
    panel.write_text(
        panel.read_text(encoding="utf-8")
        + """
  - id: snow
    title: Snow on the passes
    date: ~1993-03-30
    text: |
      The passes were deep in snow.
    sources: [lead/1]
""",
        encoding="utf-8",
    )
    result = load_story(folder)
    assert result.story is not None and not result.diagnostics
    groups = {g.phase.id: g.events for g in timeline_events(result.story, Session(result.story)) if g.phase}
    added = [e for e in groups["the-fall"] if e.ref == "istisu-night"]
    assert added and added[0].title == "A night at Istisu" and not added[0].read
    snow = [e for e in groups["first-days"] if e.ref == "background/snow"]
    assert snow and snow[0].date.label() == "c. 30 March 1993"


def test_a_front_with_an_editor_s_note_is_marked_as_unclear(bundled_story: Story) -> None:
    events = events_by_ref(bundled_story, Session(bundled_story))
    noted = [f for f in bundled_story.fronts if f.note]
    assert noted
    for front in noted:
        event = events[f"front/{front.date.text}"]
        assert event.disputed and event.note.split() == front.note.split()
    plain = next(f for f in bundled_story.fronts if not f.note)
    assert not events[f"front/{plain.date.text}"].disputed


def test_an_editor_s_note_reaches_the_timeline_without_its_markup(bundled_story: Story) -> None:
    """A note that quotes its source keeps the quotation marks and loses the ``{source}`` after them."""
    quoting = [s for s in bundled_story.scenes.values() if "”{" in s.editor_note]
    assert quoting
    events = {e.ref: e for g in timeline_events(bundled_story, Session(bundled_story)) for e in g.events}
    for scene in quoting:
        note = events[scene.id].note
        assert "”" in note and "”{" not in note and "[[" not in note
