"""A reading as every front end holds it: the session, where it is kept, and saving after each move.

The Textual reader, the plain reader and the browser reader each hold a
``Reading`` and never talk to saves themselves: a move goes through here, is
saved at once, and a save that fails is told to the reader once (through the
``tell`` the front end gives), then again only after a save has worked.  So
the logic of autosaving exists once, and a front end can always say truly
whether what the reader has read is on disk.

A front end that must not wait for the disk (the Textual reader: a save's
fsync is longer than a frame) hands ``writer`` in: the reading is turned into
data at once, in order, and the writer writes it elsewhere, one save after
another; ``close`` waits for the last.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import IO, TYPE_CHECKING, Any

from engine.i18n import _
from engine.reading.saves import payload_of
from engine.story.controls import printable

if TYPE_CHECKING:
    from engine.reading.saves import SaveStore
    from engine.reading.session import Session
    from engine.story.model import Scene, Story

FULL, SUMMARY = "full", "summary"
"""How the reader answered a scene's content note: read it in full, or read its summary instead."""


class Reading:
    """One kept reading, open in this window."""

    def __init__(
        self,
        session: Session,
        store: SaveStore,
        number: int,
        started: str,
        tell: Callable[[str], None],
        *,
        in_background: bool = False,
    ) -> None:
        self.session = session
        self.store = store
        self.number = number
        """Which of the story's kept readings this is (1, 2, ...)."""
        self.started = started
        self.tell = tell
        self.note_answers: dict[str, str] = {}
        """Scene id -> FULL or SUMMARY: how the reader answered its content note in this window.
        Not saved: the note is asked again the next time the reading is opened."""
        self.saved = False
        """Whether the reading as it stands is on disk."""
        self.problem = ""
        """Why the last save failed, for the reader; empty once a save works."""
        self._lock: IO[bytes] | None = None
        self._writer = ThreadPoolExecutor(1, "save") if in_background else None
        """One thread that writes the saves in the order they were made, when the front end asked for it."""
        self._pending: Future[None] | None = None

    @property
    def story(self) -> Story:
        return self.session.story

    @property
    def scene(self) -> Scene:
        return self.session.scene

    def switch_story(self, story: Story) -> None:
        """Go on in ``story``, the same story in another language, at the same moment.

        Nothing is saved: the moment has not changed, and saves hold ids, the
        same in every language (the next move saves the labels in the new one).
        """
        self.session = self.session.in_story(story)
        self.store.story = story

    # moving: each move is saved at once

    def choose(self, number: int) -> Scene:
        scene = self.session.choose(number)
        self.save()
        return scene

    def back(self) -> Scene:
        scene = self.session.back()
        self.save()
        return scene

    def forward(self) -> Scene:
        scene = self.session.forward()
        self.save()
        return scene

    def go(self, index: int) -> Scene:
        scene = self.session.go(index)
        self.save()
        return scene

    def mark_seen(self, ref: str) -> None:
        """The reader opened this entry; saved only when that is news."""
        if ref not in self.session.seen:
            self.session.mark_seen(ref)
            self.save()

    def answer_note(self, scene_id: str, answer: str) -> None:
        self.note_answers[scene_id] = answer

    def note_answer(self, scene: Scene) -> str | None:
        """How the reader answered this scene's note: FULL for a scene with none, None before an answer."""
        return self.note_answers.get(scene.id) if scene.content_note else FULL

    # saving

    def save(self) -> None:
        """Write the reading; on failure tell the reader (once until a save works) and go on unsaved."""
        payload = payload_of(self.session, self.started)
        if self._writer is None:
            self._write(payload)
        else:
            self.saved = False  # until the writer has written this one
            self._pending = self._writer.submit(self._write, payload)

    def _write(self, payload: dict[str, Any]) -> None:
        try:
            self.store.write_payload(payload)
        except OSError as error:
            reason = printable(str(error.strerror or error))
            if not self.problem:
                self.tell(
                    _(
                        "Your reading could not be saved to {file}: {reason}. It goes on, unsaved, until "
                        "saving works again."
                    ).format(file=self.store.path, reason=reason)
                )
            self.problem = reason
            self.saved = False
            return
        self.problem = ""
        self.saved = True

    def flush(self) -> None:
        """Wait until every save made so far is written (or has failed and been told)."""
        if self._pending is not None:
            self._pending.result()

    def farewell(self) -> str:
        """What to say when the reader leaves: the truth about whether the reading is kept.

        Saves still being written are waited for first, so "saved" is never said
        of a save that has not been written, nor "lost" of one about to be.
        """
        self.flush()
        if self.saved:
            return _("Your reading is saved (reading {number}); it continues next time.").format(number=self.number)
        return _("Your reading could not be saved ({reason}); what you read since is lost.").format(
            reason=self.problem or _("not written")
        )

    # the lock that keeps another window from writing over this reading

    def hold(self, lock: IO[bytes] | None) -> None:
        self._lock = lock

    def close(self) -> None:
        """Write what is left to write, then let another window have this reading."""
        if self._writer is not None:
            self._writer.shutdown(wait=True)
            self._writer = None
        if self._lock is not None:
            self._lock.close()
            self._lock = None
