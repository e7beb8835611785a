"""Story text as Rich renderables: built span by span, never parsed as markup.

Links and glossary terms carry ``Style(meta={"ref": ...})`` so a click on them
can be answered by the widget under the mouse; the ref is data, not an action.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.style import Style
from rich.text import Text

from engine.i18n import _
from engine.story.labels import particulars
from engine.story.markup import Block, parse
from engine.story.model import Document, PanelEntry, Scene, Story, Term
from engine.story.terms import TermFinder

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


def _everything(ref: str) -> bool:
    return True


class ProseRenderer:
    """Draws scenes, entries and notes of one story.

    Links and terms lead only where ``is_open`` allows (what the reader has
    reached); anything else is drawn as plain words, so no link gives away what
    comes later.  A term is marked where it first appears, not at every mention,
    and an entry never links to itself.
    """

    def __init__(self, story: Story) -> None:
        self.story = story
        self.terms = TermFinder(story.terms.values())
        self._title_of = story.link_titles()

    def title_of(self, ref: str) -> str:
        return self._title_of.get(ref, ref)

    def blocks(
        self,
        text: str,
        styles: ProseStyles,
        refs: dict[str, None] | None = None,
        *,
        is_open: Callable[[str], bool] = _everything,
        itself: str = "",
    ) -> list[RenderableType]:
        """Paragraphs and quotations, a blank line apart; every ref linked is added to ``refs``."""
        found = refs if refs is not None else {}
        out: list[RenderableType] = []
        for block in parse(text, self._title_of):
            if out:
                out.append(Text())
            line = self._block_text(block, styles, found, lambda ref: ref != itself and is_open(ref))
            out.append(Padding(line, (0, 0, 0, QUOTE_INDENT)) if block.kind == "quote" else line)
        return out

    def scene(
        self,
        scene: Scene,
        styles: ProseStyles,
        *,
        body: str | None = None,
        hidden: bool = False,
        where: str = "",
        is_open: Callable[[str], bool] = _everything,
    ) -> tuple[Group, tuple[str, ...]]:
        """The scene with its heading; ``body`` replaces the text (a summary), ``hidden`` leaves it out.

        ``where`` is added to the line under the title (the thread being followed).
        Returns the renderable and the refs (terms and links) the reader can open from it.
        """
        refs: dict[str, None] = {}
        parts: list[RenderableType] = [Text(scene.title, styles.title), self._where(scene, styles, where), Text()]
        if hidden:
            return Group(*parts), ()
        if body is not None:
            parts.append(Text(_("A summary, in place of the scene:"), styles.note))
            parts.append(Text())
            parts.extend(self.blocks(body, styles, refs, is_open=is_open))
        else:
            parts.extend(self.blocks(scene.text, styles, refs, is_open=is_open))
            if scene.editor_note:
                parts.append(Text())
                parts.append(Text(_("Editor's note"), styles.note + Style(bold=True)))
                parts.extend(
                    Padding(b, (0, 0, 0, 2)) for b in self.blocks(scene.editor_note, styles, refs, is_open=is_open)
                )
        return Group(*parts), tuple(refs)

    def entry(
        self, entry: PanelEntry | Term | Document, styles: ProseStyles, is_open: Callable[[str], bool] = _everything
    ) -> tuple[Group, tuple[str, ...]]:
        """A panel entry or term, with its particulars; returns the refs it links to (text, then see)."""
        refs: dict[str, None] = {}
        heading = entry.title
        parts: list[RenderableType] = [Text(heading, styles.title)]
        for label, value in particulars(entry):
            parts.append(Text.assemble((f"{label}: ", styles.meta), value))
        parts.append(Text())
        parts.extend(self.blocks(entry.text, styles, refs, is_open=is_open, itself=entry.ref))
        if isinstance(entry, Document) and entry.note:
            parts.append(Text())
            parts.append(Text(_("About this text"), styles.note + Style(bold=True)))
            parts.extend(self.blocks(entry.note, styles, refs, is_open=is_open))
        see = [ref for ref in entry.see if ref != entry.ref and is_open(ref) and ref not in refs]
        if see:
            parts.append(Text())
            line = Text(_("See also: "), styles.meta)
            for n, ref in enumerate(see):
                refs.setdefault(ref, None)
                line.append("; " if n else "")
                line.append(self.title_of(ref), styles.link + Style(meta={"ref": ref}))
            parts.append(line)
        return Group(*parts), tuple(refs)

    def _where(self, scene: Scene, styles: ProseStyles, where: str) -> Text:
        place = self.story.places.get(scene.place)
        bits = [scene.date.label(), place.name if place else scene.place]
        if scene.flashback:
            bits.append(_("looking back"))
        if where:
            bits.append(where)
        return Text(" · ".join(bits), styles.meta)

    def _block_text(
        self, block: Block, styles: ProseStyles, found: dict[str, None], is_open: Callable[[str], bool]
    ) -> Text:
        text = Text(style=styles.quote if block.kind == "quote" else "")
        for span in block.spans:
            if span.kind == "link" and is_open(span.ref):
                found.setdefault(span.ref, None)
                text.append(span.text, styles.link + Style(meta={"ref": span.ref}))
            elif span.kind == "link":
                text.append(span.text)
            else:
                self._append_with_terms(
                    text, span.text, styles.emphasis if span.kind == "em" else None, styles, found, is_open
                )
        return text

    def _append_with_terms(
        self,
        text: Text,
        words: str,
        style: Style | None,
        styles: ProseStyles,
        found: dict[str, None],
        is_open: Callable[[str], bool],
    ) -> None:
        """Words with the first mention of each open term marked (every mention underlined is noise)."""
        position = 0
        for start, end, ref in self.terms.find(words):
            if ref in found or not is_open(ref):
                continue
            text.append(words[position:start], style)
            found[ref] = None
            term_style = styles.term + Style(meta={"ref": ref})
            text.append(words[start:end], style + term_style if style else term_style)
            position = end
        text.append(words[position:], style)
