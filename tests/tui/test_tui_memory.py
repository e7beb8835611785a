"""A long reading must not keep the widgets of screens it has closed (Textual 8.2.8 leaks two kinds)."""

from __future__ import annotations

import gc

from textual.widget import Widget


def detached_widgets() -> list[str]:
    gc.collect()
    return sorted(type(o).__name__ for o in gc.get_objects() if isinstance(o, Widget) and not o.is_attached)


async def test_closed_screens_and_rebuilt_footers_are_let_go(make_app) -> None:
    app = make_app(fresh=True)
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(4):
            for keys in (("h", "escape"), ("g", "escape"), ("f1", "escape"), ("p", "p"), ("1", "b")):
                await pilot.press(*keys)
                await pilot.pause()
        await pilot.pause()
        assert detached_widgets() == []
