"""Where readings are kept: the state directory, and each story's place in it."""

from __future__ import annotations

import os
from pathlib import Path


def default_save_dir() -> Path:
    """The user's state directory (XDG_STATE_HOME on Linux), or KALBAJAR_STATE_DIR when set."""
    override = os.environ.get("KALBAJAR_STATE_DIR")
    if override:
        return Path(override)
    from platformdirs import user_state_path

    return user_state_path("kalbajar", appauthor=False)


def save_path(directory: Path, story_id: str) -> Path:
    """Where earlier versions kept the one reading of the story ``story_id`` in ``directory``."""
    return directory / f"{story_id}.json"


def readings_folder(directory: Path, story_id: str) -> Path:
    """The folder of the kept readings of the story ``story_id`` in ``directory``."""
    return directory / story_id
