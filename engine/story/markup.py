"""The story's own small markup, parsed into plain data that every front end renders.

Paragraphs are separated by blank lines; a paragraph starting with ``> `` is a
quotation; ``*words*`` are emphasised; ``[[label|ref]]`` and ``[[ref]]`` link
to a panel entry, glossary term or document; ``“words”{source}`` quotes a
source's words, attributed to the source (a citation id or a seed paragraph),
and the checker holds it to the words recorded there.  A quotation in another
language than the text around it carries its translation after a bar:
``“original words”{source|translated words}``.  The original stays as the
source has it; the translation is a span of its own (kind ``translation``), so
every front end can show it beside the quotation and mark it as a
translation.  Nothing else means anything: brackets, backslashes and any other
markup language are kept as literal text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

_TOKEN = re.compile(
    r"\[\[([^\[\]|\n]+?)(?:\|([^\[\]|\n]+?))?\]\]|\*([^*\n]+?)\*"
    r"|“([^”]+)”\{([a-z0-9][a-z0-9/_-]*)(?:\|([^{}|]+))?\}"
)


@dataclass(frozen=True, slots=True)
class Span:
    """A run of text: plain, emphasised, a link to ``ref``, a quotation (marks included) of the source ``ref``,
    or the translation of the quotation before it (the words alone: front ends add the marks that say so)."""

    kind: Literal["text", "em", "link", "quote", "translation"]
    text: str
    ref: str = ""


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph or a quotation."""

    kind: Literal["paragraph", "quote"]
    spans: tuple[Span, ...]

    @property
    def plain(self) -> str:
        """The words as a reader hears them; a quotation's translation follows it in brackets."""
        return "".join(f" [{s.text}]" if s.kind == "translation" else s.text for s in self.spans)


def parse(text: str, title_of: dict[str, str] | None = None) -> tuple[Block, ...]:
    """Split story text into blocks; ``title_of`` names links written as ``[[ref]]``."""
    blocks = []
    for raw in re.split(r"\n\s*\n", text.strip()):
        lines = [line.strip() for line in raw.strip().splitlines()]
        if not lines or not lines[0]:
            continue
        quote = lines[0].startswith(">")
        if quote:
            lines = [line[1:].strip() if line.startswith(">") else line for line in lines]
        body = " ".join(lines)
        blocks.append(Block("quote" if quote else "paragraph", tuple(_spans(body, title_of or {}))))
    return tuple(blocks)


def _spans(body: str, title_of: dict[str, str]) -> list[Span]:
    spans: list[Span] = []
    position = 0
    for match in _TOKEN.finditer(body):
        if match.start() > position:
            spans.append(Span("text", body[position : match.start()]))
        if match.group(3) is not None:
            spans.append(Span("em", match.group(3)))
        elif match.group(4) is not None:
            spans.append(Span("quote", f"“{' '.join(match.group(4).split())}”", match.group(5)))
            if match.group(6) is not None and match.group(6).strip():
                spans.append(Span("translation", " ".join(match.group(6).split()), match.group(5)))
        else:
            first, second = match.group(1).strip(), (match.group(2) or "").strip()
            ref = second or first
            label = first if second else title_of.get(ref, ref)
            spans.append(Span("link", label, ref))
        position = match.end()
    if position < len(body):
        spans.append(Span("text", body[position:]))
    return spans


def links(text: str) -> list[str]:
    """Every reference linked from ``text``, in order."""
    return [(m.group(2) or m.group(1)).strip() for m in _TOKEN.finditer(text) if m.group(1) is not None]


def quotations(text: str) -> list[tuple[str, str]]:
    """Every attributed quotation in ``text``: (the words as quoted, the source they are attributed to)."""
    return [(" ".join(m.group(4).split()), m.group(5)) for m in _TOKEN.finditer(text) if m.group(4) is not None]


def plain_text(text: str) -> str:
    """The text as a reader hears it: markup removed, paragraphs kept."""
    return "\n\n".join(b.plain for b in parse(text))


def word_count(text: str) -> int:
    return len(plain_text(text).split())
