"""The reading edition as Markdown: every scene once, then the panels, the glossary and the sources.

Story text is escaped so that nothing in it becomes Markdown or HTML; only the
story's own markup (emphasis, links) is turned into Markdown here.
"""

from __future__ import annotations

import re

from engine.export.edition import entry_anchor, phase_places, scene_anchor, source_anchor
from engine.i18n import _, pgettext
from engine.story.labels import (
    citation_text,
    condition_text,
    entry_facts,
    panel_name,
    place_name,
    scenes_by_phase,
    thread_name,
)
from engine.story.markup import Block, parse
from engine.story.model import PANELS, Document, PanelEntry, Scene, Story, Term

_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~&$])")
_BLOCK_START = re.compile(r"^(\d+)([.)])|^([-+=:])")


def escape(text: str) -> str:
    """Text that Markdown shows as written: punctuation it would read is backslash-escaped."""
    return _SPECIAL.sub(r"\\\1", re.sub(r"\s+", " ", text))


def paragraph(markdown: str) -> str:
    """A paragraph made of escaped text, made safe at its start too ("1." or "-" would start a list)."""
    return _BLOCK_START.sub(
        lambda m: f"{m.group(1)}\\{m.group(2)}" if m.group(1) else f"\\{m.group(3)}", markdown.strip()
    )


def epilogue(title: str) -> str:
    """The heading of an epilogue phase: set apart in every edition."""
    return _("Epilogue: {title}").format(title=title)


def appendix(panel: str) -> str:
    return _("Appendix: {panel}").format(panel=panel_name(panel))


def translation_label(words: str) -> str:
    """A quotation's translation as the editions show it beside the original words: marked as a translation."""
    return pgettext("beside a quotation", "[translation: {words}]").format(words=words)


def render_markdown(story: Story) -> str:
    return "\n".join(_Edition(story).lines()) + "\n"


class _Edition:
    def __init__(self, story: Story) -> None:
        self.story = story
        self.titles = story.link_titles()
        self.out: list[str] = []

    def lines(self) -> list[str]:
        story = self.story
        self.add(f"# {escape(story.title)}")
        if story.subtitle:
            self.add(f"*{escape(story.subtitle)}*")
        self.add(paragraph(escape(story.attribution)))
        self.contents()
        self.add("## " + escape(_("Threads")))
        self.add("\n".join(f"- **{escape(t.name)}**: {escape(t.description)}" for t in story.threads.values()))
        for phase_id, scenes in scenes_by_phase(story):
            phase = story.phase(phase_id)
            self.anchor(f"phase-{phase_id}")
            label = f"{phase.title} ({phase.date.label()})" if phase else phase_id
            self.add("## " + escape(epilogue(label) if phase and phase.epilogue else label))
            # The HTML edition draws this phase's map; in plain text the places are named instead.
            # Translators: before the list of the places a phase of the story happens at.
            self.add(escape(_("Places:") + " " + "; ".join(phase_places(story, scenes))))
            for scene in scenes:
                self.scene(scene)
        for panel in PANELS:
            entries = story.panel(panel)
            if entries:
                self.anchor(f"appendix-{panel}")
                self.add("## " + escape(appendix(panel)))
                for entry in entries:
                    self.entry(entry)
        if story.terms:
            self.anchor("appendix-glossary")
            self.add("## " + escape(appendix("glossary")))
            for term in story.terms_in_order():
                self.entry(term)
        if story.documents:
            self.anchor("appendix-documents")
            self.add("## " + escape(appendix("documents")))
            for document in story.documents.values():
                self.entry(document)
        self.sources()
        return self.out

    def contents(self) -> None:
        self.add("## " + escape(_("Contents")))
        items = []
        for phase_id, scenes in scenes_by_phase(self.story):
            phase = self.story.phase(phase_id)
            items.append(f"- [{escape(phase.title if phase else phase_id)}](#phase-{phase_id})")
            items += [f"  - [{escape(s.title)}](#{scene_anchor(s.id)})" for s in scenes]
        items += [f"- [{escape(appendix(p))}](#appendix-{p})" for p in PANELS if self.story.panel(p)]
        if self.story.terms:
            items.append(f"- [{escape(appendix('glossary'))}](#appendix-glossary)")
        if self.story.documents:
            items.append(f"- [{escape(appendix('documents'))}](#appendix-documents)")
        items.append(f"- [{escape(_('Sources'))}](#sources)")
        self.add("\n".join(items))

    def scene(self, scene: Scene) -> None:
        story = self.story
        self.anchor(scene_anchor(scene.id))
        self.add(f"### {escape(scene.title)}")
        facts = [scene.date.label(), place_name(story, scene.place), thread_name(story, scene.thread)]
        marks = ([_("flashback")] if scene.flashback else []) + ([_("an ending")] if scene.ending else [])
        self.add("*" + escape(" · ".join(facts + marks)) + "*")
        if scene.content_note is not None:
            self.add(
                f"> **{escape(_('Content note:'))}** {escape(scene.content_note.note)}\n>\n"
                f"> **{escape(_('Summary:'))}** {escape(scene.content_note.summary)}"
            )
        self.text(scene.text)
        if scene.editor_note:
            self.text(scene.editor_note, label=f"**{escape(_('Editor’s note:'))}** ")
        if scene.unlocks:
            self.add(
                f"**{escape(_('Unlocks:'))}** "
                + ", ".join(self.link(ref, self.titles.get(ref, ref)) for ref in scene.unlocks)
            )
        if scene.choices:
            choices = []
            for n, choice in enumerate(scene.choices, start=1):
                line = f"{n}. [{escape(choice.label)}](#{scene_anchor(choice.target)})"
                target = story.scenes.get(choice.target)
                if target is not None:
                    line += f" → {escape(target.title)}"
                if choice.condition is not None:
                    line += f" *({escape(condition_text(story, choice.condition))})*"
                choices.append(line)
            self.add(f"**{escape(_('Choices:'))}**\n\n" + "\n".join(choices))
        elif scene.ending:
            self.add(f"*{escape(_('This reading ends here.'))}*")
        self.add(f"**{escape(_('Sources:'))}** " + self.source_links(scene.sources))

    def entry(self, item: PanelEntry | Term | Document) -> None:
        self.anchor(entry_anchor(item.ref))
        self.add(f"### {escape(item.title)}")
        facts = entry_facts(item)
        if facts:
            self.add("*" + escape(" · ".join(facts)) + "*")
        self.text(item.text)
        if isinstance(item, Document) and item.note:
            self.text(item.note, label=f"**{escape(_('About this text:'))}** ")
        if item.see:
            self.add(
                f"**{escape(_('See also:'))}** "
                + ", ".join(self.link(ref, self.titles.get(ref, ref)) for ref in item.see)
            )
        self.add(f"**{escape(_('Sources:'))}** " + self.source_links(item.sources))

    def sources(self) -> None:
        story = self.story
        self.anchor("sources")
        self.add("## " + escape(_("Sources")))
        self.add(paragraph(escape(story.attribution)))
        if story.citations:
            self.add("### " + escape(_("Other sources")))
            for citation in story.citations.values():
                note = f" {escape(citation.note)}" if citation.note else ""
                self.anchor(source_anchor(citation.id))
                self.add(f"**{escape(citation.id)}**: {escape(citation_text(citation))}.{note}")
        self.add("### " + escape(_("What each scene cites")))
        self.add(
            "\n".join(
                f"- [{escape(s.title)}](#{scene_anchor(s.id)}): {self.source_links(s.sources)}"
                for _phase, scenes in scenes_by_phase(story)
                for s in scenes
            )
        )
        self.add("### " + escape(_("The article: {title}").format(title=story.article.title)))
        for cited in story.article.paragraphs:
            self.anchor(source_anchor(cited.id))
            self.add(f"**{escape(cited.id)}** {escape(cited.text)}")

    # pieces

    def text(self, text: str, label: str = "") -> None:
        """Story text as Markdown paragraphs; ``label`` (already Markdown) opens the first."""
        for n, block in enumerate(parse(text, self.titles)):
            opening = label if n == 0 else ""
            self.add(("> " if block.kind == "quote" else "") + opening + paragraph(self.inline(block)))

    def inline(self, block: Block) -> str:
        parts = []
        for span in block.spans:
            if span.kind == "em":
                parts.append(f"*{escape(span.text)}*")
            elif span.kind == "link":
                parts.append(self.link(span.ref, span.text))
            elif span.kind == "translation":
                parts.append(" *" + escape(translation_label(span.text)) + "*")
            else:
                parts.append(escape(span.text))
        return "".join(parts)

    def link(self, ref: str, label: str) -> str:
        if self.story.entry(ref) is None:
            return escape(label)
        return f"[{escape(label)}](#{entry_anchor(ref)})"

    def source_links(self, sources: tuple[str, ...]) -> str:
        known = self.story.article.by_id.keys() | self.story.citations.keys()
        return ", ".join(f"[{escape(s)}](#{source_anchor(s)})" if s in known else escape(s) for s in sources)

    def anchor(self, name: str) -> None:
        self.out.append(f'<a id="{name}"></a>\n')

    def add(self, text: str) -> None:
        self.out.append(text + "\n")
