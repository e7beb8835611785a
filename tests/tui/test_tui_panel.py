"""The side panel: what is new, opening entries, links and the way back, terms, sources; nothing ahead."""

from __future__ import annotations

from on_screen import find_ref, screen_text
from textual.widgets import OptionList

from engine.tui.screens.look_up import LookUpScreen
from engine.tui.widgets.entry_browser import EntryBrowser
from engine.tui.widgets.side_panel import SidePanel


def tab_label(app, panel: str) -> str:
    return app.screen.query_one(SidePanel).tab_label(panel)


async def test_with_the_panel_folded_a_new_entry_waits_marked_and_opening_the_panel_reads_it(make_app) -> None:
    app = make_app(fresh=True)
    async with app.run_test(size=(80, 24)) as pilot:
        assert "Background ● 1" in screen_text(app, "#panel-line")
        assert "●" in tab_label(app, "background")
        assert "background/district" in app.reading.session.new_entries
        await pilot.press("p")
        await pilot.pause()
        assert "Kelbajar lay between Armenia" in screen_text(app, "#background-entry")
        assert "●" not in tab_label(app, "background")
        assert "background/district" in app.reading.session.seen


async def test_beside_the_scene_the_panel_opens_on_what_this_scene_unlocks(make_app) -> None:
    app = make_app(fresh=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.screen.query_one(SidePanel).open_tab == "background"
        assert "Kelbajar lay between Armenia" in screen_text(app, "#background-entry")
        assert "background/district" in app.reading.session.seen


async def test_moving_through_a_list_reads_nothing_and_enter_opens(make_app) -> None:
    app = make_app(fresh=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")  # the evacuation: a content note, then a casualty entry, waiting unread
        await pilot.press("c")
        await pilot.press("1")  # on to the breakthrough, which unlocks nothing
        await pilot.press("p")
        panel = app.screen.query_one(SidePanel)
        panel.show_tab("casualties")
        await pilot.pause()
        browser = app.screen.query_one("#tab-casualties", EntryBrowser)
        browser.focus_list()
        assert "● Civilians evacuated" in screen_text(app, "#casualties-list")
        await pilot.press("down", "up")
        assert "casualties/evacuated" not in app.reading.session.seen
        await pilot.press("enter")
        assert "casualties/evacuated" in app.reading.session.seen
        assert "Figure: not given" in screen_text(app, "#casualties-entry")


async def test_a_link_in_the_scene_opens_its_entry_by_click(make_app) -> None:
    app = make_app(fresh=True)
    async with app.run_test(size=(120, 40)) as pilot:
        app.screen.query_one(SidePanel).show_tab("glossary")
        await pilot.click(offset=find_ref(app, "background/district"))
        assert app.screen.query_one(SidePanel).open_tab == "background"
        assert "Kelbajar lay between Armenia" in screen_text(app, "#background-entry")


async def test_a_glossary_term_met_in_the_scene_opens_by_click(make_app) -> None:
    app = make_app(fresh=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.click(offset=find_ref(app, "glossary/kelbajar"))
        assert app.screen.query_one(SidePanel).open_tab == "glossary"
        entry = screen_text(app, "#glossary-entry")
        assert "A district of Azerbaijan" in entry and "Kalbajar, Karvachar" in entry


async def test_the_glossary_lists_only_terms_met_so_far(make_app) -> None:
    app = make_app(fresh=True)
    async with app.run_test(size=(120, 40)) as pilot:
        app.screen.query_one(SidePanel).show_tab("glossary")
        await pilot.pause()
        assert "Kelbajar" in screen_text(app, "#glossary-list")
        assert "Charektar" not in screen_text(app, "#glossary-list")  # named only in later scenes
        assert not app.screen.query_one(SidePanel).open("glossary/charektar")
        await pilot.press("1")
        await pilot.pause()
        assert "Charektar" in screen_text(app, "#glossary-list")


async def test_a_glossary_term_opens_by_keyboard(make_app) -> None:
    app = make_app(fresh=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("g")
        assert isinstance(app.screen, LookUpScreen)
        listed = screen_text(app, "#look-up-list")
        assert 0 <= listed.index("Kelbajar") < listed.index("The district")
        await pilot.press("enter")
        assert app.screen.query_one(SidePanel).open_tab == "glossary"
        assert "A district of Azerbaijan" in screen_text(app, "#glossary-entry")


async def test_links_in_an_entry_open_other_entries_and_backspace_returns(make_app) -> None:
    app = make_app(fresh=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.click(offset=find_ref(app, "glossary/kelbajar", "#background-entry"))
        panel = app.screen.query_one(SidePanel)
        assert panel.open_tab == "glossary"
        assert "A district of Azerbaijan" in screen_text(app, "#glossary-entry")
        app.screen.query_one("#glossary-entry").focus()
        await pilot.press("backspace")
        assert panel.open_tab == "background"
        assert app.screen.query_one("#tab-background", EntryBrowser).shown == "background/district"
        assert not panel.trail
        await pilot.press("backspace")  # from the entry to its list
        assert app.screen.query_one("#tab-background", EntryBrowser).shown is None


async def test_no_entry_links_to_itself_and_nothing_ahead_is_linked(make_app) -> None:
    app = make_app(fresh=True)
    async with app.run_test(size=(120, 40)) as pilot:
        panel = app.screen.query_one(SidePanel)
        assert panel.open("glossary/kelbajar")
        await pilot.pause()
        entry = app.screen.query_one("#glossary-entry")
        refs = {ref for ref in _refs_in(app, "#glossary-entry")}
        assert "glossary/kelbajar" not in refs
        assert entry is not None
        # the district entry links the casualty entry, which no scene read so far has unlocked
        assert panel.open("background/district")
        await pilot.pause()
        assert "casualties/evacuated" not in set(_refs_in(app, "#background-entry"))


def _refs_in(app, selector: str) -> list[str]:
    from engine.tui.prose import ref_at

    region = app.screen.query_one(selector).content_region
    return [
        ref
        for y in range(region.y, region.bottom)
        for x in range(region.x, region.right)
        if (ref := ref_at(app.screen.get_style_at(x, y)))
    ]


async def test_the_source_tab_shows_sources_by_their_titles(make_app, example_story) -> None:
    app = make_app(fresh=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        text = " ".join(screen_text(app, "#source-view").split())
        cited = example_story.article.by_id["lead/1"].text
        assert " ".join(cited.split())[:60] in text
        assert "Heavy resistance" in text
        assert "the-battle/heavy-resistance/1" not in text and "lead/1" not in text


async def test_sources_and_map_are_drawn_for_the_scene_on_screen_when_their_tab_opens(make_app) -> None:
    app = make_app(fresh=True)
    async with app.run_test(size=(120, 40)) as pilot:
        panel = app.screen.query_one(SidePanel)
        await pilot.press("1")  # moved on while the Background tab was open
        scene = app.reading.session.scene
        panel.show_tab("source")
        await pilot.pause()
        assert f"The sources of “{scene.title}”" in screen_text(app, "#source-view")
        panel.show_tab("map")
        await pilot.pause()
        await pilot.pause()
        canvas = app.screen.query_one("#map-canvas")
        assert canvas.scene is scene and canvas.drawing is not None


async def test_the_map_and_source_tabs_are_made_only_when_first_needed(make_app) -> None:
    app = make_app(fresh=True)
    async with app.run_test(size=(120, 40)) as pilot:
        assert not app.screen.query("#map-view") and not app.screen.query("#source-view")
        app.screen.query_one(SidePanel).show_tab("map")
        await pilot.pause()
        assert app.screen.query("#map-view")
        assert len(app.screen.query_one("#tab-background").query(OptionList)) == 1


async def test_a_document_opens_once_a_scene_read_links_it(make_app) -> None:
    app = make_app(fresh=True)
    async with app.run_test(size=(120, 40)) as pilot:
        panel = app.screen.query_one(SidePanel)
        assert not panel.open("documents/a-statement")
        await pilot.press("1", "1")
        await pilot.click(offset=find_ref(app, "documents/a-statement"))
        assert panel.open_tab == "documents"
        entry = screen_text(app, "#documents-entry")
        assert "It calls for the fighting to stop." in entry and "Text taken from:" in entry
        assert "A statement on the fighting" in screen_text(app, "#documents-list")
