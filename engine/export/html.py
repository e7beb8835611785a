"""The reading edition as one self-contained HTML file: for the screen, and for the printer.

No external assets: the stylesheet is inline, and its print rules drop the
contents list, start each appendix on a new page and print where links lead.
Every piece of story text goes through ``html.escape``.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from engine.export.edition import entry_anchor, phase_places, scene_anchor, source_anchor, thread_colours
from engine.export.walk import appendix, epilogue, translation_label
from engine.i18n import _
from engine.map.svg import scene_map_svg
from engine.story.labels import (
    citation_reference,
    condition_text,
    entry_facts,
    place_name,
    scenes_by_phase,
    thread_name,
)
from engine.story.markup import Block, parse
from engine.story.model import PANELS, Document, PanelEntry, Scene, Story, Term

STYLE = """
:root { color-scheme: light dark; --ink: #1b1b1b; --paper: #fdfdf8; --quiet: #595959; --link: #0b57a4; }
@media (prefers-color-scheme: dark) {
  :root { --ink: #e8e6e1; --paper: #171717; --quiet: #a8a8a8; --link: #8ab4f8; }
}
body { font: 1.05rem/1.6 Georgia, "Times New Roman", serif; color: var(--ink); background: var(--paper);
       max-width: 44rem; margin: 2rem auto; padding: 0 1rem; }
h1, h2, h3 { font-family: system-ui, sans-serif; line-height: 1.25; }
h2 { margin-top: 3rem; border-bottom: 1px solid var(--quiet); }
a { color: var(--link); }
.subtitle, .meta, .condition { color: var(--quiet); font-style: italic; }
.scene, .entry { margin: 2rem 0; }
.scene { border-left: 4px solid var(--thread, var(--quiet)); padding-left: 1rem; }
.thread-swatch { display: inline-block; width: .8em; height: .8em; background: var(--thread); margin-right: .4em;
                 print-color-adjust: exact; -webkit-print-color-adjust: exact; }
.epilogue { border-top: 3px double var(--quiet); margin-top: 4rem; }
blockquote { margin: 1rem 1.5rem; font-style: italic; }
.translation { color: var(--quiet); font-style: normal; }
.content-note, .editor-note { border: 1px solid var(--quiet); padding: 0 .75rem; margin: 1rem 0; }
.content-note { border-style: dashed; }
.sources, .unlocks, .see { font-size: .9em; }
.article-paragraph { font-size: .95em; }
figure.map { margin: 1.5rem 0; }
figure.map svg { display: block; max-width: 100%; height: auto; background: #fff; }
figcaption { font-size: .9em; color: var(--quiet); }
@media print {
  figure.map { break-inside: avoid; }
  nav { display: none; }
  body { max-width: none; margin: 0; padding: 0; font-size: 11pt; color: #000; background: #fff; }
  .appendix { break-before: page; }
  h2, h3 { break-after: avoid; }
  .content-note, .editor-note, blockquote, .choices { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
  a[data-to]::after { content: " (\\2192\\00a0" attr(data-to) ")"; font-size: .85em; }
  a[href^="http"]::after { content: " <" attr(href) ">"; font-size: .85em; word-break: break-all; }
}
"""


def render_html(story: Story) -> str:
    return _Edition(story).render()


class _Edition:
    def __init__(self, story: Story) -> None:
        self.story = story
        self.titles = story.link_titles()
        self.colours = thread_colours(story)
        self.out: list[str] = []

    def render(self) -> str:
        story = self.story
        self.add(
            f'<!DOCTYPE html>\n<html lang="{escape(story.lang)}">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{escape(story.title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>"
        )
        self.add(f"<header>\n<h1>{escape(story.title)}</h1>")
        if story.subtitle:
            self.add(f'<p class="subtitle">{escape(story.subtitle)}</p>')
        self.add(f'<p class="attribution">{escape(story.attribution)}</p>\n</header>')
        self.contents()
        self.add("<main>")
        self.threads()
        for phase_id, scenes in scenes_by_phase(story):
            phase = story.phase(phase_id)
            label = f"{phase.title} ({phase.date.label()})" if phase else phase_id
            kind = "phase epilogue" if phase and phase.epilogue else "phase"
            self.add(f'<section class="{kind}" id="phase-{phase_id}">')
            self.add(f"<h2>{escape(epilogue(label) if phase and phase.epilogue else label)}</h2>")
            self.phase_map(scenes)
            for scene in scenes:
                self.scene(scene)
            self.add("</section>")
        for panel in PANELS:
            entries = story.panel(panel)
            if entries:
                self.appendix(f"appendix-{panel}", appendix(panel), entries)
        if story.terms:
            terms = story.terms_in_order()
            self.appendix("appendix-glossary", appendix("glossary"), list(terms))
        if story.documents:
            self.appendix("appendix-documents", appendix("documents"), list(story.documents.values()))
        self.sources()
        self.add("</main>\n</body>\n</html>")
        return "\n".join(self.out) + "\n"

    def contents(self) -> None:
        contents = escape(_("Contents"))
        self.add(f'<nav aria-label="{contents}">\n<h2>{contents}</h2>\n<ol>')
        for phase_id, scenes in scenes_by_phase(self.story):
            phase = self.story.phase(phase_id)
            self.add(f'<li><a href="#phase-{phase_id}">{escape(phase.title if phase else phase_id)}</a>\n<ol>')
            for scene in scenes:
                self.add(f'<li><a href="#{scene_anchor(scene.id)}">{escape(scene.title)}</a></li>')
            self.add("</ol></li>")
        for panel in PANELS:
            if self.story.panel(panel):
                self.add(f'<li><a href="#appendix-{panel}">{escape(appendix(panel))}</a></li>')
        if self.story.terms:
            self.add(f'<li><a href="#appendix-glossary">{escape(appendix("glossary"))}</a></li>')
        if self.story.documents:
            self.add(f'<li><a href="#appendix-documents">{escape(appendix("documents"))}</a></li>')
        self.add(f'<li><a href="#sources">{escape(_("Sources"))}</a></li>\n</ol>\n</nav>')

    def phase_map(self, scenes: Sequence[Scene]) -> None:
        """The map as the phase ends, the places of all its scenes named.

        The phase's latest scene sets the date and the star: a scene looking back
        over the phase (Human Rights Watch's findings) does not turn its map back.
        """
        if not scenes or not self.story.places:
            return
        latest = max(reversed(scenes), key=lambda scene: (scene.date.start, scene.date.end))
        names = escape("; ".join(phase_places(self.story, scenes)))
        self.add(
            f'<figure class="map">\n{scene_map_svg(self.story, latest)}\n'
            f"<figcaption>{escape(_('Places:'))} {names}</figcaption>\n</figure>"
        )

    def threads(self) -> None:
        self.add(f'<section class="threads">\n<h2>{escape(_("Threads"))}</h2>\n<dl>')
        for thread in self.story.threads.values():
            swatch = f'<span class="thread-swatch" style="--thread: {self.colours[thread.id]}"></span>'
            self.add(f"<dt>{swatch}{escape(thread.name)}</dt><dd>{escape(thread.description)}</dd>")
        self.add("</dl>\n</section>")

    def scene(self, scene: Scene) -> None:
        story = self.story
        colour = self.colours.get(scene.thread, "")
        self.add(f'<article class="scene" id="{scene_anchor(scene.id)}" style="--thread: {colour}">')
        self.add(f"<h3>{escape(scene.title)}</h3>")
        facts = [scene.date.label(), place_name(story, scene.place), thread_name(story, scene.thread)]
        marks = ([_("flashback")] if scene.flashback else []) + ([_("an ending")] if scene.ending else [])
        self.add(f'<p class="meta">{escape(" · ".join(facts + marks))}</p>')
        if scene.content_note is not None:
            self.add(
                f'<div class="content-note" role="note">\n'
                f"<p><strong>{escape(_('Content note:'))}</strong> {escape(scene.content_note.note)}</p>\n"
                f"<p><strong>{escape(_('Summary:'))}</strong> {escape(scene.content_note.summary)}</p>\n</div>"
            )
        self.text(scene.text)
        if scene.editor_note:
            self.add('<aside class="editor-note">')
            self.text(scene.editor_note, label=f"<strong>{escape(_('Editor’s note:'))}</strong> ")
            self.add("</aside>")
        if scene.unlocks:
            links = ", ".join(self.link(ref, self.titles.get(ref, ref)) for ref in scene.unlocks)
            self.add(f'<p class="unlocks">{escape(_("Unlocks:"))} {links}</p>')
        if scene.choices:
            self.add('<ol class="choices">')
            for choice in scene.choices:
                target = story.scenes.get(choice.target)
                to = target.title if target is not None else choice.target
                item = self.anchor_link(scene_anchor(choice.target), choice.label, to)
                if choice.condition is not None:
                    item += f' <span class="condition">({escape(condition_text(story, choice.condition))})</span>'
                self.add(f"<li>{item}</li>")
            self.add("</ol>")
        elif scene.ending:
            self.add(f'<p class="ending"><em>{escape(_("This reading ends here."))}</em></p>')
        self.add(f'<p class="sources">{escape(_("Sources:"))} {self.source_links(scene.sources)}</p>\n</article>')

    def appendix(self, anchor: str, title: str, items: Sequence[PanelEntry | Term | Document]) -> None:
        self.add(f'<section class="appendix" id="{anchor}">\n<h2>{escape(title)}</h2>')
        for item in items:
            self.entry(item)
        self.add("</section>")

    def entry(self, item: PanelEntry | Term | Document) -> None:
        self.add(f'<article class="entry" id="{entry_anchor(item.ref)}">\n<h3>{escape(item.title)}</h3>')
        facts = entry_facts(item)
        if facts:
            self.add(f'<p class="meta">{escape(" · ".join(facts))}</p>')
        self.text(item.text)
        if isinstance(item, Document) and item.note:
            self.add('<aside class="editor-note">')
            self.text(item.note, label=f"<strong>{escape(_('About this text:'))}</strong> ")
            self.add("</aside>")
        if item.see:
            links = ", ".join(self.link(ref, self.titles.get(ref, ref)) for ref in item.see)
            self.add(f'<p class="see">{escape(_("See also:"))} {links}</p>')
        self.add(f'<p class="sources">{escape(_("Sources:"))} {self.source_links(item.sources)}</p>\n</article>')

    def sources(self) -> None:
        story = self.story
        self.add(f'<section class="appendix" id="sources">\n<h2>{escape(_("Sources"))}</h2>')
        self.add(f"<p>{escape(story.attribution)}</p>")
        if story.citations:
            self.add(f"<h3>{escape(_('Other sources'))}</h3>\n<ul>")
            for citation in story.citations.values():
                text = escape(citation_reference(citation))
                if citation.url:
                    text += f'. <a href="{escape(citation.url)}">{escape(citation.url)}</a>'
                note = f" {escape(citation.note)}" if citation.note else ""
                self.add(
                    f'<li id="{source_anchor(citation.id)}"><strong>{escape(citation.id)}</strong>: {text}.{note}</li>'
                )
            self.add("</ul>")
        self.add(f"<h3>{escape(_('What each scene cites'))}</h3>\n<ul>")
        for _phase, scenes in scenes_by_phase(story):
            for scene in scenes:
                link = self.anchor_link(scene_anchor(scene.id), scene.title, "")
                self.add(f"<li>{link}: {self.source_links(scene.sources)}</li>")
        self.add(f"</ul>\n<h3>{escape(_('The article: {title}').format(title=story.article.title))}</h3>")
        for paragraph in story.article.paragraphs:
            self.add(
                f'<p class="article-paragraph" id="{source_anchor(paragraph.id)}">'
                f"<strong>{escape(paragraph.id)}</strong> {escape(paragraph.text)}</p>"
            )
        self.add("</section>")

    # pieces

    def text(self, text: str, label: str = "") -> None:
        """Story text as HTML paragraphs; ``label`` (already HTML) opens the first."""
        for n, block in enumerate(parse(text, self.titles)):
            body = f"<p>{label if n == 0 else ''}{self.inline(block)}</p>"
            self.add(f"<blockquote>{body}</blockquote>" if block.kind == "quote" else body)

    def inline(self, block: Block) -> str:
        parts = []
        for span in block.spans:
            if span.kind == "em":
                parts.append(f"<em>{escape(span.text)}</em>")
            elif span.kind == "link":
                parts.append(self.link(span.ref, span.text))
            elif span.kind == "translation":
                parts.append(f' <span class="translation">{escape(translation_label(span.text))}</span>')
            else:
                parts.append(escape(span.text))
        return "".join(parts)

    def link(self, ref: str, label: str) -> str:
        item = self.story.entry(ref)
        if item is None:
            return escape(label)
        return self.anchor_link(entry_anchor(ref), label, item.title)

    def anchor_link(self, anchor: str, label: str, to: str) -> str:
        """A link inside the edition; on paper it says where it leads when the label does not."""
        data = f' data-to="{escape(to)}"' if to and to != label else ""
        return f'<a href="#{anchor}"{data}>{escape(label)}</a>'

    def source_links(self, sources: tuple[str, ...]) -> str:
        known = self.story.article.by_id.keys() | self.story.citations.keys()
        return ", ".join(self.anchor_link(source_anchor(s), s, "") if s in known else escape(s) for s in sources)

    def add(self, text: str) -> None:
        self.out.append(text)
