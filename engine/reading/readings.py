"""The readings kept of one story, like a game's save slots: list, begin, continue, delete.

Each reading is a file of its own, ``reading-N.json`` in the story's folder of
the state directory, saved after every move (``saves.SaveStore``: atomic,
checksummed, a bad file kept aside).  Beginning a new reading never touches
another; deleting one is the only way a reading goes.

A reading open in one window is locked (an advisory lock the system drops
when the process ends).  A second window that asks for it is told so and reads
a copy, a new reading that starts where the other stood: two windows never
write over each other, and neither loses what it read.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING

from engine.i18n import _
from engine.reading.save_location import readings_folder, save_path
from engine.reading.saves import SaveStore
from engine.reading.session import Session

if TYPE_CHECKING:
    from engine.reading.reading import Reading
    from engine.story.model import Story

try:  # advisory locks where the system has them; elsewhere two windows are not told apart
    import fcntl
except ImportError:  # pragma: no cover - not on POSIX
    fcntl = None  # type: ignore[assignment]

_SLOT = re.compile(r"reading-([1-9][0-9]{0,5})\.json")
MAX_READINGS = 999
"""More readings than this are refused: a title screen lists them all."""


def reading_files(directory: Path, story_id: str) -> int:
    """How many readings of ``story_id`` the folder seems to keep, counted by name without opening one.

    For a title screen drawn before the story has loaded: it offers what the shelf will most likely hold.
    """
    try:
        names = [
            entry.name
            for entry in os.scandir(readings_folder(directory, story_id))
            if entry.is_file(follow_symlinks=False)
        ]
    except OSError:
        names = []
    old = save_path(directory, story_id)
    return sum(1 for name in names if _SLOT.fullmatch(name)) + (old.is_file() and not old.is_symlink())


def now() -> str:
    """The time a reading began or was saved, as saves record it."""
    return time.strftime("%Y-%m-%dT%H:%M:%S%z")


@dataclass(frozen=True, slots=True)
class Kept:
    """One kept reading, as the list of readings shows it."""

    number: int
    path: Path
    session: Session
    started: str
    """When it began (ISO 8601, empty when the save is older than this record)."""
    last_read: str
    """When it was last saved (ISO 8601)."""

    @property
    def where(self) -> str:
        """Where it stands: the scene's title and date."""
        scene = self.session.scene
        return f"{scene.title} ({scene.date.label()})"

    @property
    def scenes_read(self) -> int:
        return len(self.session.visited)


@dataclass
class Shelf:
    """What listing the readings found: the readings, and what to tell the reader about the others."""

    kept: list[Kept] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)

    @property
    def latest(self) -> Kept | None:
        """The reading saved last: the one Continue opens."""
        return max(self.kept, key=lambda k: (k.last_read, k.number), default=None)


class ReadingLocked(Exception):
    """The reading is open in another window."""


class Readings:
    """The kept readings of ``story`` in the state directory ``directory``."""

    def __init__(self, directory: Path, story: Story) -> None:
        self.directory = directory
        self.story = story
        self.folder = readings_folder(directory, story.id)

    def path(self, number: int) -> Path:
        return self.folder / f"reading-{number}.json"

    def numbers(self) -> list[int]:
        """The numbers of the readings on disk, in order."""
        self._adopt_old_autosave()
        try:
            names = [entry.name for entry in os.scandir(self.folder) if entry.is_file(follow_symlinks=False)]
        except OSError:
            return []
        return sorted(int(m.group(1)) for m in map(_SLOT.fullmatch, names) if m)

    def shelf(self) -> Shelf:
        """Every reading that can be opened; one that cannot is kept aside and told of."""
        found = Shelf()
        for number in self.numbers():
            restored = self._store(number).restore()
            found.messages += [
                _("Reading {number}: {message}").format(number=number, message=m) for m in restored.messages
            ]
            if restored.session is not None:
                found.kept.append(
                    Kept(number, self.path(number), restored.session, restored.started, restored.saved_at)
                )
        return found

    def begin(
        self, tell: Callable[[str], None], session: Session | None = None, *, in_background: bool = False
    ) -> Reading:
        """A new reading, in the first free number, saved at once (a copy of ``session`` if given).

        ``in_background``: saves are written by a thread of their own (see ``Reading``)."""
        from engine.reading.reading import Reading

        taken = set(self.numbers())
        number = next((n for n in range(1, MAX_READINGS + 1) if n not in taken), None)
        if number is None:
            raise OSError(_("there are already {count} readings; delete one first").format(count=MAX_READINGS))
        reading = Reading(
            session or Session(self.story), self._store(number), number, now(), tell, in_background=in_background
        )
        reading.hold(self._lock(number))
        reading.save()
        return reading

    def open(self, kept: Kept, tell: Callable[[str], None], *, in_background: bool = False) -> tuple[Reading, str]:
        """Continue a kept reading; when another window has it open, a copy of it.

        Returns the reading and what to tell the reader ("" when nothing needs saying).
        """
        from engine.reading.reading import Reading

        try:
            lock = self._lock(kept.number)
        except ReadingLocked:
            copy = self.begin(tell, kept.session.copy(), in_background=in_background)
            return copy, _(
                "Reading {number} is open in another window, so you are reading a copy of it: reading "
                "{copy}. Neither loses what it reads."
            ).format(number=kept.number, copy=copy.number)
        reading = Reading(
            kept.session,
            self._store(kept.number),
            kept.number,
            kept.started or now(),
            tell,
            in_background=in_background,
        )
        reading.saved = True  # just read from its file
        reading.hold(lock)
        return reading, ""

    def delete(self, number: int) -> None:
        """Remove a reading for good (the reader has confirmed it); refused while it is open elsewhere."""
        lock = self._lock(number)
        try:
            self.path(number).unlink(missing_ok=True)
        finally:
            _release(lock)
        self.folder.joinpath(f"reading-{number}.lock").unlink(missing_ok=True)

    def _store(self, number: int) -> SaveStore:
        return SaveStore(self.folder, self.story, self.path(number))

    def _lock(self, number: int) -> IO[bytes] | None:
        """Hold the reading's lock; ReadingLocked when another process holds it."""
        if fcntl is None:
            return None
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            handle = open(self.folder / f"reading-{number}.lock", "ab")  # noqa: SIM115 - held while open
        except OSError:  # an unwritable state directory: saving will say so; nothing to guard
            return None
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            raise ReadingLocked(number) from None
        except OSError:
            handle.close()
            return None
        return handle

    def _adopt_old_autosave(self) -> None:
        """The single autosave of earlier versions becomes a kept reading (reading 1 if free), moved unchanged."""
        old = save_path(self.directory, self.story.id)
        if not old.is_file() or old.is_symlink():
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            target = next(p for p in map(self.path, range(1, MAX_READINGS + 2)) if not p.exists())
            os.replace(old, target)
        except OSError:
            pass


def _release(lock: IO[bytes] | None) -> None:
    if lock is not None:
        lock.close()  # closing the file drops the lock
