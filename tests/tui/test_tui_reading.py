"""Reading with the Textual app: choosing, going back and forward, the transcript, content notes, autosave."""

from __future__ import annotations

from pathlib import Path

from on_screen import screen_text
from support import latest_reading

from engine.tui.screens.content_note import ContentNoteScreen
from engine.tui.screens.ending import EndingScreen
from engine.tui.screens.reading import ReadingScreen
from engine.tui.screens.transcript import TranscriptScreen
from engine.tui.widgets.choice_list import ChoiceList


async def test_a_number_key_takes_that_choice(make_app) -> None:
    app = make_app(fresh=True)
    async with app.run_test(size=(120, 40)) as pilot:
        assert "Four directions" in screen_text(app, "#scene")
        await pilot.press("1")
        assert app.reading.session.scene.id == "embankment"
        scene = screen_text(app, "#scene")
        assert "The embankment" in scene
        assert "27 March 1993" in scene and "The column" in scene  # when, and the thread followed


async def test_a_number_with_no_choice_does_nothing(make_app) -> None:
    app = make_app(fresh=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("9")
        assert app.reading.session.scene.id == "overview"


async def test_arrows_and_enter_take_the_highlighted_choice(make_app) -> None:
    app = make_app(fresh=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("down", "enter")
        assert app.reading.session.scene.id == "evacuation"


async def test_a_click_takes_a_choice(make_app) -> None:
    app = make_app(fresh=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.click(ChoiceList, offset=(4, 2))
        assert app.reading.session.scene.id == "evacuation"


async def test_back_and_forward(make_app) -> None:
    app = make_app(fresh=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("1", "1")
        assert app.reading.session.scene.id == "breakthrough"
        await pilot.press("b", "b")
        assert app.reading.session.scene.id == "overview"
        assert "Four directions" in screen_text(app, "#scene")
        await pilot.press("f")
        assert app.reading.session.scene.id == "embankment"
        await pilot.press("b", "b")
        assert app.reading.session.scene.id == "overview"


async def test_the_transcript_shows_the_choices_and_jumps_back(make_app) -> None:
    app = make_app(fresh=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("1", "1")
        await pilot.press("h")
        assert isinstance(app.screen, TranscriptScreen)
        await pilot.pause()
        listing = screen_text(app, "#history-list")
        assert "you chose: Follow the column" in listing and "you chose: Go on to 28 March" in listing
        assert "met tenacious resistance at Charektar" in listing  # the text read, not just the titles
        assert "you are here" in listing
        await pilot.press("up", "up", "enter")
        assert isinstance(app.screen, ReadingScreen)
        assert app.reading.session.index == 0 and app.reading.session.scene.id == "overview"
        assert app.reading.session.can_go_forward


async def test_every_choice_is_saved_at_once(make_app, example_story, save_dir: Path) -> None:
    app = make_app(fresh=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("1")
        assert latest_reading(save_dir, example_story).scene.id == "embankment"
        await pilot.press("b")
        saved = latest_reading(save_dir, example_story)
        assert saved.scene.id == "overview" and saved.can_go_forward


async def test_a_content_note_comes_before_the_scene_and_continue_shows_it(make_app) -> None:
    app = make_app(fresh=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        assert isinstance(app.screen, ContentNoteScreen)
        assert "Defeats" not in screen_text(app, "#scene", screen=app.screen_stack[-2])
        await pilot.click("#note-continue")
        assert isinstance(app.screen, ReadingScreen)
        assert "Defeats in late March" in screen_text(app, "#scene")
        assert "Editor's note" in screen_text(app, "#scene")
        await pilot.press("enter")
        assert app.reading.session.scene.id == "breakthrough"


async def test_behind_a_content_note_the_reading_is_left_as_it_was_until_the_answer(make_app) -> None:
    """Nothing is drawn beneath the note, so nothing there paints the note again or moves the keyboard."""
    app = make_app(fresh=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        reading = app.screen
        choices = reading.query_one(ChoiceList)
        before = screen_text(app, "#scene")
        await pilot.press("2")
        await pilot.pause()
        assert isinstance(app.screen, ContentNoteScreen)
        assert screen_text(app, "#scene", screen=reading) == before
        assert reading.focused is choices
        await pilot.press("c")
        await pilot.pause()
        assert "Defeats in late March" in screen_text(app, "#scene")
        assert app.focused is choices and choices.highlighted == 0


async def test_a_content_note_can_be_passed_with_a_summary(make_app) -> None:
    app = make_app(fresh=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await pilot.click("#note-summary")
        text = screen_text(app, "#scene")
        assert "Civilians were being evacuated north" in text
        assert "Defeats in late March" not in text
        await pilot.press("r")
        assert "Defeats in late March" in screen_text(app, "#scene")


async def test_the_note_is_asked_once_per_scene(make_app) -> None:
    app = make_app(fresh=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await pilot.click("#note-summary")
        await pilot.press("1", "b")
        assert isinstance(app.screen, ReadingScreen)
        assert "Civilians were being evacuated north" in screen_text(app, "#scene")


async def test_an_ending_tells_what_was_read_and_leads_to_another_thread(make_app) -> None:
    app = make_app(fresh=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("1", "1", "1")
        assert app.reading.session.at_ending
        await pilot.press("enter")
        assert isinstance(app.screen, EndingScreen)
        await pilot.pause()
        told = screen_text(app, "#ending-told")
        assert "You read 4 of the story's 6 scenes" in told and "Threads you did not follow: The civilians" in told
        await pilot.press("enter")  # read another thread: back to where the civilians' thread begins
        assert isinstance(app.screen, ReadingScreen)
        assert app.reading.session.scene.id == "overview" and app.reading.session.can_go_forward


async def test_an_ending_leads_back_to_the_title_screen_keeping_the_reading(
    make_app, example_story, save_dir: Path
) -> None:
    from engine.tui.screens.title import TitleScreen

    app = make_app(fresh=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("1", "1", "1", "enter")
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen)
    assert latest_reading(save_dir, example_story).at_ending


async def test_each_scene_with_a_note_shows_its_own_note_on_the_one_kept_note_screen(make_app, bundled_story) -> None:
    app = make_app(fresh=True, story=bundled_story)
    async with app.run_test(size=(120, 40)) as pilot:
        seen: list[tuple[ContentNoteScreen, str, str]] = []
        while len(seen) < 2:
            await pilot.press("1")
            await pilot.pause()
            if isinstance(app.screen, ContentNoteScreen):
                scene = app.reading.session.scene
                assert scene.content_note is not None
                shown = screen_text(app, "#note-scene").strip(), " ".join(screen_text(app, "#note-text").split())
                assert shown == (" ".join(scene.title.split()), " ".join(scene.content_note.note.split()))
                seen.append((app.screen, *shown))
                await pilot.press("s")
                await pilot.pause()
        (first, *first_text), (second, *second_text) = seen
        assert first is second and first_text != second_text
