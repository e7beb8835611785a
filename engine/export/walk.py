"""The reading edition's one walk through the story: which pieces, in which order, in which words.

Title, contents, threads, the phases with their scenes, the panels and the
glossary and the documents as appendices, then the sources.  The walk decides
what the edition says; a ``Writer`` only says how its format writes each
piece, so the Markdown and the HTML editions cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from typing import Protocol

from engine.export.edition import entry_anchor, phase_places, scene_anchor, source_anchor
from engine.i18n import _, pgettext
from engine.story.labels import condition_text, entry_facts, panel_name, place_name, scenes_by_phase, thread_name
from engine.story.markup import Block, Span, parse
from engine.story.model import PANELS, Citation, Document, PanelEntry, Scene, Story, Term, Thread


def epilogue(title: str) -> str:
    """The heading of an epilogue phase: set apart in every edition."""
    return _("Epilogue: {title}").format(title=title)


def appendix(panel: str) -> str:
    return _("Appendix: {panel}").format(panel=panel_name(panel))


def translation_label(words: str) -> str:
    """A quotation's translation as the editions show it beside the original words: marked as a translation."""
    return pgettext("beside a quotation", "[translation: {words}]").format(words=words)


class Writer(Protocol):
    """How one format writes each piece of the edition; every word the walk gives it is escaped here.

    Inline pieces are returned already written, to be joined into the ``body``
    of a block or the ``items`` of a list, taken as they are: ``link`` leads to ``anchor`` (``to`` names where,
    for a format that can say so on paper); ``choice`` to the scene ``target``,
    whose ``title`` is None if there is no such scene.  Blocks are written in
    order; those holding others are context managers.  A ``section`` may have
    no ``anchor``, and its ``kind`` (like a ``labelled`` line's) is the part's
    class; ``aside`` holds a note set beside the text; ``cited`` is a paragraph
    of the seed article.  ``finish`` gives the whole edition.
    """

    def plain(self, text: str) -> str: ...
    def em(self, text: str) -> str: ...
    def translation(self, label: str) -> str: ...
    def link(self, anchor: str, label: str, to: str = "") -> str: ...
    def choice(self, target: str, label: str, title: str | None, condition: str | None) -> str: ...

    def document(self, lang: str, title: str) -> AbstractContextManager[None]: ...
    def header(self, title: str, subtitle: str, attribution: str) -> None: ...
    def contents(self, heading: str, items: Sequence[tuple[str, Sequence[str]]]) -> None: ...
    def main(self) -> AbstractContextManager[None]: ...
    def section(self, anchor: str, heading: str, kind: str) -> AbstractContextManager[None]: ...
    def threads(self, threads: Iterable[Thread]) -> None: ...
    def phase_map(self, scenes: Sequence[Scene], label: str, places: Sequence[str]) -> None: ...
    def scene(self, anchor: str, title: str, thread: str) -> AbstractContextManager[None]: ...
    def entry(self, anchor: str, title: str) -> AbstractContextManager[None]: ...
    def meta(self, text: str) -> None: ...
    def content_note(self, lines: Sequence[tuple[str, str]]) -> None: ...
    def paragraph(self, body: str, label: str = "") -> None: ...
    def quote(self, body: str, label: str = "") -> None: ...
    def aside(self) -> AbstractContextManager[None]: ...
    def labelled(self, kind: str, label: str, body: str) -> None: ...
    def choices(self, label: str, items: Sequence[str]) -> None: ...
    def ending(self, text: str) -> None: ...
    def subheading(self, text: str) -> None: ...
    def bullets(self, items: Sequence[str]) -> None: ...
    def citations(self, citations: Iterable[Citation]) -> None: ...
    def cited(self, anchor: str, name: str, text: str) -> None: ...
    def finish(self) -> str: ...


def write_edition(story: Story, writer: Writer) -> str:
    """The whole reading edition of ``story``, as ``writer`` writes it."""
    _Walk(story, writer).edition()
    return writer.finish()


class _Walk:
    def __init__(self, story: Story, writer: Writer) -> None:
        self.story = story
        self.writer = writer
        self.titles = story.link_titles()

    def edition(self) -> None:
        story, writer = self.story, self.writer
        with writer.document(story.lang, story.title):
            writer.header(story.title, story.subtitle, story.attribution)
            writer.contents(_("Contents"), self.contents())
            with writer.main():
                with writer.section("", _("Threads"), "threads"):
                    writer.threads(story.threads.values())
                for phase_id, scenes in scenes_by_phase(story):
                    self.phase(phase_id, scenes)
                for panel in PANELS:
                    entries = story.panel(panel)
                    if entries:
                        self.appendix(panel, entries)
                if story.terms:
                    self.appendix("glossary", story.terms_in_order())
                if story.documents:
                    self.appendix("documents", tuple(story.documents.values()))
                self.sources()

    def contents(self) -> list[tuple[str, Sequence[str]]]:
        story, link = self.story, self.writer.link
        items: list[tuple[str, Sequence[str]]] = []
        for phase_id, scenes in scenes_by_phase(story):
            phase = story.phase(phase_id)
            scene_links = [link(scene_anchor(s.id), s.title) for s in scenes]
            items.append((link(f"phase-{phase_id}", phase.title if phase else phase_id), scene_links))
        items += [(link(f"appendix-{p}", appendix(p)), ()) for p in PANELS if story.panel(p)]
        if story.terms:
            items.append((link("appendix-glossary", appendix("glossary")), ()))
        if story.documents:
            items.append((link("appendix-documents", appendix("documents")), ()))
        items.append((link("sources", _("Sources")), ()))
        return items

    def phase(self, phase_id: str, scenes: Sequence[Scene]) -> None:
        story, writer = self.story, self.writer
        phase = story.phase(phase_id)
        label = f"{phase.title} ({phase.date.label()})" if phase else phase_id
        if phase and phase.epilogue:
            label, kind = epilogue(label), "phase epilogue"
        else:
            kind = "phase"
        with writer.section(f"phase-{phase_id}", label, kind):
            # Translators: before the list of the places a phase of the story happens at.
            writer.phase_map(scenes, _("Places:"), phase_places(story, scenes))
            for scene in scenes:
                self.scene(scene)

    def scene(self, scene: Scene) -> None:
        story, writer = self.story, self.writer
        with writer.scene(scene_anchor(scene.id), scene.title, scene.thread):
            facts = [scene.date.label(), place_name(story, scene.place), thread_name(story, scene.thread)]
            marks = ([_("flashback")] if scene.flashback else []) + ([_("an ending")] if scene.ending else [])
            writer.meta(" · ".join(facts + marks))
            if scene.content_note is not None:
                note = scene.content_note
                writer.content_note([(_("Content note:"), note.note), (_("Summary:"), note.summary)])
            self.text(scene.text)
            if scene.editor_note:
                with writer.aside():
                    self.text(scene.editor_note, _("Editor’s note:"))
            if scene.unlocks:
                writer.labelled("unlocks", _("Unlocks:"), self.links(scene.unlocks))
            if scene.choices:
                items = []
                for choice in scene.choices:
                    target = story.scenes.get(choice.target)
                    condition = None if choice.condition is None else condition_text(story, choice.condition)
                    title = target.title if target is not None else None
                    items.append(writer.choice(choice.target, choice.label, title, condition))
                writer.choices(_("Choices:"), items)
            elif scene.ending:
                writer.ending(_("This reading ends here."))
            writer.labelled("sources", _("Sources:"), self.source_links(scene.sources))

    def appendix(self, panel: str, items: Sequence[PanelEntry | Term | Document]) -> None:
        with self.writer.section(f"appendix-{panel}", appendix(panel), "appendix"):
            for item in items:
                self.entry(item)

    def entry(self, item: PanelEntry | Term | Document) -> None:
        writer = self.writer
        with writer.entry(entry_anchor(item.ref), item.title):
            facts = entry_facts(item)
            if facts:
                writer.meta(" · ".join(facts))
            self.text(item.text)
            if isinstance(item, Document) and item.note:
                with writer.aside():
                    self.text(item.note, _("About this text:"))
            if item.see:
                writer.labelled("see", _("See also:"), self.links(item.see))
            writer.labelled("sources", _("Sources:"), self.source_links(item.sources))

    def sources(self) -> None:
        story, writer = self.story, self.writer
        with writer.section("sources", _("Sources"), "appendix"):
            writer.paragraph(writer.plain(story.attribution))
            if story.citations:
                writer.subheading(_("Other sources"))
                writer.citations(story.citations.values())
            writer.subheading(_("What each scene cites"))
            writer.bullets(
                [
                    f"{writer.link(scene_anchor(s.id), s.title)}: {self.source_links(s.sources)}"
                    for _phase, scenes in scenes_by_phase(story)
                    for s in scenes
                ]
            )
            writer.subheading(_("The article: {title}").format(title=story.article.title))
            for cited in story.article.paragraphs:
                writer.cited(source_anchor(cited.id), cited.id, cited.text)

    # pieces

    def text(self, text: str, label: str = "") -> None:
        """Story text, paragraph by paragraph; ``label`` opens the first."""
        for n, block in enumerate(parse(text, self.titles)):
            write = self.writer.quote if block.kind == "quote" else self.writer.paragraph
            write(self.inline(block), label if n == 0 else "")

    def inline(self, block: Block) -> str:
        return "".join(self.span(span) for span in block.spans)

    def span(self, span: Span) -> str:
        if span.kind == "em":
            return self.writer.em(span.text)
        if span.kind == "link":
            return self.link(span.ref, span.text)
        if span.kind == "translation":
            return self.writer.translation(translation_label(span.text))
        return self.writer.plain(span.text)

    def link(self, ref: str, label: str) -> str:
        """A link to a panel entry, glossary term or document; plain text if the story has no such entry."""
        item = self.story.entry(ref)
        if item is None:
            return self.writer.plain(label)
        return self.writer.link(entry_anchor(ref), label, item.title)

    def links(self, refs: Iterable[str]) -> str:
        return ", ".join(self.link(ref, self.titles.get(ref, ref)) for ref in refs)

    def source_links(self, sources: Iterable[str]) -> str:
        known = self.story.article.by_id.keys() | self.story.citations.keys()
        return ", ".join(self.writer.link(source_anchor(s), s) if s in known else self.writer.plain(s) for s in sources)
