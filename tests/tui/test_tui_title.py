"""The title screen, and a reading that continues from one run to the next."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from engine.reading.saves import SaveStore
from engine.reading.session import Session
from engine.tui.screens.reading import ReadingScreen
from engine.tui.screens.title import TitleScreen
from engine.tui.widgets.menu import Menu
from engine.tui.widgets.safe_option_list import SafeOptionList


def menu_entries(app) -> list[str]:
    return app.screen.query_one("#title-menu", Menu).ids


async def take(pilot: Pilot, entry: str) -> None:
    """Click an entry of the title menu, as a reader with a mouse would."""
    await pilot.pause()
    await pilot.click("#title-menu", offset=(3, menu_entries(pilot.app).index(entry)))
    await pilot.pause()


def save_reading(story, save_dir: Path, *choices: int) -> Session:
    session = Session(story)
    for number in choices:
        session.choose(number)
    SaveStore(save_dir, story).write(session)
    return session


async def test_without_a_saved_reading_there_is_no_continue(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)):
        assert isinstance(app.screen, TitleScreen)
        assert menu_entries(app) == ["new-reading", "chapters"]


async def test_continue_opens_the_saved_reading(make_app, example_story, save_dir: Path) -> None:
    save_reading(example_story, save_dir, 1, 1)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        assert menu_entries(app) == ["continue", "new-reading", "chapters"]
        await take(pilot, "continue")
        assert isinstance(app.screen, ReadingScreen)
        assert app.session.scene.id == "breakthrough"
        assert app.session.index == 2


async def test_new_reading_starts_at_the_beginning(make_app, example_story, save_dir: Path) -> None:
    save_reading(example_story, save_dir, 1)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await take(pilot, "new-reading")
        assert isinstance(app.screen, ReadingScreen)
        assert app.session.scene.id == "overview" and not app.session.can_go_forward


async def test_a_chapter_opens_once_read(make_app, example_story, save_dir: Path) -> None:
    save_reading(example_story, save_dir, 1, 1)
    session = save_reading(example_story, save_dir, 1, 1)
    session.go(0)
    SaveStore(save_dir, example_story).write(session)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await take(pilot, "chapters")
        chapters = app.screen.query_one("#chapter-list", SafeOptionList)
        assert chapters.display and chapters.has_focus
        assert [chapters.get_option_at_index(i).disabled for i in range(chapters.option_count)] == [False, False]
        await pilot.press("down", "enter")
        assert isinstance(app.screen, ReadingScreen)
        assert app.session.index == 1 and app.session.scene.id == "embankment"


async def test_a_chapter_not_yet_read_stays_closed(make_app, example_story, save_dir: Path) -> None:
    session = Session(example_story)
    SaveStore(save_dir, example_story).write(session)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("c")
        chapters = app.screen.query_one("#chapter-list", SafeOptionList)
        assert chapters.get_option_at_index(1).disabled
        await pilot.press("down")
        assert chapters.highlighted == 0
        await pilot.click("#chapter-list", offset=(3, 2))
        assert isinstance(app.screen, TitleScreen)


async def test_a_reading_continues_after_quitting(make_app) -> None:
    first = make_app(fresh=True)
    async with first.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await pilot.click("#note-continue")
        await pilot.press("1")
        assert first.session.scene.id == "breakthrough"
        await pilot.press("ctrl+q")
    second = make_app()
    async with second.run_test(size=(120, 40)) as pilot:
        await take(pilot, "continue")
        assert second.session.scene.id == "breakthrough"
        assert [m.scene for m in second.session.history] == ["overview", "evacuation", "breakthrough"]


async def test_a_corrupt_save_is_kept_aside_and_reported(make_app, example_story, save_dir: Path) -> None:
    save_reading(example_story, save_dir, 1)
    path = SaveStore(save_dir, example_story).path
    path.write_bytes(path.read_bytes()[:40])
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any("could not be opened" in m for m in messages)
        assert "continue" not in menu_entries(app)
        kept = list(save_dir.glob("example.unreadable-*.json"))
        assert len(kept) == 1 and any(kept[0].name in m for m in messages)


async def test_the_menu_works_from_the_keyboard(make_app, example_story, save_dir: Path) -> None:
    save_reading(example_story, save_dir, 1)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        menu = app.screen.query_one("#title-menu", Menu)
        assert menu.has_focus and menu.highlighted == 0
        await pilot.press("up")  # wraps round to the last entry
        assert menu.ids[menu.highlighted] == "chapters"
        await pilot.press("down", "down", "enter")
        assert isinstance(app.screen, ReadingScreen)
        assert app.session.scene.id == "overview" and not app.session.can_go_forward


async def test_escape_leaves_the_chapters_for_the_menu(make_app, example_story, save_dir: Path) -> None:
    save_reading(example_story, save_dir, 1)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("c")
        assert app.screen.query_one("#chapter-list").has_focus
        await pilot.press("escape")
        assert app.screen.query_one("#title-menu").has_focus


async def test_at_80x24_the_chapters_fit_on_the_screen(make_app, bundled_story) -> None:
    """On a short terminal the chapter list is shorter and takes the attribution's place."""
    app = make_app(story=bundled_story)
    async with app.run_test(size=(80, 24)) as pilot:
        await take(pilot, "chapters")
        box = app.screen.query_one("#title-box")
        assert box.region.y >= 0 and box.region.bottom <= 23  # above the footer
        assert not app.screen.query_one("#title-attribution").display
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert app.screen.query_one("#title-attribution").display
