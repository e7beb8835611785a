"""Helpers for tests that need kept readings on disk, as the readers keep them."""

from __future__ import annotations

import json
from pathlib import Path

from engine.reading.session import Session
from engine.story.model import Story


def keep_reading(save_dir: Path, story: Story, *choices: int, number: int = 1) -> Session:
    """Save a reading made of ``choices`` as the kept reading ``number``, as the readers keep them."""
    from engine.reading.readings import Readings
    from engine.reading.saves import SaveStore

    session = Session(story)
    for choice in choices:
        session.choose(choice)
    readings = Readings(save_dir, story)
    path = readings.path(number)
    SaveStore(readings.folder, story, path).write(session, "2026-12-01T10:00:00+0000")
    saved = json.loads(path.read_text(encoding="utf-8"))  # a fixed time of saving, for pictures that show it
    saved["saved_at"] = f"2026-12-0{number % 9 + 1}T12:00:00+0000"
    path.write_text(json.dumps(saved), encoding="utf-8")
    return session


def latest_reading(save_dir: Path, story: Story) -> Session:
    """The reading saved last, as Continue would open it."""
    from engine.reading.readings import Readings

    shelf = Readings(save_dir, story).shelf()
    assert shelf.latest is not None, shelf.messages
    return shelf.latest.session
