"""The reading edition as one self-contained HTML file: for the screen, and for the printer.

No external assets: the stylesheet is inline, and its print rules drop the
contents list, start each appendix on a new page and print where links lead.
Every piece of story text goes through ``html.escape``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from html import escape

from engine.export.edition import scene_anchor, source_anchor, thread_colours
from engine.export.walk import write_edition
from engine.map.svg import scene_map_svg
from engine.story.labels import citation_reference
from engine.story.model import Citation, Scene, Story, Thread

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
    return write_edition(story, _Html(story))


class _Html:
    """The edition's pieces as HTML lines; the story is kept for its maps and its threads' colours."""

    def __init__(self, story: Story) -> None:
        self.story = story
        self.colours = thread_colours(story)
        self.out: list[str] = []

    def plain(self, text: str) -> str:
        return escape(text)

    def em(self, text: str) -> str:
        return f"<em>{escape(text)}</em>"

    def translation(self, label: str) -> str:
        return f' <span class="translation">{escape(label)}</span>'

    def link(self, anchor: str, label: str, to: str = "") -> str:
        """On paper the link says where it leads when its label does not."""
        data = f' data-to="{escape(to)}"' if to and to != label else ""
        return f'<a href="#{anchor}"{data}>{escape(label)}</a>'

    def choice(self, target: str, label: str, title: str | None, condition: str | None) -> str:
        item = self.link(scene_anchor(target), label, title if title is not None else target)
        if condition is not None:
            item += f' <span class="condition">({escape(condition)})</span>'
        return item

    @contextmanager
    def document(self, lang: str, title: str) -> Iterator[None]:
        self.add(
            f'<!DOCTYPE html>\n<html lang="{escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{escape(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>"
        )
        yield
        self.add("</body>\n</html>")

    def header(self, title: str, subtitle: str, attribution: str) -> None:
        self.add(f"<header>\n<h1>{escape(title)}</h1>")
        if subtitle:
            self.add(f'<p class="subtitle">{escape(subtitle)}</p>')
        self.add(f'<p class="attribution">{escape(attribution)}</p>\n</header>')

    def contents(self, heading: str, items: Sequence[tuple[str, Sequence[str]]]) -> None:
        self.add(f'<nav aria-label="{escape(heading)}">\n<h2>{escape(heading)}</h2>\n<ol>')
        for link, under in items:
            if under:
                self.add(f"<li>{link}\n<ol>")
                for sub in under:
                    self.add(f"<li>{sub}</li>")
                self.add("</ol></li>")
            else:
                self.add(f"<li>{link}</li>")
        self.add("</ol>\n</nav>")

    @contextmanager
    def main(self) -> Iterator[None]:
        self.add("<main>")
        yield
        self.add("</main>")

    @contextmanager
    def section(self, anchor: str, heading: str, kind: str) -> Iterator[None]:
        section_id = f' id="{anchor}"' if anchor else ""
        self.add(f'<section class="{kind}"{section_id}>\n<h2>{escape(heading)}</h2>')
        yield
        self.add("</section>")

    def threads(self, threads: Iterable[Thread]) -> None:
        self.add("<dl>")
        for thread in threads:
            swatch = f'<span class="thread-swatch" style="--thread: {self.colours[thread.id]}"></span>'
            self.add(f"<dt>{swatch}{escape(thread.name)}</dt><dd>{escape(thread.description)}</dd>")
        self.add("</dl>")

    def phase_map(self, scenes: Sequence[Scene], label: str, places: Sequence[str]) -> None:
        """The map as the phase ends, the places of all its scenes named.

        The phase's latest scene sets the date and the star: a scene looking back
        over the phase (Human Rights Watch's findings) does not turn its map back.
        """
        if not scenes or not self.story.places:
            return
        latest = max(reversed(scenes), key=lambda scene: (scene.date.start, scene.date.end))
        self.add(
            f'<figure class="map">\n{scene_map_svg(self.story, latest)}\n'
            f"<figcaption>{escape(label)} {escape('; '.join(places))}</figcaption>\n</figure>"
        )

    @contextmanager
    def scene(self, anchor: str, title: str, thread: str) -> Iterator[None]:
        colour = self.colours.get(thread, "")
        self.add(f'<article class="scene" id="{anchor}" style="--thread: {colour}">\n<h3>{escape(title)}</h3>')
        yield
        self.add("</article>")

    @contextmanager
    def entry(self, anchor: str, title: str) -> Iterator[None]:
        self.add(f'<article class="entry" id="{anchor}">\n<h3>{escape(title)}</h3>')
        yield
        self.add("</article>")

    def meta(self, text: str) -> None:
        self.add(f'<p class="meta">{escape(text)}</p>')

    def content_note(self, lines: Sequence[tuple[str, str]]) -> None:
        self.add('<div class="content-note" role="note">')
        for label, text in lines:
            self.add(f"<p><strong>{escape(label)}</strong> {escape(text)}</p>")
        self.add("</div>")

    def paragraph(self, body: str, label: str = "") -> None:
        self.add(self.p(body, label))

    def quote(self, body: str, label: str = "") -> None:
        self.add(f"<blockquote>{self.p(body, label)}</blockquote>")

    def p(self, body: str, label: str) -> str:
        """A ``<p>`` of ``body``, ``label`` in bold before it."""
        return f"<p>{f'<strong>{escape(label)}</strong> ' if label else ''}{body}</p>"

    @contextmanager
    def aside(self) -> Iterator[None]:
        self.add('<aside class="editor-note">')
        yield
        self.add("</aside>")

    def labelled(self, kind: str, label: str, body: str) -> None:
        self.add(f'<p class="{kind}">{escape(label)} {body}</p>')

    def choices(self, label: str, items: Sequence[str]) -> None:
        """The numbers say they are choices: no label above them."""
        self.add('<ol class="choices">')
        for item in items:
            self.add(f"<li>{item}</li>")
        self.add("</ol>")

    def ending(self, text: str) -> None:
        self.add(f'<p class="ending"><em>{escape(text)}</em></p>')

    def subheading(self, text: str) -> None:
        self.add(f"<h3>{escape(text)}</h3>")

    def bullets(self, items: Sequence[str]) -> None:
        self.add("<ul>")
        for item in items:
            self.add(f"<li>{item}</li>")
        self.add("</ul>")

    def citations(self, citations: Iterable[Citation]) -> None:
        self.add("<ul>")
        for citation in citations:
            text = escape(citation_reference(citation))
            if citation.url:
                text += f'. <a href="{escape(citation.url)}">{escape(citation.url)}</a>'
            note = f" {escape(citation.note)}" if citation.note else ""
            self.add(
                f'<li id="{source_anchor(citation.id)}"><strong>{escape(citation.id)}</strong>: {text}.{note}</li>'
            )
        self.add("</ul>")

    def cited(self, anchor: str, name: str, text: str) -> None:
        self.add(f'<p class="article-paragraph" id="{anchor}"><strong>{escape(name)}</strong> {escape(text)}</p>')

    def finish(self) -> str:
        return "\n".join(self.out) + "\n"

    def add(self, text: str) -> None:
        self.out.append(text)
