"""What a reading covered, told at its end, and where another thread begins.

Readers of branching stories want to know what they missed: the threads they
followed and those they did not, how much of the story they read, which
entries wait unopened, and the last place where another thread branched off,
to go back there.
"""

from __future__ import annotations

from dataclasses import dataclass

from engine.reading.session import Session
from engine.story.model import Choice, Scene, Thread


@dataclass(frozen=True, slots=True)
class Branch:
    """A moment of the reading where a choice leads into a thread not followed (or a scene not read)."""

    moment: int
    scene: Scene
    choice: Choice
    thread: Thread | None


@dataclass(frozen=True, slots=True)
class WrapUp:
    """The reading as a whole."""

    followed: tuple[Thread, ...]
    not_followed: tuple[Thread, ...]
    scenes_read: int
    scenes_total: int
    unopened: tuple[str, ...]
    """Entries unlocked but not opened yet."""
    not_reached: int
    """Panel entries this reading has not unlocked at all."""
    another: Branch | None


def wrap_up(session: Session) -> WrapUp:
    story = session.story
    read = session.read
    threads_read = {story.scenes[s].thread for s in read}
    followed = tuple(t for t in story.threads.values() if t.id in threads_read)
    not_followed = tuple(t for t in story.threads.values() if t.id not in threads_read)
    unlocked = set(session.unlocked)
    return WrapUp(
        followed,
        not_followed,
        len(read),
        len(story.scenes),
        session.new_entries,
        sum(ref not in unlocked for ref in story.entries),
        branch_point(session),
    )


def branch_point(session: Session) -> Branch | None:
    """The last moment before this one where a choice leads into a thread not followed yet.

    Failing that, the last moment with a choice into a scene not read yet; None
    when the reading has taken every way there was.
    """
    story = session.story
    read = session.read
    threads_read = {story.scenes[s].thread for s in read}
    history = session.history
    fallback: Branch | None = None
    for moment in range(len(history) - 2, -1, -1):
        scene = story.scenes[history[moment].scene]
        for choice in scene.choices:
            target = story.scenes.get(choice.target)
            if target is None or target.id in read:
                continue
            if target.thread not in threads_read:
                return Branch(moment, scene, choice, story.threads.get(target.thread))
            if fallback is None:
                fallback = Branch(moment, scene, choice, story.threads.get(target.thread))
    return fallback
