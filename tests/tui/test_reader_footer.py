"""The footer: the keys that work on this screen, with what they do; a click presses the key."""

from __future__ import annotations

from textual.geometry import Offset

from engine.tui.widgets.reader_footer import ReaderFooter


def footer_text(app) -> str:
    footer = app.screen.query_one(ReaderFooter)
    return footer.render_lines(footer.region.reset_offset)[0].text.rstrip()


def key_cell(app, key: str) -> Offset:
    footer = app.screen.query_one(ReaderFooter)
    y = footer.region.y
    for x in range(footer.region.x, footer.region.right):
        if app.screen.get_style_at(x, y).meta.get("footer-key") == key:
            return Offset(x, y)
    raise AssertionError(f"{key} is not in the footer")


async def test_the_footer_lists_the_keys_that_work_now(make_app) -> None:
    app = make_app(fresh=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        text = footer_text(app)
        assert text.startswith("1-9 Choose h History g Look up p Panel")
        assert "b Back" not in text  # nothing to go back to yet
        await pilot.press("1")
        await pilot.pause()
        assert "b Back" in footer_text(app)


async def test_a_click_on_a_key_presses_it(make_app) -> None:
    app = make_app(fresh=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.click(offset=key_cell(app, "h"))
        await pilot.pause()
        assert type(app.screen).__name__ == "TranscriptScreen"
        assert "Back to the reading" in footer_text(app)


async def test_keys_that_do_not_fit_are_left_out_whole(make_app) -> None:
    app = make_app(fresh=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        wide = footer_text(app)
        await pilot.resize_terminal(60, 20)
        await pilot.pause()
        narrow = footer_text(app)
        assert len(narrow) <= 60 and wide.startswith(narrow)
        assert narrow.endswith(tuple(key.description for key in app.screen.query_one(ReaderFooter).keys))


async def test_hovering_a_key_shows_what_it_does(make_app) -> None:
    app = make_app(fresh=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.hover(offset=key_cell(app, "p"))
        await pilot.pause()
        assert app.screen.query_one(ReaderFooter).tooltip == "Show or hide the side panel"
