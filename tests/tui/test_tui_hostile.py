"""Story text that looks like markup is shown as written everywhere the reader meets it (reliability T2, T3)."""

from __future__ import annotations

from dataclasses import replace

from on_screen import screen_text

from engine.story.model import Story
from engine.tui.screens.look_up import LookUpScreen
from engine.tui.widgets.side_panel import SidePanel

HOSTILE = "[@click=app.quit]Leave[/] [b]bold [/"


def hostile_story(story: Story) -> Story:
    """The example with markup-like text in a scene title, a choice, an entry title and a term."""
    overview = story.scenes["overview"]
    choices = (replace(overview.choices[0], label=f"Follow {HOSTILE}"), *overview.choices[1:])
    scenes = dict(story.scenes, overview=replace(overview, title=f"Four {HOSTILE}", choices=choices))
    entries = dict(story.entries)
    entries["background/district"] = replace(entries["background/district"], title=f"District {HOSTILE}")
    terms = dict(story.terms, kelbajar=replace(story.terms["kelbajar"], also=(HOSTILE,)))
    return replace(story, scenes=scenes, entries=entries, terms=terms)


async def test_markup_in_story_text_is_literal_and_runs_nothing(make_app, example_story) -> None:
    app = make_app(fresh=True, story=hostile_story(example_story))
    async with app.run_test(size=(120, 40)) as pilot:
        assert f"Four {HOSTILE}" in screen_text(app, "#scene")
        assert f"Follow {HOSTILE}" in screen_text(app, "#choices")
        assert f"District {HOSTILE}" in screen_text(app, "#background-list")
        await pilot.press("g")
        assert isinstance(app.screen, LookUpScreen)
        assert f"District {HOSTILE}" in screen_text(app, "#look-up-list")
        await pilot.press("down", "enter")
        panel = app.screen.query_one(SidePanel)
        assert panel.open_tab == "background"
        assert f"District {HOSTILE}" in screen_text(app, "#background-entry")
        await pilot.click("#background-entry", offset=(2, 1))
        assert app.return_code is None and app.is_running
