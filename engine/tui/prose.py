"""Story text as Rich renderables: built span by span, never parsed as markup.

Links and glossary terms carry ``Style(meta={"ref": ...})`` so a click on them
can be answered by the widget under the mouse; the ref is data, not an action.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.style import Style
from rich.text import Text

from engine.story.markup import Block, parse
from engine.story.model import PanelEntry, Scene, Story, Term

QUOTE_INDENT = 4
"""Columns a quotation is set in from the text around it."""


@dataclass(frozen=True, slots=True)
class ProseStyles:
    """The Rich styles prose is drawn with, taken from the widget's component classes."""

    title: Style = Style(bold=True)
    meta: Style = Style(dim=True)
    emphasis: Style = Style(italic=True)
    link: Style = Style(underline=True)
    term: Style = Style(underline=True)
    quote: Style = Style(italic=True)
    note: Style = Style(dim=True)


def ref_at(style: Style) -> str | None:
    """The entry or term a clicked style points at, if any."""
    ref = style.meta.get("ref") if style.meta else None
    return ref if isinstance(ref, str) else None


class TermFinder:
    """Finds glossary terms in text: whole words only, the longest name first."""

    def __init__(self, terms: Iterable[Term]) -> None:
        names: dict[str, str] = {}
        for term in terms:
            for name in term.names:
                names.setdefault(name, term.ref)
        self._ref_of = names
        ordered = sorted(names, key=len, reverse=True)
        self._pattern = (re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, ordered)) + r")(?!\w)")
                         if ordered else None)

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, ref) for every term named in ``text``."""
        if self._pattern is None:
            return []
        return [(m.start(), m.end(), self._ref_of[m.group(0)]) for m in self._pattern.finditer(text)]


class ProseRenderer:
    """Draws scenes, entries and notes of one story."""

    def __init__(self, story: Story) -> None:
        self.story = story
        self.terms = TermFinder(story.terms.values())
        self._title_of = story.link_titles()

    def title_of(self, ref: str) -> str:
        return self._title_of.get(ref, ref)

    def blocks(self, text: str, styles: ProseStyles, refs: dict[str, None] | None = None) -> list[RenderableType]:
        """Paragraphs and quotations, a blank line apart; every ref met is added to ``refs``."""
        found = refs if refs is not None else {}
        out: list[RenderableType] = []
        for block in parse(text, self._title_of):
            if out:
                out.append(Text())
            line = self._block_text(block, styles, found)
            out.append(Padding(line, (0, 0, 0, QUOTE_INDENT)) if block.kind == "quote" else line)
        return out

    def scene(self, scene: Scene, styles: ProseStyles, *, body: str | None = None,
              hidden: bool = False) -> tuple[Group, tuple[str, ...]]:
        """The scene with its heading; ``body`` replaces the text (a summary), ``hidden`` leaves it out.

        Returns the renderable and the refs (terms and links) the reader can open from it.
        """
        refs: dict[str, None] = {}
        parts: list[RenderableType] = [Text(scene.title, styles.title), self._where(scene, styles), Text()]
        if hidden:
            return Group(*parts), ()
        if body is not None:
            parts.append(Text("A summary, in place of the scene:", styles.note))
            parts.append(Text())
            parts.extend(self.blocks(body, styles, refs))
        else:
            parts.extend(self.blocks(scene.text, styles, refs))
            if scene.editor_note:
                parts.append(Text())
                parts.append(Text("Editor's note", styles.note + Style(bold=True)))
                parts.extend(Padding(b, (0, 0, 0, 2)) for b in self.blocks(scene.editor_note, styles, refs))
        return Group(*parts), tuple(refs)

    def entry(self, entry: PanelEntry | Term, styles: ProseStyles) -> tuple[Group, tuple[str, ...]]:
        """A panel entry or term, with its particulars; returns the refs it links to (text, then see)."""
        refs: dict[str, None] = {}
        heading = entry.term if isinstance(entry, Term) else entry.title
        parts: list[RenderableType] = [Text(heading, styles.title)]
        for label, value in _particulars(entry):
            parts.append(Text.assemble((f"{label}: ", styles.meta), value))
        parts.append(Text())
        parts.extend(self.blocks(entry.text, styles, refs))
        for ref in entry.see:
            refs.setdefault(ref, None)
        return Group(*parts), tuple(refs)

    def _where(self, scene: Scene, styles: ProseStyles) -> Text:
        place = self.story.places.get(scene.place)
        bits = [scene.date.label(), place.name if place else scene.place]
        if scene.flashback:
            bits.append("looking back")
        return Text(" · ".join(bits), styles.meta)

    def _block_text(self, block: Block, styles: ProseStyles, found: dict[str, None]) -> Text:
        text = Text(style=styles.quote if block.kind == "quote" else "")
        for span in block.spans:
            if span.kind == "link":
                found.setdefault(span.ref, None)
                text.append(span.text, styles.link + Style(meta={"ref": span.ref}))
            else:
                self._append_with_terms(text, span.text, styles.emphasis if span.kind == "em" else None,
                                        styles, found)
        return text

    def _append_with_terms(self, text: Text, words: str, style: Style | None, styles: ProseStyles,
                           found: dict[str, None]) -> None:
        position = 0
        for start, end, ref in self.terms.find(words):
            text.append(words[position:start], style)
            found.setdefault(ref, None)
            term_style = styles.term + Style(meta={"ref": ref})
            text.append(words[start:end], style + term_style if style else term_style)
            position = end
        text.append(words[position:], style)


def _particulars(entry: PanelEntry | Term) -> list[tuple[str, str]]:
    """The labelled facts shown above an entry's text: a casualty's figure, a politician's actor."""
    if isinstance(entry, Term):
        return [("Also", ", ".join(entry.also))] if entry.also else []
    rows = [("Figure", entry.figure), ("Counts", entry.counts), ("Qualifier", entry.qualifier),
            ("Actor", entry.actor)]
    if entry.date is not None:
        rows.append(("Date", entry.date.label()))
    return [(label, value) for label, value in rows if value]
