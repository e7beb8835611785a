"""A reading: one list of moments and an index into it; everything else is a view of that list."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from engine.reading.session import SAVE_VERSION, Session, SessionError
from engine.story.load import load_story
from engine.story.model import Story

FIXTURES = Path(__file__).parents[1] / "fixtures" / "stories"

CROSSROADS = """\
phase: march
scenes:
  - id: square
    title: The square
    date: 1993-03-27
    place: charektar
    thread: chronicle
    text: Two roads leave the square.
    sources: [lead/1]
    unlocks: [background/roads]
    choices:
      - label: The north road
        target: north
      - label: The south road
        target: south
  - id: north
    title: North
    date: 1993-03-28
    place: charektar
    thread: chronicle
    text: The north road.
    sources: [lead/1]
    sets: [warned]
    unlocks: [casualties/north, background/roads]
    choices:
      - label: On to the bridge
        target: bridge
  - id: south
    title: South
    date: 1993-03-28
    place: charektar
    thread: chronicle
    text: The south road.
    sources: [lead/1]
    unlocks: [background/south]
    choices:
      - label: On to the bridge
        target: bridge
  - id: bridge
    title: The bridge
    date: 1993-03-29
    place: charektar
    thread: chronicle
    text: The roads meet at the bridge.
    sources: [the-battle/1]
    choices:
      - label: You came from the north
        target: end
        if: {visited: north}
      - label: You came from the south
        target: end
        if: {not_visited: north}
      - label: Heed the warning
        target: end
        if: {flag: warned}
      - label: There was no warning
        target: end
        if: {not_flag: warned}
  - id: end
    title: The end
    date: 1993-03-30
    place: charektar
    thread: chronicle
    text: The end.
    sources: [the-battle/1]
    ending: true
"""


def entries(panel: str, *ids: str) -> str:
    head = "entries:\n" + "".join(f"  - id: {i}\n    title: {i}\n    text: {i}.\n    sources: [lead/1]\n" for i in ids)
    if panel == "casualties":
        head = head.replace("    sources:", "    figure: few\n    counts: dead\n    qualifier: none\n    sources:")
    return head


@pytest.fixture(scope="module")
def crossroads(tmp_path_factory: pytest.TempPathFactory) -> Story:
    folder = tmp_path_factory.mktemp("crossroads") / "story"
    shutil.copytree(
        FIXTURES / "broken" / "e018-flashback-passes", folder, ignore=shutil.ignore_patterns("expected.txt")
    )
    (folder / "scenes" / "01-march.yaml").write_text(CROSSROADS, encoding="utf-8")
    head = folder / "story.yaml"
    text = head.read_text().replace("start: the-plan", "start: square").replace("id: broken", "id: crossroads")
    head.write_text(text)
    (folder / "panels").mkdir()
    (folder / "panels" / "background.yaml").write_text(entries("background", "roads", "south"))
    (folder / "panels" / "casualties.yaml").write_text(entries("casualties", "north"))
    result = load_story(folder)
    assert result.story is not None and result.diagnostics == []
    return result.story


def labels(session: Session) -> list[str]:
    return [option.choice.label for option in session.options()]


def test_a_reading_starts_at_the_start(crossroads: Story) -> None:
    session = Session(crossroads)
    assert session.scene.id == "square" and session.index == 0
    assert [(o.number, o.choice.target) for o in session.options()] == [(1, "north"), (2, "south")]
    assert not session.can_go_back and not session.can_go_forward and not session.at_ending
    assert session.visited == {"square"} and session.flags == frozenset()


def test_conditions_decide_the_choices_offered(crossroads: Story) -> None:
    north, south = Session(crossroads), Session(crossroads)
    north.choose(1)
    assert north.flags == {"warned"}
    north.choose(1)
    south.choose(2)
    south.choose(1)
    assert north.scene.id == south.scene.id == "bridge"
    assert labels(north) == ["You came from the north", "Heed the warning"]
    assert labels(south) == ["You came from the south", "There was no warning"]
    south.choose(2)
    assert south.at_ending and south.options() == []


def test_a_choice_that_is_not_offered_cannot_be_taken(crossroads: Story) -> None:
    session = Session(crossroads)
    for number in (0, 3, -1):
        with pytest.raises(SessionError):
            session.choose(number)
    assert session.moments == Session(crossroads).moments


def test_back_and_forward_move_along_the_reading(crossroads: Story) -> None:
    session = Session(crossroads)
    session.choose(1)
    session.choose(1)
    assert session.back().id == "north" and session.back().id == "square"
    with pytest.raises(SessionError):
        session.back()
    assert session.visited == {"square"} and session.flags == frozenset()
    assert session.can_go_forward and session.forward().id == "north"
    assert session.flags == {"warned"}
    assert session.go(2).id == "bridge" and not session.can_go_forward
    with pytest.raises(SessionError):
        session.forward()
    with pytest.raises(SessionError):
        session.go(3)


def test_a_choice_after_going_back_drops_the_moments_ahead(crossroads: Story) -> None:
    session = Session(crossroads)
    session.choose(1)
    session.choose(1)
    session.go(0)
    session.choose(2)
    assert [m.scene for m in session.moments] == ["square", "south"]
    assert not session.can_go_forward and session.visited == {"square", "south"}


def test_entries_are_unlocked_in_the_order_met_and_once(crossroads: Story) -> None:
    session = Session(crossroads)
    assert session.unlocked == ("background/roads",)
    session.choose(1)
    assert session.unlocked == ("background/roads", "casualties/north")
    assert session.unlocked_in("casualties") == ("casualties/north",)
    assert session.unlocked_in("politics") == ()
    session.back()
    assert session.unlocked == ("background/roads",)


def test_new_entries_until_seen(crossroads: Story) -> None:
    session = Session(crossroads)
    session.choose(2)
    assert session.new_entries == ("background/roads", "background/south")
    session.mark_seen("background/south")
    assert session.new_entries == ("background/roads",) and session.seen == {"background/south"}


def test_the_transcript_shows_every_step_and_the_choice_that_led_there(crossroads: Story) -> None:
    session = Session(crossroads)
    session.choose(2)
    session.choose(1)
    session.back()
    lines = session.transcript()
    assert [(t.index, t.scene.id, t.choice, t.current) for t in lines] == [
        (0, "square", None, False),
        (1, "south", "The south road", True),
        (2, "bridge", "On to the bridge", False),
    ]


def test_a_saved_reading_comes_back_the_same(crossroads: Story) -> None:
    session = Session(crossroads)
    session.choose(1)
    session.choose(1)
    session.back()
    session.mark_seen("casualties/north")
    data = json.loads(json.dumps(session.to_dict()))
    assert (data["version"], data["story"]) == (SAVE_VERSION, "crossroads")
    restored, notes = Session.from_dict(crossroads, data)
    assert notes == []
    assert restored.moments == session.moments and restored.index == session.index
    assert restored.seen == session.seen and restored.flags == session.flags
    assert labels(restored) == labels(session)


def test_another_storys_reading_is_refused(crossroads: Story, example_story: Story) -> None:
    data = Session(example_story).to_dict()
    with pytest.raises(SessionError, match="belongs to the story 'example', not 'crossroads'"):
        Session.from_dict(crossroads, data)


@pytest.mark.parametrize(
    "data",
    [
        None,
        [],
        {},
        {"version": SAVE_VERSION + 1, "story": "crossroads", "moments": [{"scene": "square"}]},
        {"version": True, "story": "crossroads", "moments": [{"scene": "square"}], "index": 0},
        {"version": SAVE_VERSION, "story": "crossroads", "moments": []},
        {"version": SAVE_VERSION, "story": "crossroads", "moments": "square"},
        {"version": SAVE_VERSION, "story": "crossroads", "moments": [{"scene": "gone"}]},
        {"version": SAVE_VERSION, "story": "crossroads", "moments": [7]},
    ],
)
def test_what_is_not_a_reading_is_refused_with_a_reason(crossroads: Story, data: object) -> None:
    with pytest.raises(SessionError):
        Session.from_dict(crossroads, data)  # type: ignore[arg-type]


def test_a_reading_through_scenes_the_story_lost_resumes_at_the_last_one_it_has(crossroads: Story) -> None:
    data = {
        "version": SAVE_VERSION,
        "story": "crossroads",
        "index": 3,
        "seen": ["background/roads", 5],
        "moments": [
            {"scene": "square"},
            {"scene": "north", "choice": "The north road"},
            {"scene": "cut-scene", "choice": "x"},
            {"scene": "end", "choice": 4},
        ],
    }
    session, notes = Session.from_dict(crossroads, data)
    assert [m.scene for m in session.moments] == ["square", "north"] and session.scene.id == "north"
    assert notes == [
        "the story no longer has the scene 'cut-scene'; the reading was cut there",
        "it resumes at 'north'",
    ]
    assert session.seen == {"background/roads"}


def test_a_bad_index_resumes_at_the_last_moment(crossroads: Story) -> None:
    data = Session(crossroads).to_dict() | {"index": True}
    data["moments"].append({"scene": "south", "choice": "The south road"})
    session, notes = Session.from_dict(crossroads, data)
    assert session.scene.id == "south" and notes == []


def test_a_copy_goes_on_separately(crossroads: Story) -> None:
    session = Session(crossroads)
    session.choose(1)
    session.mark_seen("background/roads")
    copy = session.copy()
    assert (copy.moments, copy.index, copy.seen) == (session.moments, session.index, session.seen)
    copy.back()
    copy.mark_seen("glossary/square")
    assert session.index == 1 and "glossary/square" not in session.seen


def test_the_same_reading_in_another_language_keeps_its_moment(example_story: Story) -> None:
    from engine.story.locale import in_language

    session = Session(example_story)
    session.choose(2)
    session.choose(1)
    session.back()
    russian = session.in_story(in_language(example_story, "ru").story)
    assert (russian.index, russian.moments[-1].scene, russian.read) == (1, "breakthrough", session.read)
    assert [m.choice for m in russian.moments] == [None, "Нет: остаться с уходящими людьми", "Дальше, к 28 марта"]
    assert russian.scene.title == "Уход из района" and russian.story.lang == "ru"
