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
    return [line.text.strip() for line in view.render_lines(view.content_region.reset_offset)]


async def test_a_long_text_scrolls_to_its_end_and_its_links_still_open() -> None:
    app = Host()
    async with app.run_test(size=(40, 10)) as pilot:
        await pilot.pause()
        view = app.query_one(ProseView)
        assert visible(app)[0] == "Line 1 of the prose."
        assert view.show_vertical_scrollbar and view.virtual_size.height == 60
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
