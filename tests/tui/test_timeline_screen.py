"""The timeline screen, in a small app of its own: going back to read scenes, and only to those."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App
from textual.widget import Widget
from textual.widgets import OptionList

import engine.tui
from engine.reading.session import Session
from engine.story.model import Story
from engine.tui.screens.timeline import DISPUTED, READ, UNREAD, TimelineScreen

TIMELINE_TCSS = Path(engine.tui.__file__).parent / "timeline.tcss"


@pytest.fixture
def story(map_story: Story) -> Story:
    return map_story


def reading(story: Story) -> Session:
    """Offensive, tunnel, fall; then back to the tunnel, so the fall is ahead of the index."""
    session = Session(story)
    session.choose(1)
    session.choose(1)
    session.back()
    return session


class TimelineApp(App[None]):
    CSS_PATH = [TIMELINE_TCSS]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.results: list[int | None] = []

    def on_mount(self) -> None:
        self.push_screen(TimelineScreen(self.session), self.results.append)


def shown(widget: Widget) -> str:
    return "\n".join(line.text for line in widget.render_lines(widget.content_region.reset_offset))


def highlight(screen: TimelineScreen, ref: str) -> None:
    timeline = screen.query_one(OptionList)
    timeline.highlighted = next(
        i for i, option in enumerate(timeline.options) if option.id and screen.events[option.id].ref == ref
    )


async def test_it_opens_at_the_current_scene_and_shows_every_phase(story: Story) -> None:
    app = TimelineApp(reading(story))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TimelineScreen)
        timeline = screen.query_one(OptionList)
        assert screen.events[timeline.options[timeline.highlighted or 0].id or ""].ref == "tunnel"
        text = shown(timeline)
        for phase in story.phases:
            assert phase.title in text
        assert f"{READ} 1 April 1993" in text and f"{UNREAD} 2 April 1993" in text
        assert "c. October 1992" in text and "1 – 5 April 1993" in text
        assert f"The offensive opens {DISPUTED}" in text
        legend = shown(screen.query_one("#timeline-legend"))
        assert DISPUTED in legend and READ in legend and UNREAD in legend and "c." in legend


async def test_choosing_a_read_scene_returns_its_last_moment(story: Story) -> None:
    app = TimelineApp(reading(story))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        highlight(app.screen, "fall")  # ahead of the index, but read: moment 2
        await pilot.press("enter")
        await pilot.pause()
        assert app.results == [2]
        assert not isinstance(app.screen, TimelineScreen)


async def test_an_unread_scene_cannot_be_jumped_to_and_says_why(story: Story) -> None:
    app = TimelineApp(reading(story))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        highlight(screen, "omar-crossing")
        await pilot.pause()
        assert "Not read yet" in shown(screen.query_one("#timeline-detail"))
        await pilot.press("enter")
        await pilot.pause()
        assert app.results == [] and app.screen is screen
        highlight(screen, "offensive")
        await pilot.pause()
        assert "Editor's note: The seed's figures" in shown(screen.query_one("#timeline-detail"))


async def test_escape_closes_with_nothing(story: Story) -> None:
    app = TimelineApp(reading(story))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.results == [None]


async def test_tiny_terminals_and_page_keys_do_not_crash(story: Story) -> None:
    app = TimelineApp(reading(story))
    async with app.run_test(size=(80, 24)) as pilot:
        for size in [(1, 1), (2, 1), (4, 10), (300, 5), (5, 300), (80, 3), (80, 24)]:
            await pilot.resize_terminal(*size)
            await pilot.pause()
            for key in ("pageup", "pagedown", "down", "end", "home"):
                await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, TimelineScreen)


async def test_the_reader_keeps_one_timeline_and_it_shows_the_reading_as_it_stands(make_app) -> None:
    """Opened again after a choice, the same screen marks the scene just read and highlights it."""
    from engine.tui.screens.reading import ReadingScreen

    app = make_app(fresh=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        first = app.screen
        assert isinstance(first, TimelineScreen)
        ahead = app.reading.session.options()[0].choice.target
        line = next(o for o in first.query_one(OptionList).options if o.id and first.events[o.id].ref == ahead)
        assert str(line.prompt).lstrip().startswith(UNREAD)
        await pilot.press("escape", "1")
        await pilot.pause()
        assert isinstance(app.screen, ReadingScreen) and app.reading.session.scene.id == ahead
        await pilot.press("t")
        await pilot.pause()
        assert app.screen is first
        timeline = first.query_one(OptionList)
        current = timeline.highlighted_option
        assert current is not None and first.events[current.id].ref == ahead
        assert str(current.prompt).lstrip().startswith(READ)


async def test_on_the_smallest_terminal_the_current_scene_is_in_view(make_app, bundled_story: Story) -> None:
    """At 60x16 the list holds two rows; the detail under it must not push the current scene out of them."""
    app = make_app(fresh=True, story=bundled_story)
    async with app.run_test(size=(60, 16)) as pilot:
        await pilot.pause()
        for _ in range(3):
            if app.reading.session.scene.content_note:
                await pilot.press("c")
            await pilot.press("1")
            await pilot.pause()
        if app.reading.session.scene.content_note:
            await pilot.press("c")
        await pilot.press("t")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TimelineScreen)
        timeline = screen.query_one(OptionList)
        current = timeline.highlighted_option
        assert current is not None and screen.events[current.id or ""].ref == app.reading.session.scene.id
        assert f"{READ} {app.reading.session.scene.date.label()}" in shown(timeline)
