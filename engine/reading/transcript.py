"""The transcript of a reading: the text the reader read, scene by scene, with the choices between.

The Textual reader shows it and searches it, the plain reader prints it, and
both can save it to a file; it is built here once.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from engine.i18n import _
from engine.reading.session import Session
from engine.story.labels import place_name, thread_name
from engine.story.markup import plain_text
from engine.story.model import Scene

SUMMARY = "summary"
"""A content note answered with its summary: the transcript holds the summary, as the reader read it."""


@dataclass(frozen=True, slots=True)
class Passage:
    """One moment of the reading: how the reader got there, and what they read."""

    index: int
    scene: Scene
    choice: str | None
    heading: str
    text: str
    current: bool
    ahead: bool
    """After the current moment: read, then gone back from (``forward`` returns to it)."""

    def matches(self, query: str) -> bool:
        wanted = query.casefold()
        return any(wanted in part.casefold() for part in (self.heading, self.text, self.choice or ""))


def passages(session: Session, answers: Mapping[str, str] | None = None) -> list[Passage]:
    """Every moment of the reading, ahead of the index included; ``answers`` are the content notes' answers."""
    story = session.story
    found = []
    for line in session.transcript():
        scene = line.scene
        heading = _("{title} — {date}, {place} ({thread})").format(
            title=scene.title,
            date=scene.date.label(),
            place=place_name(story, scene.place),
            thread=thread_name(story, scene.thread),
        )
        if scene.content_note and (answers or {}).get(scene.id) == SUMMARY:
            body = _("A summary, in place of the scene: {summary}").format(
                summary=plain_text(scene.content_note.summary)
            )
        else:
            body = plain_text(scene.text)
            if scene.editor_note:
                body += "\n\n" + _("Editor's note: {note}").format(note=plain_text(scene.editor_note))
        found.append(Passage(line.index, scene, line.choice, heading, body, line.current, line.index > session.index))
    return found


def as_text(session: Session, answers: Mapping[str, str] | None = None) -> str:
    """The transcript as a plain-text file: the story's title, then each passage and the choices between."""
    story = session.story
    title = _("{title}: a reading").format(title=story.title)
    lines = [title, "=" * len(title), ""]
    for passage in passages(session, answers):
        if passage.choice:
            lines += [f"> {passage.choice}", ""]
        mark = (
            "  " + _("(where the reading stands)")
            if passage.current
            else "  " + _("(read, then gone back from)")
            if passage.ahead
            else ""
        )
        lines += [f"{passage.index + 1}. {passage.heading}{mark}", "", passage.text, ""]
    return "\n".join(lines)
