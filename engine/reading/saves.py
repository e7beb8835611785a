"""Saving a reading so it is never lost: atomic writes, a checksummed envelope, bad saves kept aside.

A save is JSON: ``{"format", "version", "story", "saved_at", "payload", "sha256"}``
where ``sha256`` is taken over the payload's canonical JSON.  A save that is
truncated, corrupt, of a newer version or of another story is moved aside with
a timestamped name (never deleted, never overwritten) and the reader is told.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from engine.reading.session import Session, SessionError
from engine.story.model import Story

FORMAT = "kalbajar-save"
VERSION = 1
"""The envelope's version. Older versions are migrated by MIGRATIONS, one step at a time."""

MAX_SAVE_BYTES = 2 * 1024 * 1024

MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}
"""version N -> function turning a version-N envelope into version N+1. None yet: 1 is the first."""

_TEMP_PREFIX = ".save-"


class SaveError(ValueError):
    """A save that cannot be used; the message is for the reader."""


@dataclass
class Restored:
    """What opening the autosave gave: a session (or None to start fresh), and what to tell the reader."""

    session: Session | None
    messages: list[str] = field(default_factory=list)
    moved_to: Path | None = None


def default_save_dir() -> Path:
    """The user's state directory (XDG_STATE_HOME on Linux), or KALBAJAR_STATE_DIR when set."""
    override = os.environ.get("KALBAJAR_STATE_DIR")
    if override:
        return Path(override)
    from platformdirs import user_state_path

    return user_state_path("kalbajar", appauthor=False)


class SaveStore:
    """The autosave of one story in one directory."""

    def __init__(self, directory: Path, story: Story) -> None:
        self.directory = directory
        self.story = story
        self.path = directory / f"{story.id}.json"

    def write(self, session: Session) -> None:
        """Write atomically: a temporary file in the same directory, fsync, rename, fsync the directory."""
        self.directory.mkdir(parents=True, exist_ok=True)
        data = envelope(session.to_dict(), self.story)
        fd, temp = tempfile.mkstemp(prefix=_TEMP_PREFIX, suffix=".tmp", dir=self.directory)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(data, handle, ensure_ascii=False, indent=1)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temp, self.path)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
        _fsync_directory(self.directory)

    def restore(self) -> Restored:
        """Open the autosave. Problems never raise: the save is kept aside and the reading starts fresh."""
        self._remove_stray_temps()
        if not self.path.exists():
            return Restored(None)
        try:
            payload = open_envelope(self.path.read_bytes(), self.story)
            session, notes = Session.from_dict(self.story, payload)
        except (SaveError, SessionError, OSError) as exc:
            moved = self._keep_aside()
            where = f" It was kept as {moved}." if moved else ""
            return Restored(None, [f"The saved reading could not be opened: {exc}.{where} "
                                   "A new reading starts."], moved)
        return Restored(session, notes)

    def _keep_aside(self) -> Path | None:
        stamp = time.strftime("%Y%m%d-%H%M%S")
        target = self.path.with_name(f"{self.path.stem}.unreadable-{stamp}.json")
        counter = 1
        while target.exists():
            target = self.path.with_name(f"{self.path.stem}.unreadable-{stamp}-{counter}.json")
            counter += 1
        try:
            os.replace(self.path, target)
        except OSError:
            return None
        return target

    def _remove_stray_temps(self) -> None:
        """Temporary files left by a write that was killed halfway; the real save is untouched."""
        if self.directory.is_dir():
            for stray in self.directory.glob(f"{_TEMP_PREFIX}*.tmp"):
                stray.unlink(missing_ok=True)


def envelope(payload: dict[str, Any], story: Story) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": VERSION,
        "story": story.id,
        "saved_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "payload": payload,
        "sha256": checksum(payload),
    }


def checksum(payload: dict[str, Any]) -> str:
    canonical = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def open_envelope(raw: bytes, story: Story) -> dict[str, Any]:
    """The payload of a save, migrated to the current version; SaveError says what is wrong."""
    if len(raw) > MAX_SAVE_BYTES:
        raise SaveError("the file is too large to be a save")
    try:
        data = json.loads(raw.decode("utf-8"), object_pairs_hook=_no_duplicates, parse_constant=_no_constants)
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise SaveError(f"it is not complete JSON ({type(exc).__name__})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise SaveError("it is not a Kalbajar save")
    version = data.get("version")
    if not isinstance(version, int) or version < 1:
        raise SaveError("it has no valid version")
    if version > VERSION:
        raise SaveError(f"it was written by a newer version (save format {version}; this one reads {VERSION})")
    while version < VERSION:
        data = MIGRATIONS[version](data)
        version = data["version"]
    if data.get("story") != story.id:
        raise SaveError(f"it belongs to another story ('{data.get('story')}')")
    payload = data.get("payload")
    if not isinstance(payload, dict) or data.get("sha256") != checksum(payload):
        raise SaveError("its checksum does not match: the file was damaged or edited")
    return payload


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [k for k, _ in pairs]
    if len(keys) != len(set(keys)):
        raise ValueError("duplicate key")
    return dict(pairs)


def _no_constants(name: str) -> None:
    raise ValueError(f"{name} is not allowed")


def _fsync_directory(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
