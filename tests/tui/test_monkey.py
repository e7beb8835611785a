"""A seeded monkey: random keys, clicks and resizes (down to 20x6) must never crash the reader.

Textual 8.2.8 crashes an OptionList at width 4 or less, and on PageUp or PageDown
when it has no visible area (reliability.md, R1 and R2).  Every action is
logged, so a failure names its seed and the actions that led to it.  A seed
plays the same actions on any machine: the test is bounded by their number.
"""

from __future__ import annotations

import random
from collections.abc import Callable

import pytest

from engine.reading.readings import Readings
from engine.tui.app import KalbajarApp

SEEDS = range(3)
ACTIONS = 60

KEYS = [
    "1",
    "2",
    "3",
    "b",
    "f",
    "h",
    "g",
    "p",
    "r",
    "t",
    "m",
    "c",
    "s",
    "n",
    "escape",
    "enter",
    "space",
    "tab",
    "shift+tab",
    "up",
    "down",
    "left",
    "right",
    "home",
    "end",
    "pageup",
    "pagedown",
    "backspace",
    "f1",
    "f2",
    "question_mark",
    "d",
    "y",
    "slash",
]
"""Every key the reader binds or a widget handles, except the ones that quit (q, ctrl+q) and the palette."""

SIZES = [(20, 6), (21, 7), (30, 10), (4, 10), (59, 15), (60, 16), (80, 24), (109, 30), (110, 30), (160, 50)]


async def monkey(app: KalbajarApp, rng: random.Random, history: list[str]) -> None:
    width, height = 80, 24
    async with app.run_test(size=(width, height)) as pilot:
        for _ in range(ACTIONS):
            roll = rng.random()
            if roll < 0.12:
                width, height = rng.choice(SIZES) if rng.random() < 0.7 else (rng.randint(20, 160), rng.randint(6, 50))
                history.append(f"resize {width}x{height}")
                await pilot.resize_terminal(width, height)
                await pilot.pause()
            elif roll < 0.3:
                x, y = rng.randrange(width), rng.randrange(height)
                history.append(f"click {x},{y}")
                await pilot.click(offset=(x, y))
            else:
                key = rng.choice(KEYS)
                history.append(f"key {key}")
                await pilot.press(key)
            assert app.return_code is None, "the app stopped"


@pytest.mark.parametrize("seed", SEEDS)
async def test_random_keys_clicks_and_resizes_never_crash(seed: int, make_app: Callable[..., KalbajarApp]) -> None:
    rng = random.Random(seed)
    app = make_app(fresh=seed % 2 == 0)
    app.animation_level = "none"  # scrolling animations only add waiting
    history: list[str] = []
    try:
        await monkey(app, rng, history)
    except Exception as exc:
        pytest.fail(
            f"seed {seed} failed after {len(history)} actions: {type(exc).__name__}: {exc}\n"
            "actions: " + ", ".join(history),
            pytrace=False,
        )
    assert app.readings is not None
    shelf = Readings(app.save_dir, app.readings.story).shelf()
    assert shelf.messages == [], f"seed {seed}: {shelf.messages}"
