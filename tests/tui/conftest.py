"""Fixtures for the Textual reader: an app on the example story (helpers that read the screen: on_screen.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import Input

from engine.story.model import Story
from engine.tui.app import KalbajarApp


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
