"""Every screen of the reader as the reader sees it, at 60x16, 80x24, 120x40 and 200x50 (SVG snapshots).

On the example story, so the pictures do not churn with the real one.
Regenerate with ``uv run --dev pytest tests/tui --snapshot-update`` and look at every changed picture.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from support import keep_reading
from textual.pilot import Pilot

from engine.tui.widgets.side_panel import SidePanel

SIZES = [(60, 16), (80, 24), (120, 40), (200, 50)]
Steps = Callable[[Pilot], Awaitable[None]]


async def nothing(pilot: Pilot) -> None:
    await pilot.pause()


async def through_the_note(pilot: Pilot) -> None:
    await pilot.press("2", "c")
    await pilot.pause()


async def content_note(pilot: Pilot) -> None:
    await pilot.press("2")
    await pilot.pause()


async def panel_entry(pilot: Pilot) -> None:
    await through_the_note(pilot)
    screen = pilot.app.screen
    screen.panel_open = True  # type: ignore[attr-defined]
    screen.query_one(SidePanel).open("casualties/evacuated")
    await pilot.pause()


def pressing(*keys: str) -> Steps:
    async def steps(pilot: Pilot) -> None:
        await pilot.press(*keys)
        await pilot.pause()
        await pilot.pause()

    return steps


async def ending(pilot: Pilot) -> None:
    await pilot.press("1", "1", "1", "enter")
    await pilot.pause()


SCREENS: dict[str, Steps] = {
    "reading": nothing,
    "reading-after-a-note": through_the_note,
    "content-note": content_note,
    "panel-entry": panel_entry,
    "map": pressing("1", "m"),
    "timeline": pressing("1", "1", "t"),
    "history": pressing("1", "1", "h"),
    "help": pressing("question_mark"),
    "look-up": pressing("g"),
    "ending": ending,
}


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
@pytest.mark.parametrize("screen", SCREENS)
def test_screen(snap_compare, make_app, screen: str, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(fresh=True), terminal_size=size, run_before=SCREENS[screen])


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_title_screen(snap_compare, make_app, example_story, save_dir, size: tuple[int, int]) -> None:
    keep_reading(save_dir, example_story, 1, number=1)
    keep_reading(save_dir, example_story, 2, 1, number=2)

    async def loaded(pilot: Pilot) -> None:
        await pilot.app.story_opened()  # type: ignore[attr-defined]
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=size, run_before=loaded)


def test_the_readings_on_the_title_screen(snap_compare, make_app, example_story, save_dir) -> None:
    keep_reading(save_dir, example_story, 1, number=1)
    keep_reading(save_dir, example_story, 2, 1, number=2)

    async def listed(pilot: Pilot) -> None:
        await pilot.app.story_opened()  # type: ignore[attr-defined]
        await pilot.press("r")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=listed)


def test_too_small(snap_compare, make_app) -> None:
    assert snap_compare(make_app(fresh=True), terminal_size=(50, 12))
