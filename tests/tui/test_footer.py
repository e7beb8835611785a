"""The footer: the screen's keys on one line, in the screen's state, and a click presses a key."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from engine.tui.widgets.footer import PALETTE_EDGE, KeysFooter


class Keys(App[None]):
    BINDINGS = [
        Binding("a", "add", "Add one"),
        Binding("b", "back", "Back"),
        Binding("x", "hidden", "Not shown", show=False),
        Binding("c", "add", "Add again"),  # the same action: shown once, as Textual's footer does
    ]

    def __init__(self) -> None:
        super().__init__()
        self.count = 0
        self.can_go_back = False
        self.bells = 0

    def compose(self) -> ComposeResult:
        yield Static("body")
        yield KeysFooter()

    def action_add(self) -> None:
        self.count += 1
        self.can_go_back = True
        self.refresh_bindings()

    def action_back(self) -> None:
        self.count -= 1

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "back":
            return True if self.can_go_back else None  # None: shown, dimmed
        return True

    def bell(self) -> None:
        self.bells += 1


def line(footer: KeysFooter) -> str:
    return footer.render().plain


def column_of(footer: KeysFooter, text: str) -> int:
    return line(footer).index(text)


async def test_it_shows_each_shown_action_once_with_its_key_and_dims_what_does_not_work_now() -> None:
    app = Keys()
    async with app.run_test(size=(80, 5)) as pilot:
        footer = app.query_one(KeysFooter)
        await pilot.pause()
        text = line(footer)
        assert text.startswith("a Add one b Back")
        assert "Not shown" not in text and "Add again" not in text
        assert text.rstrip().endswith(f"{PALETTE_EDGE}^p palette")
        back = next(key for key in footer.shown.keys if key.key == "b")
        assert not back.enabled
        assert len(footer.children) == 0  # one widget, however many keys

        await pilot.press("a")
        await pilot.pause()
        assert next(key for key in footer.shown.keys if key.key == "b").enabled


async def test_a_click_presses_a_working_key_and_rings_for_one_that_does_not() -> None:
    app = Keys()
    async with app.run_test(size=(80, 5)) as pilot:
        footer = app.query_one(KeysFooter)
        await pilot.pause()
        await pilot.click(KeysFooter, offset=(column_of(footer, "Back"), 0))
        assert (app.count, app.bells) == (0, 1)
        await pilot.click(KeysFooter, offset=(column_of(footer, "Add one"), 0))
        await pilot.pause()
        assert app.count == 1
        await pilot.click(KeysFooter, offset=(column_of(footer, "Back"), 0))
        assert (app.count, app.bells) == (0, 1)


async def test_keys_that_do_not_fit_end_in_an_ellipsis_and_the_palette_key_can_be_hidden() -> None:
    app = Keys()
    async with app.run_test(size=(22, 5)) as pilot:
        footer = app.query_one(KeysFooter)
        footer.show_command_palette = False
        await pilot.pause()
        text = line(footer)
        assert text == "a Add one b Back".ljust(22)[:22]
        assert footer.key_at(column_of(footer, "Back")) is not None

        footer.show_command_palette = True
        await pilot.pause()
        text = line(footer)
        assert len(text) == 22 and "…" in text and PALETTE_EDGE in text
        assert footer.key_at(text.index("…")) is None  # a key cut short cannot be clicked


async def test_the_pointer_highlights_a_key_and_shows_what_it_does() -> None:
    app = Keys()
    async with app.run_test(size=(80, 5)) as pilot:
        footer = app.query_one(KeysFooter)
        await pilot.pause()
        await pilot.hover(KeysFooter, offset=(column_of(footer, "Add one"), 0))
        await pilot.pause()
        assert footer.tooltip == "Add one"
        await pilot.hover(Static)
        await pilot.pause()
        assert footer.tooltip is None
