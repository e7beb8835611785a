"""What the reader sees of the timeline: read, unread, disputed, approximate and ranged dates."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App

import engine.tui
from engine.reading.session import Session
from engine.story.load import load_story
from engine.tui.screens.timeline import TimelineScreen

MAP_STORY = Path(__file__).parents[1] / "fixtures" / "stories" / "map"
TIMELINE_TCSS = Path(engine.tui.__file__).parent / "timeline.tcss"


class TimelineApp(App[None]):
    CSS_PATH = [TIMELINE_TCSS]

    def on_mount(self) -> None:
        story = load_story(MAP_STORY).story
        assert story is not None
        session = Session(story)
        session.choose(1)
        session.choose(1)
        self.push_screen(TimelineScreen(session))


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])
def test_timeline(snap_compare, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(TimelineApp(), terminal_size=size)


def test_timeline_on_an_unread_scene(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(TimelineApp(), terminal_size=(100, 30), press=["up", "up"])
