"""The panel's tab strip: the open tab marked and underlined, kept in view when the row is wider than
the strip, chosen by a click or by left and right, and relabelled in place."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.geometry import Offset

from engine.tui.widgets.panel_tabs import PanelTabs

TABS = [(name, name.capitalize()) for name in ("background", "casualties", "politics", "glossary", "documents")]


class Host(App[None]):
    CSS = "PanelTabs { height: 2; } PanelTabs > .panel-tabs--bar { color: red; background: blue; }"

    def __init__(self) -> None:
        super().__init__()
        self.chosen: list[str] = []

    def compose(self) -> ComposeResult:
        yield PanelTabs(TABS)

    def on_panel_tabs_chosen(self, event: PanelTabs.Chosen) -> None:
        self.chosen.append(event.name)
        self.query_one(PanelTabs).show(event.name)


def drawn(app: Host) -> tuple[str, str]:
    tabs = app.query_one(PanelTabs)
    names, bar = tabs.render_lines(tabs.content_region.reset_offset)
    return names.text, bar.text


def underlined(app: Host) -> str:
    """The text above the highlighted part of the bar."""
    tabs = app.query_one(PanelTabs)
    names, bar = tabs.render_lines(tabs.content_region.reset_offset)
    highlight = tabs.get_component_rich_style("panel-tabs--bar").color  # red; the rest of the bar is blue
    columns, x = [], 0
    for segment in bar:
        if segment.style and segment.style.color == highlight:
            columns.extend(range(x, x + segment.cell_length))
        x += segment.cell_length
    return names.text[min(columns) : max(columns) + 1].strip("╸╺ ")


async def test_the_open_tab_is_underlined_and_a_click_or_the_arrows_choose_another() -> None:
    app = Host()
    async with app.run_test(size=(80, 5)) as pilot:
        assert drawn(app)[0].split() == ["Background", "Casualties", "Politics", "Glossary", "Documents"]
        assert underlined(app) == "Background"
        x = drawn(app)[0].index("Politics")
        await pilot.click(PanelTabs, offset=Offset(x + 2, 0))
        assert app.chosen == ["politics"] and underlined(app) == "Politics"
        assert app.focused is app.query_one(PanelTabs)
        await pilot.press("right")
        await pilot.press("right")
        await pilot.press("right")  # past the last tab, round to the first
        assert app.chosen[1:] == ["glossary", "documents", "background"]
        assert underlined(app) == "Background"


async def test_a_row_wider_than_the_strip_keeps_the_open_tab_in_view() -> None:
    app = Host()
    async with app.run_test(size=(24, 5)) as pilot:
        tabs = app.query_one(PanelTabs)
        assert drawn(app)[0].lstrip().startswith("Background")
        tabs.show("documents")
        await pilot.pause()
        assert "Documents" in drawn(app)[0] and underlined(app) == "Documents"
        x = drawn(app)[0].index("Documents")
        await pilot.click(PanelTabs, offset=Offset(x, 0))
        assert app.chosen == ["documents"]  # the click found the tab where it is drawn, not where it would be


async def test_a_new_label_is_drawn_in_place() -> None:
    app = Host()
    async with app.run_test(size=(80, 5)) as pilot:
        tabs = app.query_one(PanelTabs)
        await pilot.pause()
        before = tabs.region
        tabs.set_label("casualties", "Casualties ●")
        await pilot.pause()
        assert tabs.label("casualties") == "Casualties ●" and "Casualties ●" in drawn(app)[0]
        assert tabs.region == before
