"""The map fixture story: real coordinates, fixed so the map's tests and snapshots do not churn."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from engine.story.load import load_story
from engine.story.model import Story

MAP_STORY = Path(__file__).parents[1] / "fixtures" / "stories" / "map"


@pytest.fixture(scope="session")
def map_story() -> Story:
    result = load_story(MAP_STORY)
    assert result.story is not None and not result.diagnostics
    return result.story


@pytest.fixture
def map_story_copy(tmp_path: Path) -> Path:
    """A copy of the map fixture story that a test may edit."""
    return Path(shutil.copytree(MAP_STORY, tmp_path / "map"))
