"""Where readings are saved: the state directory, and the file of each story in it.

Apart from ``saves`` so the title screen can ask whether there is a reading to
continue without importing everything that reads and writes one.
"""

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
    """Where the reading of the story ``story_id`` is saved in ``directory``."""
    return directory / f"{story_id}.json"
