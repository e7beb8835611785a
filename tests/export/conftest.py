"""Fixtures for the export tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from export_stories import hostile_copy

from engine.story.model import Story


@pytest.fixture
def hostile_story(tmp_path: Path) -> Story:
    return hostile_copy(tmp_path)
