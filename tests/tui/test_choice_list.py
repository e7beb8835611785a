"""The choice box: it grows with its choices and shows no scrollbar; more choices than it holds are
told on its bottom edge, and the arrows, the highlight and the wheel reach them."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.geometry import Region, Size

from engine.reading.session import Option
from engine.story.model import Choice
from engine.tui.widgets.choice_list import ChoiceList
from engine.tui.widgets.more_list import MoreList

OPTIONS = [Option(n, Choice(label=f"Choice number {n}", target=f"scene-{n}")) for n in range(1, 8)]


class Host(App[None]):
    CSS = "ChoiceList { height: auto; max-height: 5; border: round white; }"

    def compose(self) -> ComposeResult:
        yield ChoiceList(id="choices")


async def test_more_choices_than_the_box_holds_are_told_on_its_edge_and_reached_by_the_arrows() -> None:
    app = Host()
    async with app.run_test(size=(60, 20)) as pilot:
        box = app.query_one(ChoiceList)
        box.show(OPTIONS, frozenset(), ending=False)
        box.focus()
        await pilot.pause()
        assert box.region.height == 5 and not box.show_vertical_scrollbar
        assert box.border_subtitle == "↓ more" and box.allow_vertical_scroll
        await pilot.press("end")
        await pilot.pause()
        assert box.highlighted == 6 and box.scroll_y == box.max_scroll_y
        assert box.border_subtitle == "↑ more"
        await pilot.press("up", "up", "up")
        await pilot.pause()
        assert box.border_subtitle == "↑↓ more"


async def test_choices_that_fit_say_nothing_more() -> None:
    app = Host()
    async with app.run_test(size=(60, 20)) as pilot:
        box = app.query_one(ChoiceList)
        box.show(OPTIONS, frozenset(), ending=False)
        await pilot.pause()
        box.show(OPTIONS[:2], frozenset(), ending=False)
        await pilot.pause()
        assert box.region.height == 4 and box.border_subtitle is None and not box.allow_vertical_scroll


class ListHost(App[None]):
    """A list whose width and height the test sets, as a resized terminal or a growing box would."""

    CSS = "MoreList { width: 40; height: 6; border: none; padding: 0; }"

    def compose(self) -> ComposeResult:
        yield MoreList()


def drawn(box: MoreList) -> list[str]:
    return [line.text.strip() for line in box.render_lines(Region(0, 0, *box.size))]


async def test_a_list_keeps_its_lines_for_a_new_height_and_wraps_again_for_a_new_width() -> None:
    app = ListHost()
    async with app.run_test(size=(60, 20)) as pilot:
        box = app.query_one(MoreList)
        box.set_options(["Follow the refugees north over the Omar Pass in the snow", "Stay"])
        await pilot.pause()
        assert drawn(box)[:3] == ["Follow the refugees north over the Omar", "Pass in the snow", "Stay"]
        box.styles.height = 10  # only taller: the lines made for this width stand
        await pilot.pause()
        assert drawn(box)[:3] == ["Follow the refugees north over the Omar", "Pass in the snow", "Stay"]
        box.styles.width = 20  # narrower: every option is wrapped again
        await pilot.pause()
        assert drawn(box)[:5] == ["Follow the refugees", "north over the Omar", "Pass in the snow", "Stay", ""]
        box.styles.width = 40
        await pilot.pause()
        assert drawn(box)[:3] == ["Follow the refugees north over the Omar", "Pass in the snow", "Stay"]


async def test_a_hidden_list_counts_its_new_options_at_the_width_it_last_had() -> None:
    """Hidden, the option list cannot make its lines; counted here, showing it needs no second layout."""
    app = ListHost()
    async with app.run_test(size=(60, 20)) as pilot:
        box = app.query_one(MoreList)
        box.set_options(["Stay"])
        await pilot.pause()
        box.display = False
        await pilot.pause()
        box.set_options(["Follow the refugees north over the Omar Pass in the snow", "Stay", "Go"])
        assert box.virtual_size == Size(40, 4)  # the first option takes two lines at 40 columns
        box.display = True
        await pilot.pause()
        assert box.virtual_size == Size(40, 4)
        assert drawn(box)[:4] == ["Follow the refugees north over the Omar", "Pass in the snow", "Stay", "Go"]
