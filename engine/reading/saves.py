"""Saving a reading so it is never lost: atomic writes, a checksummed envelope, bad saves kept aside.

A save is JSON: ``{"format", "version", "story", "saved_at", "payload", "sha256"}``
where ``sha256`` is taken over the payload's canonical JSON.  It is written to
a temporary file in the same directory, flushed to disk, and renamed over the
old save, so a crash at any moment leaves either the old save or the new one.

A save that is truncated, corrupt, of a newer version or of another story, or
that is not a regular file at all (a FIFO, a device, a link), is moved aside
with a timestamped name (never deleted, never overwritten, never opened when
it is not a regular file) and the reader is told.  A save that can only be
resumed in part (its later scenes are gone from the story) is copied aside
first, so nothing of it is lost either.

A save is outside input: its checksum is not keyed, so anyone can edit one
and seal it again.  It is read to at most MAX_SAVE_BYTES, and nothing in it is
shown to the reader except what the story itself holds (see
``Session.from_dict``).

Each temporary file is named for the process writing it, so a later start can
tell the leftovers of a killed writer (its process is gone) from a write in
progress in another reader, and remove them at once.
"""

from __future__ import annotations

import errno
import json
import os
import re
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from engine.reading.save_location import save_path
from engine.reading.session import Session
from engine.story.controls import printable
from engine.story.files import NotRegular, TooLarge, read_regular

if TYPE_CHECKING:
    from engine.story.model import Story

FORMAT = "kalbajar-save"
VERSION = 1
"""The envelope's version. Older versions are migrated by MIGRATIONS, one step at a time."""

MAX_SAVE_BYTES = 2 * 1024 * 1024

MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}
"""version N -> function turning a version-N envelope into version N+1. None yet: 1 is the first."""

_TEMP_PREFIX = ".save-"
_TEMP_NAME = re.compile(r"\.save-(\d+)-[^/]*\.tmp")
"""A temporary file: ``.save-PID-RANDOM.tmp``, PID the writer's process."""
_STRAY_AGE = 60.0
"""Seconds after which a temporary file is a leftover whatever its name says (its process id was reused)."""


class SaveError(ValueError):
    """A save that cannot be used; the message is for the reader."""


@dataclass
class Restored:
    """What opening the autosave gave: a session (or None to start fresh), and what to tell the reader."""

    session: Session | None
    messages: list[str] = field(default_factory=list)
    moved_to: Path | None = None
    started: str = ""
    """When the reading began (ISO 8601), as the save records it; empty for saves that do not."""
    saved_at: str = ""
    """When the save was written (ISO 8601)."""


class SaveStore:
    """One saved reading of one story: by default the story's autosave in ``directory``."""

    def __init__(self, directory: Path, story: Story, path: Path | None = None) -> None:
        self.directory = directory
        self.story = story
        self.path = path or save_path(directory, story.id)
        self._blocked: str | None = None
        """Why writing is refused: a bad save is still in place and must not be overwritten."""

    def write(self, session: Session, started: str = "") -> None:
        """Save atomically; OSError when that fails, and then the last save is still the one on disk.

        ``started`` (when the reading began) travels in the payload, so it is checksummed too.
        """
        self.write_payload(payload_of(session, started))

    def write_payload(self, payload: dict[str, Any]) -> None:
        """Save a payload made by ``payload_of`` (made where the session is, written wherever)."""
        if self._blocked:
            raise OSError(errno.EEXIST, self._blocked)
        text = json.dumps(envelope(payload, self.story), ensure_ascii=False, indent=1)
        self.directory.mkdir(parents=True, exist_ok=True)
        # mkstemp creates the file 0600 and never follows a link; os.replace renames over a link, not through it
        fd, temp = tempfile.mkstemp(prefix=f"{_TEMP_PREFIX}{os.getpid()}-", suffix=".tmp", dir=self.directory)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
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
        try:
            raw = read_regular(self.path, MAX_SAVE_BYTES, follow_links=False)
        except FileNotFoundError:
            return Restored(None)
        except NotRegular as exc:  # a FIFO would hang the reader, /dev/zero would fill its memory
            return self._set_aside(str(exc))
        except TooLarge:
            return self._set_aside("the file is too large to be a save")
        except OSError as exc:
            return self._set_aside(f"it cannot be read ({exc.strerror or exc})")
        try:
            payload, version, saved_at = _unseal(raw, self.story)
            session, notes = Session.from_dict(self.story, payload)
        except Exception as exc:  # a save is outside input: whatever is wrong, keep it and start fresh
            return self._set_aside(str(exc) or type(exc).__name__)
        started = payload.get("started")
        stamps = _timestamp(started), _timestamp(saved_at)
        if notes:
            copy = self._keep_aside("partial", copy_of=raw)
            kept = f" The full save was kept as {copy}." if copy else ""
            message = f"The saved reading was resumed in part: {'; '.join(notes)}.{kept}"
        elif version < VERSION:  # the next write replaces it: an older release can still open the copy
            copy = self._keep_aside(f"v{version}", copy_of=raw)
            message = f"The saved reading was updated to a new save format; the old file was kept as {copy}."
        else:
            return Restored(session, started=stamps[0], saved_at=stamps[1])
        return Restored(session, [printable(message)], copy, started=stamps[0], saved_at=stamps[1])

    def _set_aside(self, reason: str) -> Restored:
        moved = self._keep_aside("unreadable")
        if moved is None:
            self._blocked = f"the unreadable save at {self.path} could not be moved aside, so it is not replaced"
            where = f" It stays at {self.path} and will not be overwritten."
        else:
            where = f" It was kept as {moved}."
        message = f"The saved reading could not be opened: {reason}.{where} A new reading starts."
        return Restored(None, [printable(message)], moved)

    def _keep_aside(self, label: str, *, copy_of: bytes | None = None) -> Path | None:
        """Move the save (or write ``copy_of``, its bytes) to a free timestamped name beside it.

        None if the file system refused.  A copy is created 0600, like the save,
        and never through a link.
        """
        stamp = time.strftime("%Y%m%d-%H%M%S")
        names = (
            self.path.with_name(f"{self.path.stem}.{label}-{stamp}{f'-{n}' if n else ''}.json") for n in range(1000)
        )
        target = next((name for name in names if not os.path.lexists(name)), None)
        if target is None:
            return None
        try:
            if copy_of is None:
                os.replace(self.path, target)  # a link or a FIFO is moved as it is, never opened
            else:
                _write_new(target, copy_of)
        except OSError:
            return None
        _fsync_directory(self.directory)
        return target

    def _remove_stray_temps(self) -> None:
        """Temporary files left by a write that was killed halfway; the real save is untouched.

        A file whose writer is still running may be a write in progress in
        another reader, and is left alone for a minute.
        """
        try:
            strays = list(self.directory.glob(f"{_TEMP_PREFIX}*.tmp"))
        except OSError:
            return
        now = time.time()
        for stray in strays:
            named = _TEMP_NAME.fullmatch(stray.name)
            try:
                if (named and not _running(int(named.group(1)))) or now - stray.lstat().st_mtime > _STRAY_AGE:
                    stray.unlink()
            except OSError:
                pass


def payload_of(session: Session, started: str = "") -> dict[str, Any]:
    """What a save holds of a reading: the session as data, and when the reading began."""
    payload = session.to_dict()
    if started:
        payload["started"] = started
    return payload


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
    import hashlib  # here, not above: loading OpenSSL would hold up the title screen

    canonical = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def open_envelope(raw: bytes, story: Story) -> dict[str, Any]:
    """The payload of a save, migrated to the current version; SaveError says what is wrong."""
    return _unseal(raw, story)[0]


_ISO_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:[+-]\d{4})?")


def _timestamp(value: object) -> str:
    """A time as written by ``envelope``, or nothing: a save is outside input."""
    return value if isinstance(value, str) and _ISO_TIME.fullmatch(value) else ""


def _unseal(raw: bytes, story: Story) -> tuple[dict[str, Any], int, object]:
    """The migrated payload, the version the save was written in, and when it was written."""
    if len(raw) > MAX_SAVE_BYTES:
        raise SaveError("the file is too large to be a save")
    try:
        data = json.loads(raw.decode("utf-8-sig"), object_pairs_hook=_no_duplicates, parse_constant=_no_constants)
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise SaveError(f"it is not complete JSON ({type(exc).__name__})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise SaveError("it is not a Kalbajar save")
    version = data.get("version")
    if type(version) is not int or version < 1:
        raise SaveError("it has no valid version")
    if version > VERSION:
        raise SaveError(f"it was written by a newer version (save format {version}; this one reads {VERSION})")
    written = version
    while version < VERSION:
        data = MIGRATIONS[version](data)
        version = data["version"]
    if data.get("story") != story.id:
        raise SaveError("it belongs to another story")
    payload = data.get("payload")
    if not isinstance(payload, dict):
        raise SaveError("it holds no reading")
    try:
        sealed = checksum(payload)
    except UnicodeEncodeError:  # JSON can escape a lone surrogate ("\ud800"); no text holds one
        raise SaveError("it holds text that is not Unicode") from None
    if data.get("sha256") != sealed:
        raise SaveError("its checksum does not match: the file was damaged or edited")
    return payload, written, data.get("saved_at")


def _running(pid: int) -> bool:
    """Whether a process ``pid`` exists (it may belong to another user)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError):  # no such process, or a number past any pid
        return False
    except PermissionError:  # someone else's
        return True
    return True


def _write_new(path: Path, data: bytes) -> None:
    """Write a new file, 0600, failing if anything (a link included) already has its name."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags, 0o600)
    try:
        with os.fdopen(fd, "wb") as copy:
            copy.write(data)
            copy.flush()
            os.fsync(copy.fileno())
    except BaseException:
        path.unlink(missing_ok=True)
        raise


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [k for k, _ in pairs]
    if len(keys) != len(set(keys)):
        raise ValueError("duplicate key")
    return dict(pairs)


def _no_constants(name: str) -> None:
    raise ValueError(f"{name} is not allowed")


def _fsync_directory(directory: Path) -> None:
    """Make a rename durable: on POSIX the directory entry is flushed separately from the file."""
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
