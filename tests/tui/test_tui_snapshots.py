"""What the reader sees, as SVG snapshots, on the example story (so they don't churn with the real one).

Regenerate with ``uv run pytest tests/tui --snapshot-update`` and look at every changed picture.
"""

from __future__ import annotations

import pytest

from engine.reading.saves import SaveStore
from engine.reading.session import Session
from engine.tui.widgets.side_panel import SidePanel


@pytest.fixture
def app(make_app):
    return make_app(fresh=True)


def test_title_screen(snap_compare, make_app, example_story, save_dir) -> None:
    session = Session(example_story)
    session.choose(1)
    SaveStore(save_dir, example_story).write(session)
    assert snap_compare(make_app(), terminal_size=(120, 40))


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])
def test_scene(snap_compare, app, size: tuple[int, int]) -> None:
    assert snap_compare(app, terminal_size=size)


def test_scene_with_a_quotation_and_an_editors_note(snap_compare, app) -> None:
    async def run_before(pilot) -> None:
        await pilot.press("2")
        await pilot.click("#note-continue")

    assert snap_compare(app, terminal_size=(120, 40), run_before=run_before)


def test_content_note(snap_compare, app) -> None:
    async def run_before(pilot) -> None:
        await pilot.press("2")

    assert snap_compare(app, terminal_size=(120, 40), run_before=run_before)


def test_panel_open_at_80x24(snap_compare, app) -> None:
    async def run_before(pilot) -> None:
        await pilot.press("p")

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def open_ref(ref: str):
    async def run_before(pilot) -> None:
        await pilot.press("2")
        await pilot.click("#note-continue")
        pilot.app.screen.query_one(SidePanel).open(ref)
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("ref", ["background/district", "casualties/evacuated", "glossary/kelbajar"],
                         ids=["background", "casualties", "glossary"])
def test_panel_entry(snap_compare, app, ref: str) -> None:
    assert snap_compare(app, terminal_size=(120, 40), run_before=open_ref(ref))


@pytest.mark.parametrize("tab", ["politics", "source"])
def test_panel_tab(snap_compare, app, tab: str) -> None:
    async def run_before(pilot) -> None:
        pilot.app.screen.query_one(SidePanel).show_tab(tab)
        await pilot.pause()

    assert snap_compare(app, terminal_size=(120, 40), run_before=run_before)


def test_help(snap_compare, app) -> None:
    assert snap_compare(app, terminal_size=(120, 40), press=["f1"])


def test_transcript(snap_compare, app) -> None:
    async def run_before(pilot) -> None:
        await pilot.press("1", "1", "h")

    assert snap_compare(app, terminal_size=(120, 40), run_before=run_before)


def test_too_small(snap_compare, app) -> None:
    assert snap_compare(app, terminal_size=(50, 12))
