"""Where readings are kept: the state directory, and each story's place in it."""

from __future__ import annotations

import os
import re
from pathlib import Path

_PLAIN_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_LONGEST_PLAIN = 100
"""Ids up to this long name their save file as they are; a file name holds 255 bytes at most."""
_TAKEN = {"settings"}
"""Names of other files in the state directory (the Textual reader keeps settings.json there)."""


def default_save_dir() -> Path:
    """The user's state directory (XDG_STATE_HOME on Linux), or KALBAJAR_STATE_DIR when set."""
    override = os.environ.get("KALBAJAR_STATE_DIR")
    if override:
        return Path(override)
    from platformdirs import user_state_path

    return user_state_path("kalbajar", appauthor=False)


def story_name(story_id: str) -> str:
    """The name a story's files go by in the state directory.

    A story's id names them.  An id that could not (too long for a file name,
    or not an id at all, as a cover read before checking may be) is named by its
    hash instead, so no id can make a path that fails or leaves the directory.
    """
    if len(story_id) <= _LONGEST_PLAIN and _PLAIN_ID.fullmatch(story_id) and story_id not in _TAKEN:
        return story_id
    import hashlib  # only for such ids: loading OpenSSL would hold up the title screen

    return "story-" + hashlib.sha256(story_id.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def save_path(directory: Path, story_id: str) -> Path:
    """Where earlier versions kept the one reading of the story ``story_id`` in ``directory``."""
    return directory / f"{story_name(story_id)}.json"


def readings_folder(directory: Path, story_id: str) -> Path:
    """The folder of the kept readings of the story ``story_id`` in ``directory``."""
    return directory / story_name(story_id)
