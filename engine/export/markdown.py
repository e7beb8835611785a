"""The reading edition as Markdown: every scene once, then the panels, the glossary and the sources.

Story text is escaped so that nothing in it becomes Markdown or HTML; only the
story's own markup (emphasis, links) is turned into Markdown here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext

from engine.export.edition import scene_anchor, source_anchor
from engine.export.walk import write_edition
from engine.story.labels import citation_text
from engine.story.model import Citation, Scene, Story, Thread

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


def render_markdown(story: Story) -> str:
    return write_edition(story, _Markdown())


class _Markdown:
    """The edition's pieces as Markdown blocks, a blank line between two; anchors are HTML, as Markdown has none."""

    def __init__(self) -> None:
        self.out: list[str] = []

    def plain(self, text: str) -> str:
        return escape(text)

    def em(self, text: str) -> str:
        return f"*{escape(text)}*"

    def translation(self, label: str) -> str:
        return f" *{escape(label)}*"

    def link(self, anchor: str, label: str, to: str = "") -> str:
        return f"[{escape(label)}](#{anchor})"

    def choice(self, target: str, label: str, title: str | None, condition: str | None) -> str:
        line = self.link(scene_anchor(target), label)
        if title is not None:
            line += f" → {escape(title)}"
        if condition is not None:
            line += f" *({escape(condition)})*"
        return line

    def document(self, lang: str, title: str) -> AbstractContextManager[None]:
        return nullcontext()

    def header(self, title: str, subtitle: str, attribution: str) -> None:
        self.add(f"# {escape(title)}")
        if subtitle:
            self.add(f"*{escape(subtitle)}*")
        self.add(paragraph(escape(attribution)))

    def contents(self, heading: str, items: Sequence[tuple[str, Sequence[str]]]) -> None:
        self.add(f"## {escape(heading)}")
        self.add("\n".join(f"- {link}" + "".join(f"\n  - {sub}" for sub in under) for link, under in items))

    def main(self) -> AbstractContextManager[None]:
        return nullcontext()

    @contextmanager
    def section(self, anchor: str, heading: str, kind: str) -> Iterator[None]:
        if anchor:
            self.anchor(anchor)
        self.add(f"## {escape(heading)}")
        yield

    def threads(self, threads: Iterable[Thread]) -> None:
        self.add("\n".join(f"- **{escape(t.name)}**: {escape(t.description)}" for t in threads))

    def phase_map(self, scenes: Sequence[Scene], label: str, places: Sequence[str]) -> None:
        """No map in plain text: the places are named instead."""
        self.add(escape(label + " " + "; ".join(places)))

    def scene(self, anchor: str, title: str, thread: str) -> AbstractContextManager[None]:
        return self.entry(anchor, title)

    @contextmanager
    def entry(self, anchor: str, title: str) -> Iterator[None]:
        self.anchor(anchor)
        self.add(f"### {escape(title)}")
        yield

    def meta(self, text: str) -> None:
        self.add(f"*{escape(text)}*")

    def content_note(self, lines: Sequence[tuple[str, str]]) -> None:
        self.add("\n>\n".join(f"> **{escape(label)}** {escape(text)}" for label, text in lines))

    def paragraph(self, body: str, label: str = "") -> None:
        """``body`` made safe at its start too; ``label`` in bold before it."""
        self.add((f"**{escape(label)}** " if label else "") + paragraph(body))

    def quote(self, body: str, label: str = "") -> None:
        self.add("> " + (f"**{escape(label)}** " if label else "") + paragraph(body))

    def aside(self) -> AbstractContextManager[None]:
        return nullcontext()

    def labelled(self, kind: str, label: str, body: str) -> None:
        self.add(f"**{escape(label)}** {body}")

    def choices(self, label: str, items: Sequence[str]) -> None:
        self.add(f"**{escape(label)}**\n\n" + "\n".join(f"{n}. {item}" for n, item in enumerate(items, start=1)))

    def ending(self, text: str) -> None:
        self.add(f"*{escape(text)}*")

    def subheading(self, text: str) -> None:
        self.add(f"### {escape(text)}")

    def bullets(self, items: Sequence[str]) -> None:
        self.add("\n".join(f"- {item}" for item in items))

    def citations(self, citations: Iterable[Citation]) -> None:
        for citation in citations:
            note = f" {escape(citation.note)}" if citation.note else ""
            self.anchor(source_anchor(citation.id))
            self.add(f"**{escape(citation.id)}**: {escape(citation_text(citation))}.{note}")

    def cited(self, anchor: str, name: str, text: str) -> None:
        self.anchor(anchor)
        self.add(f"**{escape(name)}** {escape(text)}")

    def finish(self) -> str:
        return "".join(f"{block}\n\n" for block in self.out)

    def anchor(self, name: str) -> None:
        self.add(f'<a id="{name}"></a>')

    def add(self, block: str) -> None:
        self.out.append(block)
