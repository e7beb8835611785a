"""Fixtures for the Textual reader: an app on the example story, and helpers to find things on screen."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.geometry import Offset, Region
from textual.screen import Screen
from textual.widgets import Input

from engine.story.model import Story
from engine.tui.app import KalbajarApp
from engine.tui.prose import ref_at


@pytest.fixture(autouse=True)
def no_cursor_blink(monkeypatch: pytest.MonkeyPatch) -> None:
    """A blinking cursor (the command palette's input) must never make a snapshot flaky."""
    monkeypatch.setattr(Input, "cursor_blink", False)


@pytest.fixture
def save_dir(private_state_dir: Path) -> Path:
    return private_state_dir


@pytest.fixture
def make_app(example_story: Story, save_dir: Path) -> Callable[..., KalbajarApp]:
    """Build the reader on the example story, saving to the test's private folder."""

    def make(*, fresh: bool = False, story: Story | None = None) -> KalbajarApp:
        return KalbajarApp(story or example_story, save_dir, fresh=fresh)

    return make


def find_ref(app: KalbajarApp, ref: str, selector: str = "#scene") -> Offset:
    """The screen cell of the first character linked to ``ref`` inside the widget ``selector``."""
    region = app.screen.query_one(selector).content_region
    for y in range(region.y, region.bottom):
        for x in range(region.x, region.right):
            style = app.screen.get_style_at(x, y)
            if ref_at(style) == ref:
                return Offset(x, y)
    raise AssertionError(f"{ref} is not on screen in {selector}")


def screen_text(app: KalbajarApp, selector: str, screen: Screen | None = None) -> str:
    """The plain text a widget shows (what the reader reads), on the top screen or ``screen``."""
    widget = (screen or app.screen).query_one(selector)
    width, height = widget.outer_size
    return "\n".join(line.text for line in widget.render_lines(Region(0, 0, width, height)))
