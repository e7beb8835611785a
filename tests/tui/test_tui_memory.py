"""What the reader lets go of: a dialog closed leaves none of its painted lines behind, and a screen
hidden behind another keeps none while the other is drawn."""

from __future__ import annotations

import gc

from textual.strip import Strip

from engine.tui.screens.look_up import LookUpScreen
from engine.tui.screens.reading import ReadingScreen
from engine.tui.screens.transcript import TranscriptScreen


def live_strips() -> int:
    gc.collect()
    return sum(1 for thing in gc.get_objects() if type(thing) is Strip)


async def test_a_dialog_opened_and_closed_again_and_again_leaves_no_lines_behind(make_app) -> None:
    app = make_app(fresh=True)
    async with app.run_test(size=(120, 40)) as pilot:

        async def look_up_and_close() -> None:
            await pilot.press("g")
            await pilot.pause()
            assert isinstance(app.screen, LookUpScreen)
            await pilot.press("escape")
            await pilot.pause()
            assert not isinstance(app.screen, LookUpScreen)

        await look_up_and_close()  # the first time fills what is cached once for all
        before = live_strips()
        for _ in range(10):
            await look_up_and_close()
        # A look-up paints about forty lines of 120 cells; ten of them kept would be hundreds of strips.
        assert live_strips() - before < 40


async def test_the_reading_hidden_behind_its_history_keeps_no_lines_of_its_own(make_app) -> None:
    app = make_app(fresh=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("h")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        reading = live_strips()
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, TranscriptScreen)
        # A short history draws far fewer lines than the reading (panel, scene, choices) had painted;
        # were the reading's kept beside them, there would be more lines live than before, not fewer.
        assert live_strips() < reading / 2
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ReadingScreen)
        assert "Four&#160;directions" in app.export_screenshot()  # and drawn again when it shows
