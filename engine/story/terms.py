"""Finding glossary terms in text, and what each scene names: whole words only, longest name first."""

from __future__ import annotations

import re
from collections.abc import Iterable

from engine.story.markup import links, plain_text
from engine.story.model import Scene, Story, Term


class TermFinder:
    """Finds glossary terms in text: whole words only, the longest name first."""

    def __init__(self, terms: Iterable[Term]) -> None:
        names: dict[str, str] = {}
        for term in terms:
            for name in term.names:
                names.setdefault(name, term.ref)
        self._ref_of = names
        ordered = sorted(names, key=len, reverse=True)
        self._pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, ordered)) + r")(?!\w)") if ordered else None

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, ref) for every term named in ``text``."""
        if self._pattern is None:
            return []
        return [(m.start(), m.end(), self._ref_of[m.group(0)]) for m in self._pattern.finditer(text)]


def named_in(scene: Scene, finder: TermFinder) -> tuple[str, ...]:
    """The glossary terms and entries a scene names: its links, and the terms in its text and notes.

    Reading a scene opens what it names, so the side panel never lists a term
    the reader has not met yet.
    """
    found: dict[str, None] = {}
    for text in (scene.text, scene.editor_note, scene.content_note.summary if scene.content_note else ""):
        found.update((ref, None) for ref in named_in_text(text, finder))
    return tuple(found)


def named_in_text(text: str, finder: TermFinder) -> tuple[str, ...]:
    """The refs a piece of story text links to, then the terms it names, in order, each once."""
    found = dict.fromkeys(links(text))
    found.update((ref, None) for _start, _end, ref in finder.find(plain_text(text)))
    return tuple(found)


def names_by_scene(story: Story) -> dict[str, tuple[str, ...]]:
    """For each scene, what it names (see ``named_in``)."""
    finder = TermFinder(story.terms.values())
    return {scene.id: named_in(scene, finder) for scene in story.scenes.values()}
