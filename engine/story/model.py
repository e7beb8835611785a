"""The loaded story: frozen data, with the position of every value for diagnostics.

Nothing here changes after loading; the reading session is the one place that
keeps state.  Every object carries ``at`` (where it starts in its file) and
``spans`` (field name to position), so a semantic check can point at a line.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import PurePath
from types import MappingProxyType

from engine.i18n import dates
from engine.source import Article
from engine.story.position import Position

PANELS = ("background", "casualties", "politics")
"""The side panels whose entries a scene can unlock, in the order they are shown."""

VOICES = ("civilian", "military", "official", "fighter", "journalist", "international", "report")
"""Who speaks in a recorded quotation: the kinds of speaker the story lets be heard."""


NOWHERE = Position("<story>", 0, 0)
_NO_SPANS: Mapping[str, Position] = MappingProxyType({})


@dataclass(frozen=True, slots=True)
class Located:
    """Base for loaded objects: where they are, and where each field's value is."""

    at: Position = field(default=NOWHERE, compare=False, kw_only=True, repr=False)
    spans: Mapping[str, Position] = field(default_factory=lambda: _NO_SPANS, compare=False, kw_only=True, repr=False)

    def where(self, name: str) -> Position:
        """The position of a field's value, or of the object when the field is absent."""
        return self.spans.get(name, self.at)


_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True, slots=True)
class StoryDate:
    """A date as honest as its source: a day, a month or a year, a range, or approximate.

    Written ``1993-04-01``, ``1993-04``, ``1993``, ``1993-03-30/1993-04-01`` or
    with a leading ``~`` for an approximate date (``~1993-03``).
    """

    start: date
    end: date
    text: str
    approximate: bool = False

    @classmethod
    def parse(cls, text: str) -> StoryDate:
        """Raise ValueError with a reader-facing reason when ``text`` is not a story date."""
        raw = text.strip()
        approximate = raw.startswith("~")
        body = raw[1:].strip() if approximate else raw
        first, _, last = body.partition("/")
        start = _bound(first, earliest=True)
        end = _bound(last or first, earliest=False)
        if end < start:
            raise ValueError(f"date range '{raw}' ends before it starts")
        return cls(start=start, end=end, text=raw, approximate=approximate)

    def label(self) -> str:
        """The date for a reader: '1 April 1993', 'March 1993', 'c. 1988', '30 March – 1 April 1993'.

        In the interface's language (``engine.i18n``): month names and the
        order of day, month and year are the catalog's.
        """
        body = self.text.lstrip("~").strip()
        first, _, last = body.partition("/")
        words = _words(first) if not last else _range_words(first, last)
        return dates.approximate_label(words) if self.approximate else words


def _bound(part: str, *, earliest: bool) -> date:
    match = _DATE.match(part.strip())
    if not match:
        raise ValueError(
            f"'{part.strip()}' is not a date: write YYYY-MM-DD, YYYY-MM or YYYY, "
            "a range A/B, or ~ before an approximate date"
        )
    year = int(match.group(1))
    month = int(match.group(2) or (1 if earliest else 12))
    if not 1 <= month <= 12:
        raise ValueError(f"'{part.strip()}' has no month {month}")
    last_day = calendar.monthrange(year, month)[1]
    day = int(match.group(3) or (1 if earliest else last_day))
    if not 1 <= day <= last_day:
        raise ValueError(f"'{part.strip()}' has no day {day}")
    return date(year, month, day)


def _words(part: str) -> str:
    pieces = part.strip().split("-")
    year = pieces[0]
    if len(pieces) == 1:
        return year
    if len(pieces) == 2:
        return dates.month_label(int(pieces[1]), year)
    return dates.day_label(int(pieces[2]), int(pieces[1]), year)


def _range_words(first: str, last: str) -> str:
    a, b = first.strip().split("-"), last.strip().split("-")
    if len(a) == len(b) == 3 and a[0] == b[0]:
        if a[1] == b[1]:
            return dates.days_range_label(int(a[2]), int(b[2]), int(a[1]), a[0])
        return dates.range_label(dates.day_month_label(int(a[2]), int(a[1])), _words(last))
    return dates.range_label(_words(first), _words(last))


@dataclass(frozen=True, slots=True)
class Condition(Located):
    """When a choice is offered: every field that is set must hold (declarative, never code)."""

    visited: tuple[str, ...] = ()
    not_visited: tuple[str, ...] = ()
    flag: tuple[str, ...] = ()
    not_flag: tuple[str, ...] = ()

    def holds(self, visited: frozenset[str] | set[str], flags: frozenset[str] | set[str]) -> bool:
        return (
            all(n in visited for n in self.visited)
            and not any(n in visited for n in self.not_visited)
            and all(f in flags for f in self.flag)
            and not any(f in flags for f in self.not_flag)
        )


@dataclass(frozen=True, slots=True)
class Choice(Located):
    """A way on from a scene: what to follow next, never what happens."""

    label: str
    target: str
    condition: Condition | None = None

    def available(self, visited: frozenset[str] | set[str], flags: frozenset[str] | set[str]) -> bool:
        """Whether the reader is offered this choice, given what they have seen and set."""
        return self.condition is None or self.condition.holds(visited, flags)


@dataclass(frozen=True, slots=True)
class ContentNote(Located):
    """Shown before a scene; ``summary`` lets a reader pass the scene without reading it."""

    note: str
    summary: str


@dataclass(frozen=True, slots=True)
class Scene(Located):
    """One screen of the story."""

    id: str
    title: str
    date: StoryDate
    place: str
    thread: str
    phase: str
    text: str
    sources: tuple[str, ...]
    choices: tuple[Choice, ...] = ()
    unlocks: tuple[str, ...] = ()
    sets: tuple[str, ...] = ()
    editor_note: str = ""
    content_note: ContentNote | None = None
    flashback: bool = False
    ending: bool = False
    essential: bool = False
    """Every reading passes through this scene (the checker proves it: no path to an ending avoids it)."""


@dataclass(frozen=True, slots=True)
class Thread(Located):
    """Whose road a scene follows."""

    id: str
    name: str
    description: str


@dataclass(frozen=True, slots=True)
class Phase(Located):
    """A dated stage of the battle; scene files are grouped by phase, in order."""

    id: str
    title: str
    date: StoryDate
    epilogue: bool = False


@dataclass(frozen=True, slots=True)
class PanelEntry(Located):
    """An entry in a side panel (background, casualties or politics).

    Casualty entries say what a figure counts and how sure its source is;
    politics entries name the actor.  ``see`` links to other entries and terms.
    """

    panel: str
    id: str
    title: str
    text: str
    sources: tuple[str, ...]
    see: tuple[str, ...] = ()
    date: StoryDate | None = None
    actor: str = ""
    figure: str = ""
    counts: str = ""
    qualifier: str = ""

    @property
    def ref(self) -> str:
        return f"{self.panel}/{self.id}"


@dataclass(frozen=True, slots=True)
class Term(Located):
    """A glossary entry; ``also`` holds the other names in use."""

    id: str
    term: str
    text: str
    sources: tuple[str, ...]
    also: tuple[str, ...] = ()
    see: tuple[str, ...] = ()

    @property
    def ref(self) -> str:
        return f"glossary/{self.id}"

    @property
    def names(self) -> tuple[str, ...]:
        return (self.term, *self.also)

    @property
    def title(self) -> str:
        """The term, as the heading of its entry: terms and panel entries are titled alike."""
        return self.term


@dataclass(frozen=True, slots=True)
class Place(Located):
    """A point on the map.  ``approximate`` marks estimated coordinates."""

    id: str
    name: str
    lat: float
    lon: float
    kind: str
    sources: tuple[str, ...]
    also: tuple[str, ...] = ()
    approximate: bool = False
    note: str = ""


@dataclass(frozen=True, slots=True)
class Line(Located):
    """A river, ridge, road or route: an ordered list of place ids."""

    id: str
    name: str
    kind: str
    points: tuple[str, ...]
    sources: tuple[str, ...]
    schematic: bool = True
    since: StoryDate | None = None
    """The first day the line is drawn (written ``from:``); None for a line that always stands (a river).

    A range or an approximate date says the sources leave the day vague: the
    map draws the line as uncertain until the range is over, and throughout
    when the date is approximate.
    """
    until: StoryDate | None = None
    """The last day the line is drawn; a range or approximate date is drawn as uncertain in the same way."""


@dataclass(frozen=True, slots=True)
class Front(Located):
    """Where the attacking forces stood on a date, as the sources give it."""

    date: StoryDate
    held: tuple[str, ...]
    text: str
    sources: tuple[str, ...]
    until: StoryDate | None = None
    """The last day this front is drawn, where the sources give one; its ``date`` is the first."""
    note: str = ""
    """The editor's note: what the sources leave unclear or get wrong about it (the text tells only what happened)."""


@dataclass(frozen=True, slots=True)
class Quote(Located):
    """A passage of a source, word for word as it stands there; the story may quote only what is recorded."""

    text: str
    location: str
    """Where it stands in the source: page, section or paragraph (written ``where:``)."""
    speaker: str
    """Who says it, as the source names them."""
    voice: str
    """The kind of speaker (one of VOICES)."""


@dataclass(frozen=True, slots=True)
class Citation(Located):
    """An external source, cited by id from scenes and entries, with the passages the story quotes."""

    id: str
    title: str
    author: str = ""
    publisher: str = ""
    date: str = ""
    url: str = ""
    note: str = ""
    quotes: tuple[Quote, ...] = ()


@dataclass(frozen=True, slots=True)
class Document(Located):
    """A public primary document in full (or as far as a copy could be read), linked from scenes.

    ``origin`` says where the text was taken from; ``note`` says anything a
    reader should know about the copy (what is missing, how it differs).
    """

    id: str
    title: str
    date: StoryDate
    origin: str
    text: str
    sources: tuple[str, ...]
    note: str = ""
    see: tuple[str, ...] = ()

    @property
    def ref(self) -> str:
        return f"documents/{self.id}"


@dataclass(frozen=True, slots=True)
class Story:
    """A whole loaded story, indexed by id."""

    root: str
    id: str
    title: str
    subtitle: str
    start: str
    article: Article
    attribution: str
    threads: Mapping[str, Thread]
    phases: tuple[Phase, ...]
    scenes: Mapping[str, Scene]
    entries: Mapping[str, PanelEntry]
    terms: Mapping[str, Term]
    places: Mapping[str, Place]
    lines: tuple[Line, ...]
    fronts: tuple[Front, ...]
    citations: Mapping[str, Citation]
    documents: Mapping[str, Document] = field(default_factory=lambda: MappingProxyType({}))
    spans: Mapping[str, Position] = field(default_factory=lambda: _NO_SPANS, compare=False, repr=False)
    """Where each field of story.yaml was written, so a check on the story as a whole can point at it."""
    lang: str = "en"
    """The language of its strings: English as written, another when a translation is laid over it
    (``engine.story.locale``); ids, dates and the graph are the same in every language."""

    def where(self, name: str) -> Position:
        """The position of a story.yaml field's value, or the file's start when it is absent."""
        return self.spans.get(name, Position(str(PurePath(self.root, "story.yaml")), 1, 1))

    def entry(self, ref: str) -> PanelEntry | Term | Document | None:
        """A panel entry, glossary term or document by reference (``politics/turkey``, ``documents/unsc-822``)."""
        panel, _, key = ref.partition("/")
        if panel == "glossary":
            return self.terms.get(key)
        if panel == "documents":
            return self.documents.get(key)
        return self.entries.get(ref)

    def link_titles(self) -> dict[str, str]:
        """Reference to title, for links written ``[[ref]]`` without a label."""
        titles = {ref: entry.title for ref, entry in self.entries.items()}
        titles.update({term.ref: term.term for term in self.terms.values()})
        titles.update({document.ref: document.title for document in self.documents.values()})
        return titles

    def terms_in_order(self) -> tuple[Term, ...]:
        """The glossary as readers expect it: alphabetical, ignoring case."""
        return tuple(sorted(self.terms.values(), key=lambda t: t.term.casefold()))

    def panel(self, name: str) -> tuple[PanelEntry, ...]:
        return tuple(e for e in self.entries.values() if e.panel == name)

    def phase(self, phase_id: str) -> Phase | None:
        return next((p for p in self.phases if p.id == phase_id), None)
