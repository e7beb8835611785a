"""Opening a story folder: the title screen from the cover at once, the story loaded behind it."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest
from support import keep_reading
from textual.widgets import OptionList, Static

from engine.cli.read import play_in_terminal
from engine.reading.readings import Readings
from engine.story.cover import read_cover
from engine.tui.app import KalbajarApp
from engine.tui.screens.reading import ReadingScreen
from engine.tui.screens.title import TitleScreen


@pytest.fixture
def held_load(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """The story loads behind the title screen only once the test sets this (a guard, not a timing)."""
    from engine.story import lint

    loading, load = threading.Event(), lint.load_checked

    def held(folder: Path):  # type: ignore[no-untyped-def]
        loading.wait(60)
        return load(folder)

    monkeypatch.setattr(lint, "load_checked", held)
    return loading


def menu_ids(app: KalbajarApp) -> list[str | None]:
    menu = app.screen.query_one("#title-menu", OptionList)
    return [menu.get_option_at_index(i).id for i in range(menu.option_count)]


def broken_copy(example_dir: Path, tmp_path: Path) -> Path:
    """The example story with one choice leading nowhere: it loads, and lint finds the error."""
    folder = Path(shutil.copytree(example_dir, tmp_path / "example"))
    scenes = folder / "scenes" / "01-plan.yaml"
    scenes.write_text(
        scenes.read_text(encoding="utf-8").replace("target: evacuation", "target: nowhere", 1), encoding="utf-8"
    )
    return folder


async def test_the_title_screen_shows_the_cover_and_the_story_loads_behind_it(
    example_dir: Path, save_dir: Path
) -> None:
    cover = read_cover(example_dir)
    assert cover is not None
    app = KalbajarApp(cover, save_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        assert isinstance(app.screen, TitleScreen)
        assert app.screen.query_one("#title-name", Static).content == "The Example"
        await app.story_opened()
        assert app.readings is not None and app.readings.story.id == "example" and app.reading is None
        await pilot.pause()
        await pilot.press("enter")  # New reading
        assert isinstance(app.screen, ReadingScreen)


async def test_a_choice_made_before_the_story_has_loaded_waits_for_it(example_dir: Path, save_dir: Path) -> None:
    cover = read_cover(example_dir)
    assert cover is not None
    app = KalbajarApp(cover, save_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        app.screen.query_one(OptionList).action_select()  # at once, whether or not the story is there yet
        await app.story_opened()
        for _ in range(100):  # the choice travels as messages (title screen, app, new screen): let them all arrive
            if isinstance(app.screen, ReadingScreen):
                break
            await pilot.pause()
        assert isinstance(app.screen, ReadingScreen)


async def test_a_saved_reading_is_offered_from_the_cover_and_restored_once_loaded(
    example_story, example_dir: Path, save_dir: Path
) -> None:
    session = keep_reading(save_dir, example_story, 1)
    cover = read_cover(example_dir)
    assert cover is not None
    app = KalbajarApp(cover, save_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        assert menu_ids(app)[0] == "continue"
        await app.story_opened()
        await pilot.pause()
        await pilot.press("enter")
        assert isinstance(app.screen, ReadingScreen)
        assert app.reading.session.scene.id == session.scene.id and app.reading.session.index == 1


async def test_a_save_found_unreadable_after_loading_takes_continue_away(
    example_story, example_dir: Path, save_dir: Path
) -> None:
    keep_reading(save_dir, example_story)
    path = Readings(save_dir, example_story).path(1)
    path.write_bytes(path.read_bytes()[:40])
    cover = read_cover(example_dir)
    assert cover is not None
    app = KalbajarApp(cover, save_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.story_opened()
        await pilot.pause()
        assert menu_ids(app) == ["new", "language"]
        assert any("could not be opened" in n.message for n in app._notifications)


async def test_a_story_found_broken_behind_the_title_closes_the_app_with_its_errors(
    example_dir: Path, tmp_path: Path, save_dir: Path
) -> None:
    folder = broken_copy(example_dir, tmp_path)
    cover = read_cover(folder)
    assert cover is not None
    app = KalbajarApp(cover, save_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(50):
            if app.story_errors:
                break
            await pilot.pause(0.02)
    assert [d.code for d in app.story_errors] == ["E012"]
    assert app.return_code == 1


def test_the_terminal_reader_reports_a_broken_story_like_validate(
    example_dir: Path, tmp_path: Path, save_dir: Path, capsys, monkeypatch
) -> None:
    folder = broken_copy(example_dir, tmp_path)

    def run_headless(app: KalbajarApp) -> None:  # no terminal under pytest: drive the app as Pilot does
        import asyncio

        async def drive() -> None:
            async with app.run_test(size=(80, 24)) as pilot:
                while app.is_running and not app.story_errors:
                    await pilot.pause(0.02)

        asyncio.run(drive())

    monkeypatch.setattr(KalbajarApp, "run", run_headless)
    assert play_in_terminal(folder, save_dir) == 1
    err = capsys.readouterr().err
    assert "error: " in err and "[E012]" in err
    assert f"kalbajar: the story in {folder} has errors; run 'kalbajar validate --story {folder}' for details" in err


async def test_a_new_reading_from_the_cover_opens_on_the_first_scene_once_loaded(
    example_dir: Path, save_dir: Path
) -> None:
    cover = read_cover(example_dir)
    assert cover is not None
    app = KalbajarApp(cover, save_dir, fresh=True)  # kalbajar --new: no title screen
    async with app.run_test(size=(120, 40)) as pilot:
        await app.story_opened()
        await pilot.pause()
        assert isinstance(app.screen, ReadingScreen)
        assert app.reading.session.scene.id == "overview" and app.reading.session.index == 0


@pytest.mark.parametrize("kept", [0, 1, 2])
async def test_the_menu_on_the_cover_is_the_menu_once_loaded(
    example_story, example_dir: Path, save_dir: Path, kept: int, held_load: threading.Event
) -> None:
    """Nothing moves under the reader's pointer when the story arrives: a click aimed at an entry lands on it."""
    for number in range(1, kept + 1):
        keep_reading(save_dir, example_story, 1, number=number)
    cover = read_cover(example_dir)
    assert cover is not None
    app = KalbajarApp(cover, save_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        menu = app.screen.query_one("#title-menu", OptionList)
        on_the_cover, where = menu_ids(app), menu.region
        held_load.set()
        await app.story_opened()
        await pilot.pause()
        assert app.screen.query_one("#title-menu", OptionList).region == where
        assert menu_ids(app) == on_the_cover


async def test_n_pressed_before_the_story_has_loaded_begins_a_reading_once_it_has(
    example_dir: Path, save_dir: Path, held_load: threading.Event
) -> None:
    cover = read_cover(example_dir)
    assert cover is not None
    app = KalbajarApp(cover, save_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        title = app.screen
        assert isinstance(title, TitleScreen) and title.shelf is None
        await pilot.press("n")
        held_load.set()
        await app.story_opened()
        await pilot.pause()
        assert isinstance(app.screen, ReadingScreen)


def test_what_the_title_screen_needs_is_all_that_is_imported_before_it_is_drawn() -> None:
    """The story model and the reading screen are imported behind the title screen, with the story."""
    import subprocess
    import sys

    probe = (
        "import sys, engine.tui.app; "
        "print(sorted(m for m in ('engine.story.model', 'engine.story.load', 'engine.tui.screens.reading') "
        "if m in sys.modules))"
    )
    shown = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert shown.stdout.strip() == "[]"
