"""The side panel: new entries, links and the way back, glossary terms by keyboard and by mouse, sources."""

from __future__ import annotations

from conftest import find_ref, screen_text
from textual.app import App, ComposeResult
from textual.widgets import TabbedContent

from engine.tui.prose import ProseRenderer
from engine.tui.screens.look_up import LookUpScreen
from engine.tui.widgets.safe_option_list import SafeOptionList
from engine.tui.widgets.side_panel import EntryBrowser, SidePanel


def tab_label(app, panel: str) -> str:
    return str(app.screen.query_one(TabbedContent).get_tab(f"tab-{panel}").label)


async def test_a_new_entry_is_marked_until_it_is_seen(make_app) -> None:
    app = make_app(fresh=True)
    async with app.run_test(size=(120, 40)) as pilot:
        assert "●" in tab_label(app, "background")
        assert "● The district" in screen_text(app, "#background-list")
        app.screen.query_one("#background-list").focus()
        await pilot.press("enter")
        assert "Kelbajar lay between Armenia" in screen_text(app, "#background-entry")
        assert "●" not in tab_label(app, "background")
        assert "●" not in screen_text(app, "#background-list")
        assert "background/district" in app.session.seen
        assert "background/district" not in app.session.new_entries


async def test_a_link_in_the_scene_opens_its_entry_by_click(make_app) -> None:
    app = make_app(fresh=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.click(offset=find_ref(app, "background/district"))
        assert app.screen.query_one(SidePanel).open_tab == "background"
        assert "Kelbajar lay between Armenia" in screen_text(app, "#background-entry")


async def test_a_glossary_term_opens_by_click(make_app) -> None:
    app = make_app(fresh=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.click(offset=find_ref(app, "glossary/kelbajar"))
        assert app.screen.query_one(SidePanel).open_tab == "glossary"
        entry = screen_text(app, "#glossary-entry")
        assert "A district of Azerbaijan" in entry and "Kalbajar, Karvachar" in entry


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
        await pilot.click(offset=find_ref(app, "background/district"))
        links = app.screen.query_one("#background-links")
        assert "Kelbajar" in screen_text(app, "#background-links")
        links.focus()
        await pilot.press("enter")
        panel = app.screen.query_one(SidePanel)
        assert panel.open_tab == "glossary"
        assert "A district of Azerbaijan" in screen_text(app, "#glossary-entry")
        await pilot.press("backspace")
        assert panel.open_tab == "background"
        assert app.screen.query_one("#tab-background", EntryBrowser).shown == "background/district"
        assert not panel.trail


async def test_a_casualty_entry_shows_figure_count_and_qualifier(make_app) -> None:
    app = make_app(fresh=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.click(offset=find_ref(app, "background/district"))
        app.screen.query_one("#background-links").focus()
        await pilot.press("down", "enter")
        entry = screen_text(app, "#casualties-entry")
        assert "Figure: not given" in entry
        assert "Counts: civilians evacuated north before the attack" in entry
        assert "Qualifier: the article gives no number" in entry


async def test_the_source_tab_shows_the_cited_paragraphs(make_app, example_story) -> None:
    app = make_app(fresh=True)
    async with app.run_test(size=(120, 40)) as pilot:
        app.screen.query_one(SidePanel).show_tab("source")
        await pilot.pause()
        text = " ".join(screen_text(app, "#source-view").split())
        cited = example_story.article.by_id["lead/1"].text
        assert " ".join(cited.split())[:60] in text
        assert "Heavy resistance" in text


async def test_sources_and_map_are_drawn_for_the_scene_on_screen_when_their_tab_opens(make_app) -> None:
    app = make_app(fresh=True)
    async with app.run_test(size=(120, 40)) as pilot:
        panel = app.screen.query_one(SidePanel)
        await pilot.press("1")  # moved on while the Background tab was open
        scene = app.session.scene
        panel.show_tab("source")
        await pilot.pause()
        assert f"Sources of “{scene.title}”" in screen_text(app, "#source-view")
        panel.show_tab("map")
        await pilot.pause()
        canvas = app.screen.query_one("#map-canvas")
        assert canvas.scene is scene and canvas.drawing is not None


async def test_a_tab_is_made_only_when_first_needed(make_app) -> None:
    app = make_app(fresh=True)
    async with app.run_test(size=(120, 40)) as pilot:
        panel = app.screen.query_one(SidePanel)
        assert [b.panel for b in app.screen.query(EntryBrowser) if b.children] == ["background"]
        assert not app.screen.query("#map-view") and not app.screen.query("#source-view")
        panel.show_tab("map")
        await pilot.pause()
        assert app.screen.query("#map-view")
        assert panel.open("glossary/charektar")
        await pilot.pause()
        assert "A village on the Tartar river" in screen_text(app, "#glossary-entry")
        assert sorted(b.panel for b in app.screen.query(EntryBrowser) if b.children) == ["background", "glossary"]


async def test_a_tab_asked_for_before_it_is_mounted_is_built_once_and_filled(example_story) -> None:
    browser = EntryBrowser("background", "Background", ProseRenderer(example_story))
    browser.build()
    browser.fill(("background/district",), set())

    class Host(App[None]):
        def compose(self) -> ComposeResult:
            yield browser

    async with Host().run_test() as pilot:
        await pilot.pause()
        assert len(browser.query(SafeOptionList)) == 2
        assert browser.query_one(".entry-list", SafeOptionList).option_count == 1
