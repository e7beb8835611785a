"""A reading of a story: one list of moments and an index into it (SugarCube's model).

Back, forward, the transcript, jumping back and saving are all views of that
one list.  What the reader has visited, the flags set and the side-panel
entries unlocked are derived from the moments up to the index, so they can
never disagree with the history.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeGuard

if TYPE_CHECKING:
    from engine.story.model import Choice, Scene, Story

SAVE_VERSION = 1
"""The version of the session's saved form (``Session.to_dict``)."""


@dataclass(frozen=True, slots=True)
class Moment:
    """A scene the reader was at, and the label of the choice that led there."""

    scene: str
    choice: str | None = None


@dataclass(frozen=True, slots=True)
class Option:
    """A choice the reader can take now; ``number`` is 1-based, as shown."""

    number: int
    choice: Choice


@dataclass(frozen=True, slots=True)
class TranscriptLine:
    """One step of the reading, for the transcript: where, and by which choice."""

    index: int
    scene: Scene
    choice: str | None
    current: bool


class SessionError(ValueError):
    """Raised for a move the session cannot make (an unknown choice, nothing to go back to)."""


class Session:
    """The one place where reading state changes."""

    def __init__(
        self,
        story: Story,
        moments: list[Moment] | None = None,
        index: int = 0,
        seen: set[str] | None = None,
        read: set[str] | None = None,
    ) -> None:
        self.story = story
        self._moments = moments or [Moment(story.start)]
        self._index = index
        self._seen: set[str] = set(seen or ())
        self._read: set[str] = set(read or ()) | {m.scene for m in self._moments}
        """Every scene this reading has entered, including on paths it went back from."""
        self._named = _names(story)
        self._edits = 0
        """Counts the changes to the moments (a choice drops what lay ahead): with the index, it names a history."""
        self._walked: tuple[tuple[int, int], frozenset[str], frozenset[str]] | None = None
        """The scenes and flags of the history, with the (index, edits) they were worked out for."""

    # what the reader sees now

    @property
    def index(self) -> int:
        return self._index

    @property
    def moments(self) -> tuple[Moment, ...]:
        return tuple(self._moments)

    @property
    def scene(self) -> Scene:
        return self.story.scenes[self._moments[self._index].scene]

    @property
    def history(self) -> list[Moment]:
        """The moments up to and including the current one."""
        return self._moments[: self._index + 1]

    @property
    def visited(self) -> frozenset[str]:
        return self._walk()[1]

    @property
    def flags(self) -> frozenset[str]:
        return self._walk()[2]

    def _walk(self) -> tuple[tuple[int, int], frozenset[str], frozenset[str]]:
        """The history's scenes and flags, worked out once per moment: every move asks for them
        (the choices and their conditions), some twice, and a long reading has long histories."""
        key = (self._index, self._edits)
        if self._walked is None or self._walked[0] != key:
            history = self.history
            scenes = self.story.scenes
            visited = frozenset(m.scene for m in history)
            flags = frozenset(f for m in history for f in scenes[m.scene].sets)
            self._walked = (key, visited, flags)
        return self._walked

    @property
    def unlocked(self) -> tuple[str, ...]:
        """Panel entries unlocked so far, in the order the reader met them."""
        found: dict[str, None] = {}
        for moment in self.history:
            for ref in self.story.scenes[moment.scene].unlocks:
                found.setdefault(ref, None)
        return tuple(found)

    def unlocked_in(self, panel: str) -> tuple[str, ...]:
        return tuple(ref for ref in self.unlocked if ref.partition("/")[0] == panel)

    @property
    def met(self) -> tuple[str, ...]:
        """Glossary terms and entries the scenes read so far name, in the order met; and the terms
        named by the entries unlocked.  What the reader has not met yet stays closed."""
        found: dict[str, None] = {}
        for moment in self.history:
            found.update((ref, None) for ref in self._named.get(moment.scene, ()))
        for ref in self.unlocked:
            found.update((r, None) for r in self._named.get(ref, ()) if r.startswith("glossary/"))
        return tuple(found)

    def is_open(self, ref: str) -> bool:
        """Whether the reader may open this entry or term now: unlocked, or named by what they read."""
        return ref in self.unlocked or ref in self.met

    @property
    def read(self) -> frozenset[str]:
        """Every scene this reading has entered, including on paths it went back from."""
        return frozenset(self._read)

    @property
    def new_entries(self) -> tuple[str, ...]:
        """Unlocked entries the reader has not opened yet."""
        return tuple(ref for ref in self.unlocked if ref not in self._seen)

    def mark_seen(self, ref: str) -> None:
        self._seen.add(ref)

    @property
    def seen(self) -> frozenset[str]:
        return frozenset(self._seen)

    def options(self) -> list[Option]:
        """The choices available here, conditions applied."""
        visited, flags = self.visited, self.flags
        available = [c for c in self.scene.choices if c.available(visited, flags)]
        return [Option(n, c) for n, c in enumerate(available, start=1)]

    @property
    def at_ending(self) -> bool:
        return self.scene.ending

    # moving

    def choose(self, number: int) -> Scene:
        """Take the choice shown as ``number``; any forward history is dropped, as in a browser."""
        options = self.options()
        if not 1 <= number <= len(options):
            raise SessionError(f"there is no choice {number} here")
        choice = options[number - 1].choice
        del self._moments[self._index + 1 :]
        self._moments.append(Moment(choice.target, choice.label))
        self._edits += 1
        self._index += 1
        self._read.add(choice.target)
        return self.scene

    @property
    def can_go_back(self) -> bool:
        return self._index > 0

    @property
    def can_go_forward(self) -> bool:
        return self._index < len(self._moments) - 1

    def back(self) -> Scene:
        if not self.can_go_back:
            raise SessionError("this is the first scene of the reading")
        self._index -= 1
        return self.scene

    def forward(self) -> Scene:
        if not self.can_go_forward:
            raise SessionError("there is nothing to go forward to")
        self._index += 1
        return self.scene

    def go(self, index: int) -> Scene:
        """Jump to any moment of the reading, earlier or (after going back) later."""
        if not 0 <= index < len(self._moments):
            raise SessionError(f"the reading has no moment {index}")
        self._index = index
        return self.scene

    def copy(self) -> Session:
        """The same reading, to go on with separately."""
        return Session(self.story, list(self._moments), self._index, set(self._seen), set(self._read))

    def in_story(self, story: Story) -> Session:
        """The same reading, at the same moment, in ``story``: the same story in another language.

        Every moment, flag and entry is kept (they are ids, the same in every
        language); the label of each choice taken becomes the label in
        ``story``, so the transcript reads in one language.
        """
        moments = [self._moments[0]]
        for before, moment in zip(self._moments, self._moments[1:], strict=False):
            moments.append(Moment(moment.scene, _relabelled(self.story, story, before.scene, moment)))
        return Session(story, moments, self._index, set(self._seen), set(self._read))

    def transcript(self) -> list[TranscriptLine]:
        """The whole reading, including moments ahead of the index after going back."""
        return [
            TranscriptLine(i, self.story.scenes[m.scene], m.choice, i == self._index)
            for i, m in enumerate(self._moments)
        ]

    def chapter_starts(self) -> dict[str, int]:
        """For each phase the reading has been in: its first moment, where a chapter opens."""
        starts: dict[str, int] = {}
        for index, moment in enumerate(self._moments):
            starts.setdefault(self.story.scenes[moment.scene].phase, index)
        return starts

    # saving

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": SAVE_VERSION,
            "story": self.story.id,
            "moments": [{"scene": m.scene, "choice": m.choice} for m in self._moments],
            "index": self._index,
            "seen": sorted(self._seen),
            "read": sorted(self._read),
        }

    @classmethod
    def from_dict(cls, story: Story, data: dict[str, Any]) -> tuple[Session, list[str]]:
        """Rebuild a session; scenes the story no longer has are reported, never crashed on.

        The reading resumes at the last moment before the first missing scene.
        Raises SessionError when the data is not a reading of this story at all.

        A save can be edited and sealed again, so nothing in it is shown as it
        is: scenes must be the story's, and the label of the choice that led to
        each moment is the story's own label of that choice (an edited label,
        escape sequences and all, is replaced by it, or dropped when the
        story has no such choice).
        """
        if not isinstance(data, dict) or not _is_int(data.get("version")) or data["version"] != SAVE_VERSION:
            raise SessionError("this is not a reading saved by this version")
        if data.get("story") != story.id:
            raise SessionError(f"this reading belongs to the story '{data.get('story')}', not '{story.id}'")
        raw = data.get("moments")
        if not isinstance(raw, list) or not raw:
            raise SessionError("the saved reading has no moments")
        moments: list[Moment] = []
        notes: list[str] = []
        for item in raw:
            scene = item.get("scene") if isinstance(item, dict) else None
            choice = item.get("choice") if isinstance(item, dict) else None
            if not isinstance(scene, str) or scene not in story.scenes:
                notes.append(f"the story no longer has the scene '{scene}'; the reading was cut there")
                break
            before = story.scenes[moments[-1].scene] if moments else None
            moments.append(Moment(scene, _label(before, scene, choice)))
        if not moments:
            raise SessionError(notes[0] if notes else "the saved reading has no moments")
        index = data.get("index")
        if not _is_int(index) or not 0 <= index < len(moments):
            if notes:
                notes.append(f"it resumes at '{moments[-1].scene}'")
            index = len(moments) - 1
        seen = _strings(data.get("seen"))
        read = {s for s in _strings(data.get("read")) if s in story.scenes}
        return cls(story, moments, index, seen, read), notes


def _relabelled(old: Story, new: Story, before: str, moment: Moment) -> str | None:
    """The label, in ``new``, of the choice from ``before`` that ``moment`` took.

    Choices are the same, in the same order, in every language: the one whose
    label was taken, else the first to the same scene (a label saved in a
    third language); unchanged when ``new`` has no such choice.
    """
    pairs = [
        (taken, choice)
        for taken, choice in zip(old.scenes[before].choices, new.scenes[before].choices, strict=False)
        if taken.target == moment.scene == choice.target
    ]
    chosen = next((choice for taken, choice in pairs if taken.label == moment.choice), None)
    if chosen is None and pairs:
        chosen = pairs[0][1]
    return chosen.label if chosen is not None else moment.choice


def _strings(value: object) -> set[str]:
    return {s for s in value if isinstance(s, str)} if isinstance(value, list) else set()


_NAMED: dict[int, tuple[Story, dict[str, tuple[str, ...]]]] = {}
"""What each scene and entry names, worked out once per loaded story (a few stories at most)."""


def _names(story: Story) -> dict[str, tuple[str, ...]]:
    """Scene id or entry ref -> the terms and entries its text names."""
    cached = _NAMED.get(id(story))
    if cached is not None and cached[0] is story:
        return cached[1]
    from engine.story.terms import TermFinder, named_in_text, names_by_scene

    named = names_by_scene(story)
    finder = TermFinder(story.terms.values())
    named.update((ref, named_in_text(entry.text, finder)) for ref, entry in story.entries.items())
    if len(_NAMED) >= 4:
        _NAMED.clear()
    _NAMED[id(story)] = (story, named)
    return named


def _label(before: Scene | None, scene: str, saved: object) -> str | None:
    """The story's label of the choice from ``before`` to ``scene``: the saved one if the story has it."""
    if before is None:
        return None
    labels = [choice.label for choice in before.choices if choice.target == scene]
    return saved if saved in labels else labels[0] if labels else None


def _is_int(value: object) -> TypeGuard[int]:
    """An integer in JSON terms: ``true`` is not 1."""
    return isinstance(value, int) and not isinstance(value, bool)
