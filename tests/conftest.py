"""Fixtures shared by every test: stories, and a private state directory for saves."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from engine.story.bundled import bundled_story_dir
from engine.story.load import load_story
from engine.story.model import Story

FIXTURES = Path(__file__).parent / "fixtures"
EXAMPLE = FIXTURES / "stories" / "example"
MAP = FIXTURES / "stories" / "map"
"""A story with real coordinates, kept fixed so map and timeline tests and snapshots do not churn."""


@pytest.fixture(autouse=True)
def private_state_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Saves go to a temporary folder: a test never reads or writes the user's real reading."""
    folder = tmp_path_factory.mktemp("state")
    monkeypatch.setenv("KALBAJAR_STATE_DIR", str(folder))
    return folder


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every test starts in English, whatever the machine's locale, and leaves the interface in English."""
    import engine.i18n

    monkeypatch.setenv("LANGUAGE", "en")
    engine.i18n.use_language("en")
    yield
    engine.i18n.use_language("en")


@pytest.fixture
def example_dir() -> Path:
    """The example story's folder (read only: copy it to change it)."""
    return EXAMPLE


@pytest.fixture(scope="session")
def example_story() -> Story:
    result = load_story(EXAMPLE)
    assert result.story is not None and not result.diagnostics
    return result.story


@pytest.fixture(scope="session")
def bundled_story() -> Story:
    result = load_story(bundled_story_dir())
    assert result.story is not None
    return result.story


@pytest.fixture(scope="session")
def map_story() -> Story:
    result = load_story(MAP)
    assert result.story is not None and not result.diagnostics
    return result.story


@pytest.fixture
def map_story_copy(tmp_path: Path) -> Path:
    """A copy of the map fixture story that a test may edit."""
    return Path(shutil.copytree(MAP, tmp_path / "map"))
