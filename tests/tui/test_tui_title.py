"""The title screen: kept readings to continue or delete, a new reading beside them, chapters."""

from __future__ import annotations

from pathlib import Path

from support import keep_reading, latest_reading
from textual.pilot import Pilot
from textual.widgets import OptionList

from engine.reading.readings import Readings
from engine.tui.screens.confirm import ConfirmScreen
from engine.tui.screens.reading import ReadingScreen
from engine.tui.screens.title import TitleScreen


def menu_entries(app) -> list[str]:
    menu = app.screen.query_one("#title-menu", OptionList)
    return [menu.get_option_at_index(i).id for i in range(menu.option_count)]


def listed(app) -> list[str]:
    shown = app.screen.query_one("#title-list", OptionList)
    return [shown.get_option_at_index(i).id for i in range(shown.option_count)]


async def take(pilot: Pilot, entry: str) -> None:
    """Click an entry of the title menu, as a reader with a mouse would."""
    await pilot.app.story_opened()
    await pilot.pause()
    await pilot.click("#title-menu", offset=(3, menu_entries(pilot.app).index(entry)))
    await pilot.pause()


async def test_without_a_kept_reading_there_is_nothing_to_continue(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await app.story_opened()
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen)
        assert menu_entries(app) == ["new", "language"]


async def test_continue_says_where_and_opens_the_reading_saved_last(make_app, example_story, save_dir: Path) -> None:
    keep_reading(save_dir, example_story, 1, number=1)
    keep_reading(save_dir, example_story, 1, 1, number=2)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await app.story_opened()
        await pilot.pause()
        assert menu_entries(app) == ["continue", "new", "readings", "chapters", "language"]
        menu = app.screen.query_one("#title-menu", OptionList)
        assert "Charektar" in str(menu.get_option_at_index(0).prompt)
        await take(pilot, "continue")
        assert isinstance(app.screen, ReadingScreen)
        assert app.reading.number == 2 and app.reading.session.scene.id == "breakthrough"


async def test_a_new_reading_never_touches_the_others(make_app, example_story, save_dir: Path) -> None:
    keep_reading(save_dir, example_story, 1, 1)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await take(pilot, "new")
        assert isinstance(app.screen, ReadingScreen)
        assert app.reading.number == 2 and app.reading.session.scene.id == "overview"
    kept = Readings(save_dir, example_story).shelf().kept
    assert {k.number: k.session.scene.id for k in kept} == {1: "breakthrough", 2: "overview"}


async def test_the_readings_are_listed_and_any_can_be_continued(make_app, example_story, save_dir: Path) -> None:
    keep_reading(save_dir, example_story, 1, number=1)
    keep_reading(save_dir, example_story, 2, number=3)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await app.story_opened()
        await pilot.press("r")
        assert listed(app) == ["reading:1", "reading:3"]
        text = str(app.screen.query_one("#title-list", OptionList).get_option_at_index(0).prompt)
        assert "Reading 1" in text and "The embankment" in text and "began 1 December 2026" in text
        await pilot.press("enter")
        assert isinstance(app.screen, ReadingScreen) and app.reading.number == 1


async def test_a_reading_is_deleted_only_after_confirming(make_app, example_story, save_dir: Path) -> None:
    keep_reading(save_dir, example_story, 1, number=1)
    keep_reading(save_dir, example_story, 2, number=2)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await app.story_opened()
        await pilot.press("r", "d")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # keep it
        assert [k.number for k in Readings(save_dir, example_story).shelf().kept] == [1, 2]
        await pilot.press("d")
        await pilot.press("y")
        await pilot.pause()
        assert [k.number for k in Readings(save_dir, example_story).shelf().kept] == [2]
        assert isinstance(app.screen, TitleScreen) and menu_entries(app) == ["continue", "new", "chapters", "language"]


async def test_a_chapter_opens_once_read(make_app, example_story, save_dir: Path) -> None:
    keep_reading(save_dir, example_story, 1, 1)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await take(pilot, "chapters")
        chapters = app.screen.query_one("#title-list", OptionList)
        assert chapters.display and chapters.has_focus
        assert [chapters.get_option_at_index(i).disabled for i in range(chapters.option_count)] == [False, False]
        await pilot.press("down", "enter")
        assert isinstance(app.screen, ReadingScreen)
        assert app.reading.session.index == 1 and app.reading.session.scene.id == "embankment"


async def test_a_chapter_not_yet_read_stays_closed(make_app, example_story, save_dir: Path) -> None:
    keep_reading(save_dir, example_story)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await app.story_opened()
        await pilot.press("c")
        chapters = app.screen.query_one("#title-list", OptionList)
        assert chapters.get_option_at_index(1).disabled
        await pilot.press("down")
        assert chapters.highlighted == 0
        await pilot.click("#title-list", offset=(3, 2))
        assert isinstance(app.screen, TitleScreen)


async def test_a_reading_continues_after_quitting(make_app) -> None:
    first = make_app(fresh=True)
    async with first.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await pilot.click("#note-continue")
        await pilot.press("1")
        assert first.reading.session.scene.id == "breakthrough"
        await pilot.press("ctrl+q")
    second = make_app()
    async with second.run_test(size=(120, 40)) as pilot:
        await take(pilot, "continue")
        assert second.reading.session.scene.id == "breakthrough"
        assert [m.scene for m in second.reading.session.history] == ["overview", "evacuation", "breakthrough"]


async def test_a_corrupt_reading_is_kept_aside_and_reported(make_app, example_story, save_dir: Path) -> None:
    keep_reading(save_dir, example_story, 1)
    path = Readings(save_dir, example_story).path(1)
    path.write_bytes(path.read_bytes()[:40])
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await app.story_opened()
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any("Reading 1: The saved reading could not be opened" in m for m in messages)
        assert menu_entries(app) == ["new", "language"]
        kept = list(path.parent.glob("reading-1.unreadable-*.json"))
        assert len(kept) == 1 and any(kept[0].name in m for m in messages)


async def test_the_menu_works_from_the_keyboard(make_app, example_story, save_dir: Path) -> None:
    keep_reading(save_dir, example_story, 1)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await app.story_opened()
        await pilot.pause()
        menu = app.screen.query_one("#title-menu", OptionList)
        assert menu.has_focus and menu.highlighted == 0
        await pilot.press("down", "enter")
        assert isinstance(app.screen, ReadingScreen)
        assert app.reading.session.scene.id == "overview" and app.reading.number == 2


async def test_escape_leaves_the_chapters_for_the_menu(make_app, example_story, save_dir: Path) -> None:
    keep_reading(save_dir, example_story, 1)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await app.story_opened()
        await pilot.press("c")
        assert app.screen.query_one("#title-list").has_focus
        await pilot.press("escape")
        assert app.screen.query_one("#title-menu").has_focus


async def test_at_80x24_the_chapters_fit_on_the_screen(make_app, bundled_story, save_dir: Path) -> None:
    keep_reading(save_dir, bundled_story, 1, 1, 1)
    app = make_app(story=bundled_story)
    async with app.run_test(size=(80, 24)) as pilot:
        await take(pilot, "chapters")
        box = app.screen.query_one("#title-box")
        assert box.region.y >= 0 and box.region.bottom <= 23  # above the footer
        assert not app.screen.query_one("#title-attribution").display
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert app.screen.query_one("#title-attribution").display


async def test_a_second_window_on_one_reading_reads_a_copy(make_app, example_story, save_dir: Path) -> None:
    keep_reading(save_dir, example_story, 1)
    readings = Readings(save_dir, example_story)
    elsewhere, _ = readings.open(readings.shelf().kept[0], lambda _message: None)  # another window has it open
    try:
        app = make_app()
        async with app.run_test(size=(120, 40)) as pilot:
            await take(pilot, "continue")
            assert app.reading.number == 2 and app.reading.session.scene.id == "embankment"
            assert any("open in another window" in n.message for n in app._notifications)
            await pilot.press("1")
        elsewhere.choose(1)
        elsewhere.choose(1)
    finally:
        elsewhere.close()
    shelf = {k.number: k.session.scene.id for k in Readings(save_dir, example_story).shelf().kept}
    assert shelf == {1: "the-end", 2: "breakthrough"}
    assert latest_reading(save_dir, example_story).scene.id in ("the-end", "breakthrough")
