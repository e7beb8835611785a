"""The prose widget scrolls its own lines, wraps them again when its width or colours change,
and a click on a link still finds the link after scrolling."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.app import App, ComposeResult
from textual.geometry import Offset

from engine.tui.widgets.prose_view import OpenRef, ProseView

LONG = Text("\n".join(f"Line {n} of the prose." for n in range(1, 61)))
LONG.append(" Kelbajar", Style(meta={"ref": "glossary/kelbajar"}))


class Host(App[None]):
    CSS = "ProseView { height: 1fr; }"

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[str] = []

    def compose(self) -> ComposeResult:
        yield ProseView(LONG)

    def on_open_ref(self, event: OpenRef) -> None:
        self.opened.append(event.ref)


def visible(app: Host) -> list[str]:
    view = app.query_one(ProseView)
    lines = view.render_lines(view.content_region.reset_offset)
    return [line.crop(0, view.virtual_size.width).text.strip() for line in lines]  # the text, not the bar


async def test_a_long_text_scrolls_to_its_end_and_its_links_still_open() -> None:
    app = Host()
    async with app.run_test(size=(40, 10)) as pilot:
        await pilot.pause()
        view = app.query_one(ProseView)
        assert visible(app)[0] == "Line 1 of the prose."
        assert view.virtual_size.height == 60 and view.allow_vertical_scroll
        view.focus()
        await pilot.press("end")
        await pilot.pause()
        assert visible(app)[-1] == "Line 60 of the prose. Kelbajar"
        y = view.content_region.bottom - 1
        x = next(
            x
            for x in range(view.content_region.x, view.content_region.right)
            if app.screen.get_style_at(x, y).meta.get("ref")
        )
        await pilot.click(offset=Offset(x, y))
        assert app.opened == ["glossary/kelbajar"]


def bar_column(app: Host) -> list[str]:
    """The last column of the view as drawn: the scrollbar's, when it shows."""
    view = app.query_one(ProseView)
    return [line.text[-1] for line in view.render_lines(view.content_region.reset_offset)]


def thumb_rows(app: Host) -> list[int]:
    """The rows where the scrollbar's thumb is drawn (reversed cells, or the partial blocks at its ends)."""
    view = app.query_one(ProseView)
    lines = view.render_lines(view.content_region.reset_offset)
    return [y for y, line in enumerate(lines) if list(line)[-1].style.reverse or list(line)[-1].text.strip()]


async def test_the_view_draws_its_own_scrollbar_only_when_the_text_is_longer() -> None:
    app = Host()
    async with app.run_test(size=(40, 10)) as pilot:
        await pilot.pause()
        view = app.query_one(ProseView)
        bar = view.styles.scrollbar_size_vertical
        assert view.virtual_size.width == view.content_region.width - bar  # the prose leaves the bar its room
        assert thumb_rows(app) == [0, 1]  # sixty lines seen ten at a time: a thumb of 1.7 rows, at the top
        assert not view.show_vertical_scrollbar  # Textual's own scrollbar widget never shows
        view.update(Text("A short text."))
        await pilot.pause()
        assert not view.allow_vertical_scroll and visible(app)[0] == "A short text."
        assert thumb_rows(app) == [] and set(bar_column(app)) == {" "}


async def test_the_scrollbar_answers_the_mouse() -> None:
    app = Host()
    async with app.run_test(size=(40, 10)) as pilot:
        await pilot.pause()
        view = app.query_one(ProseView)
        column = view.content_region.right - 1
        await pilot.click(offset=Offset(column, view.content_region.y + 5))  # below the thumb: a page down
        await pilot.pause()
        assert view.scroll_y == view.content_region.height
        await pilot.click(offset=Offset(column, view.content_region.y))  # above it: a page up
        await pilot.pause()
        assert view.scroll_y == 0
        await pilot.mouse_down(offset=Offset(column, view.content_region.y))  # the thumb, dragged down a row
        await pilot.hover(offset=Offset(column, view.content_region.y + 1))
        await pilot.mouse_up(offset=Offset(column, view.content_region.y + 1))
        await pilot.pause()
        assert view.scroll_y == 6  # a row of the bar is sixty lines over ten rows
        assert thumb_rows(app) == [1, 2]


async def test_the_text_is_wrapped_again_for_a_new_width() -> None:
    app = Host()
    async with app.run_test(size=(40, 10)) as pilot:
        view = app.query_one(ProseView)
        view.update(Text("word " * 30))
        await pilot.pause()
        wide = view.virtual_size.height
        await pilot.resize_terminal(20, 10)
        await pilot.pause()
        assert view.virtual_size.height > wide
        assert all(len(line) <= view.scrollable_content_region.width for line in visible(app))


async def test_the_lines_take_the_widgets_new_colours() -> None:
    app = Host()
    async with app.run_test(size=(40, 10)) as pilot:
        view = app.query_one(ProseView)
        before = view.render_lines(view.content_region.reset_offset)[0]
        app.theme = "textual-light" if app.theme != "textual-light" else "nord"
        await pilot.pause()
        after = view.render_lines(view.content_region.reset_offset)[0]
        first = (next(iter(before)), next(iter(after)))
        assert first[0].text == first[1].text and first[0].style.bgcolor != first[1].style.bgcolor
