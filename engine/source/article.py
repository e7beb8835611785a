"""The seed article, parsed from WikiText-103 into sections and citable paragraphs.

Scenes cite the article by paragraph id: the slugs of the headings above the
paragraph and its 1-based position, e.g. ``the-battle/heavy-resistance/2``.
Paragraphs before the first heading belong to the section ``lead``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

_HEADING = re.compile(r"^(=(?: =)*) (.+?) ((?:= )*=)$")

# WikiText-103 tokenisation, undone.  The seed also has a few damaged forms
# ("1 @, @ 900") and a lost en dash between figures ("45,000 ? 60,000").
_TOKENS = [
    (re.compile(r"\s*@\s*-\s*@\s*"), "-"),
    (re.compile(r"\s*@\s*,\s*@\s*"), ","),
    (re.compile(r"\s*@\s*\.\s*@\s*"), "."),
    (re.compile(r"(?<=\d) \? (?=\d)"), "–"),
]
_SPACING = [
    (re.compile(r" ([.,;:!?)\]])"), r"\1"),
    (re.compile(r"([(\[]) "), r"\1"),
    (re.compile(r" ?('|n't|'s|'re|'ll|'ve|'m|'d)\b"), r"\1"),
    (re.compile(r"(\ws) ' "), r"\1' "),
    (re.compile(r"(\d) %"), r"\1%"),
    (re.compile(r"(\w) -(\w)"), r"\1-\2"),
]
_QUOTES = re.compile(r'" ([^"]*?) "')


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One citable paragraph of the article, its tokens undone."""

    id: str
    section: str
    text: str


@dataclass(frozen=True, slots=True)
class Section:
    """A heading of the article; ``path`` is the slug path used in paragraph ids."""

    path: str
    title: str
    level: int
    paragraphs: tuple[Paragraph, ...]


@dataclass(frozen=True)
class Article:
    """The whole seed article, in reading order."""

    title: str
    sections: tuple[Section, ...]
    paragraphs: tuple[Paragraph, ...] = field(init=False, repr=False)
    by_id: dict[str, Paragraph] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        paragraphs = tuple(p for s in self.sections for p in s.paragraphs)
        object.__setattr__(self, "paragraphs", paragraphs)
        object.__setattr__(self, "by_id", {p.id: p for p in paragraphs})


def slug(title: str) -> str:
    """A heading as an id part: lower case, words joined by hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", title.lower().replace("'s", "s")).strip("-")


def clean(raw: str) -> str:
    """Undo WikiText-103 tokens and the space it puts before punctuation."""
    text = raw.strip()
    for pattern, replacement in _TOKENS:
        text = pattern.sub(replacement, text)
    text = _QUOTES.sub(lambda m: f"“{m.group(1)}”", text)
    for pattern, replacement in _SPACING:
        text = pattern.sub(replacement, text)
    return text.replace(' " ', ' "').replace("  ", " ")


def parse_article(raw: str) -> Article:
    """Split WikiText-103 text into sections and paragraphs."""
    title = ""
    sections: list[Section] = []
    trail: list[str] = []
    current_path, current_title, current_level = "lead", "", 1
    paragraphs: list[Paragraph] = []

    def close() -> None:
        sections.append(Section(current_path, current_title, current_level, tuple(paragraphs)))

    for line in raw.splitlines():
        line = line.strip()
        if not line:
            continue
        heading = _HEADING.match(line)
        if heading:
            level = heading.group(1).count("=")
            name = clean(heading.group(2))
            if level == 1:
                title = current_title = name
                continue
            close()
            paragraphs = []
            del trail[level - 2 :]
            trail.append(slug(name))
            current_path, current_title, current_level = "/".join(trail), name, level
            continue
        number = len(paragraphs) + 1
        paragraphs.append(Paragraph(f"{current_path}/{number}", current_path, clean(line)))
    close()
    return Article(title=title, sections=tuple(sections))


def load_article(path: Path) -> Article:
    """The article at ``path``, trusted as it is: for the seed as shipped (tests, benchmarks).

    A story's own article is read by the loader (``engine.story.load``), which
    checks it like any story file: a regular file, bounded, with no control
    characters.
    """
    return parse_article(path.read_text(encoding="utf-8"))
