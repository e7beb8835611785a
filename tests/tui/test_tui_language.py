"""Reading in another language: chosen on the title screen or from the palette, at the same moment."""

from __future__ import annotations

import json
from pathlib import Path

from on_screen import screen_text
from textual.widgets import OptionList

from engine.cli.read import last_chosen_language
from engine.i18n import current_language
from engine.story.model import Story
from engine.tui.app import KalbajarApp
from engine.tui.screens.language import LanguageScreen
from engine.tui.screens.reading import ReadingScreen
from engine.tui.screens.title import TitleScreen


async def choose(pilot, lang: str) -> None:  # type: ignore[no-untyped-def]
    """In the language dialog, take ``lang`` as a reader with the keyboard would."""
    dialog = pilot.app.screen
    assert isinstance(dialog, LanguageScreen)
    options = dialog.query_one(OptionList)
    options.highlighted = dialog.languages.index(lang)
    await pilot.press("enter")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_l_reads_on_in_russian_at_the_same_moment_and_the_keys_change_too(make_app, save_dir: Path) -> None:
    app = make_app(fresh=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert "Four directions" in screen_text(app, "#scene")
        await pilot.press("1")
        await pilot.pause()
        moment, scene = app.reading.session.index, app.reading.scene.id
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, LanguageScreen)
        await choose(pilot, "ru")
        assert isinstance(app.screen, ReadingScreen)
        assert (app.reading.session.index, app.reading.scene.id) == (moment, scene)
        assert app.reading.scene.title != app.english.scenes[scene].title  # the Russian title, not the English
        assert app.reading.scene.title in screen_text(app, "#scene")
        assert current_language() == "ru"
        shown = {active.binding.action: active.binding.description for active in app.screen.active_bindings.values()}
        assert shown["back"] == "Назад"
        assert json.loads((save_dir / "settings.json").read_text())["language"] == "ru"
        await pilot.press("b")  # the reading goes on: moves work and are saved as before
        await pilot.pause()
        assert app.reading.session.index == moment - 1


async def test_the_title_screen_offers_the_languages_and_redraws_in_the_one_chosen(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await app.story_opened()
        await pilot.pause()
        menu = app.screen.query_one("#title-menu", OptionList)
        entries = [menu.get_option_at_index(i).id for i in range(menu.option_count)]
        menu.highlighted = entries.index("language")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, LanguageScreen)
        assert app.screen.languages == ("en", "ru")
        await choose(pilot, "ru")
        assert isinstance(app.screen, TitleScreen)
        assert "Пример" in screen_text(app, "#title-name")
        assert current_language() == "ru"


async def test_escape_keeps_the_language(make_app) -> None:
    app = make_app(fresh=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ReadingScreen) and app.lang == "en" and current_language() == "en"


async def test_a_story_without_translations_offers_no_language(make_app, tmp_path: Path, example_story: Story) -> None:
    import shutil

    from engine.story.lint import load_checked

    folder = tmp_path / "story"
    shutil.copytree(Path(example_story.root), folder, ignore=shutil.ignore_patterns("locales"))
    story, _errors = load_checked(folder)
    app = make_app(story=story)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.story_opened()
        await pilot.pause()
        menu = app.screen.query_one("#title-menu", OptionList)
        assert "language" not in [menu.get_option_at_index(i).id for i in range(menu.option_count)]
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen)


def test_the_language_last_chosen_is_read_in_unless_the_command_line_asks_for_another(
    example_dir: Path, tmp_path: Path
) -> None:
    (tmp_path / "settings.json").write_text('{"theme": "", "language": "ru"}')
    assert last_chosen_language(example_dir, tmp_path, "en") == "ru"
    (tmp_path / "settings.json").write_text('{"theme": "", "language": "hy"}')  # the story has no Armenian
    assert last_chosen_language(example_dir, tmp_path, "en") == "en"


async def test_started_in_russian_the_story_and_the_keys_are_russian(example_story: Story, save_dir: Path) -> None:
    app = KalbajarApp(example_story, save_dir, fresh=True, lang="ru")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert "Четыре направления" in screen_text(app, "#scene")


async def test_the_help_kept_between_openings_opens_at_its_top_in_the_language_chosen_since(make_app) -> None:
    from textual.containers import VerticalScroll

    from engine.tui.screens.help import HelpScreen

    app = make_app(fresh=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        first = app.screen
        assert isinstance(first, HelpScreen)
        box = first.query_one("#help-box", VerticalScroll)
        box.scroll_end(animate=False, immediate=True)
        assert box.scroll_y > 0
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        await choose(pilot, "ru")
        await pilot.press("f1")
        await pilot.pause()
        assert app.screen is first and box.scroll_y == 0
        headings = [str(heading.content) for heading in first.query("MarkdownH1")]
        assert headings[0] == "Как читать"
