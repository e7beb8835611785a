"""Loading a story folder into a ``Story``, with every problem found on the way.

The loader reports file-level and field-level problems (syntax, types, unknown
fields, duplicates); ``lint`` then checks what the files say about each other.
"""

from __future__ import annotations

import gc
import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from engine.source import Article, parse_article
from engine.story.controls import UNSAFE
from engine.story.diagnostics import Diagnostic, error
from engine.story.fields import Field, NodeReader, Record
from engine.story.files import leaves
from engine.story.model import (
    PANELS,
    VOICES,
    Choice,
    Citation,
    Condition,
    ContentNote,
    Document,
    Front,
    Line,
    Located,
    PanelEntry,
    Phase,
    Place,
    Quote,
    Scene,
    Story,
    Term,
    Thread,
)
from engine.story.position import Position
from engine.story.yamlfile import read_story_text, read_yaml

PLACE_KINDS = (
    "city",
    "town",
    "village",
    "pass",
    "peak",
    "river",
    "lake",
    "junction",
    "tunnel",
    "monastery",
    "waypoint",
    "area",
    "range",
)
LINE_KINDS = ("river", "ridge", "road", "route", "attack", "border")

_CONDITION = {name: Field("names") for name in ("visited", "not_visited", "flag", "not_flag")}
_CHOICE = {"label": Field("line", True), "target": Field("id", True), "if": Field("record", schema=_CONDITION)}
_CONTENT_NOTE = {"note": Field("text", True), "summary": Field("text", True)}
_SCENE = {
    "id": Field("id", True),
    "title": Field("line", True),
    "date": Field("date", True),
    "place": Field("id", True),
    "thread": Field("id", True),
    "text": Field("text", True),
    "sources": Field("names", True),
    "choices": Field("records", schema=_CHOICE),
    "unlocks": Field("names"),
    "sets": Field("names"),
    "editor_note": Field("text"),
    "content_note": Field("record", schema=_CONTENT_NOTE),
    "flashback": Field("bool"),
    "ending": Field("bool"),
    "essential": Field("bool"),
}
_SCENE_FILE = {"phase": Field("id", True), "scenes": Field("records", True, schema=_SCENE)}
_THREAD = {"id": Field("id", True), "name": Field("line", True), "description": Field("text", True)}
_PHASE = {"id": Field("id", True), "title": Field("line", True), "date": Field("date", True), "epilogue": Field("bool")}
_STORY_FILE = {
    "id": Field("id", True),
    "title": Field("line", True),
    "subtitle": Field("line"),
    "start": Field("id", True),
    "article": Field("line", True),
    "attribution": Field("text", True),
    "threads": Field("records", True, schema=_THREAD),
    "phases": Field("records", True, schema=_PHASE),
}
_ENTRY = {
    "id": Field("id", True),
    "title": Field("line", True),
    "text": Field("text", True),
    "sources": Field("names", True),
    "see": Field("names"),
    "date": Field("date"),
    "actor": Field("line"),
    "figure": Field("line"),
    "counts": Field("line"),
    "qualifier": Field("line"),
}
_PANEL_FILE = {"entries": Field("records", True, schema=_ENTRY)}
_TERM = {
    "id": Field("id", True),
    "term": Field("line", True),
    "text": Field("text", True),
    "sources": Field("names", True),
    "also": Field("names"),
    "see": Field("names"),
}
_GLOSSARY_FILE = {"terms": Field("records", True, schema=_TERM)}
_PLACE = {
    "id": Field("id", True),
    "name": Field("line", True),
    "kind": Field("line", True, allowed=PLACE_KINDS),
    "lat": Field("float", True, low=-90, high=90),
    "lon": Field("float", True, low=-180, high=180),
    "sources": Field("names", True),
    "also": Field("names"),
    "approximate": Field("bool"),
    "note": Field("text"),
}
_LINE = {
    "id": Field("id", True),
    "name": Field("line", True),
    "kind": Field("line", True, allowed=LINE_KINDS),
    "points": Field("names", True),
    "sources": Field("names", True),
    "schematic": Field("bool"),
    "from": Field("date"),
    "until": Field("date"),
}
_FRONT = {
    "date": Field("date", True),
    "held": Field("names", True),
    "text": Field("text", True),
    "sources": Field("names", True),
    "until": Field("date"),
    "note": Field("text"),
}
_PLACES_FILE = {
    "places": Field("records", True, schema=_PLACE),
    "lines": Field("records", schema=_LINE),
    "fronts": Field("records", schema=_FRONT),
}
_QUOTE = {
    "text": Field("text", True),
    "where": Field("line", True),
    "speaker": Field("line", True),
    "voice": Field("line", True, allowed=VOICES),
}
_CITATION = {
    "id": Field("id", True),
    "title": Field("line", True),
    "author": Field("line"),
    "publisher": Field("line"),
    "date": Field("line"),
    "url": Field("line"),
    "note": Field("text"),
    "quotes": Field("records", schema=_QUOTE),
}
_DOCUMENT = {
    "id": Field("id", True),
    "title": Field("line", True),
    "date": Field("date", True),
    "origin": Field("text", True),
    "text": Field("text", True),
    "sources": Field("names", True),
    "note": Field("text"),
    "see": Field("names"),
}
_SOURCES_FILE = {"sources": Field("records", True, schema=_CITATION)}

T = TypeVar("T", bound=Located)

MAX_NAME_BYTES = 255
"""The longest file name most file systems hold; a longer one could never be opened."""

MAX_REPORTED_LINES = 100
"""Lines of the article with control characters reported one by one; the rest are counted."""

_ARTICLE_BREAK = re.compile(r"\r\n?")


@dataclass(frozen=True, slots=True)
class LoadResult:
    """What loading gave: the story (None when a required file could not be read) and the problems."""

    story: Story | None
    diagnostics: list[Diagnostic]
    complete: bool
    """False when some file could not be read at all, so cross-file checks would mislead."""
    unloaded: frozenset[str] = frozenset()
    """Ids (and ``PANEL/ID`` refs) of items that were written but could not be loaded.

    Their problems are already reported; a reference to one of them is not reported again.
    """


class _Loader:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.problems: list[Diagnostic] = []
        self.complete = True
        self.unloaded: set[str] = set()

    def name(self, path: Path) -> str:
        return str(path)

    def read(self, path: Path, schema: dict[str, Field], what: str) -> Record | None:
        yaml_file, problems = read_yaml(path, self.name(path), self.root)
        self.problems += problems
        if yaml_file is None:
            self.complete = False
            return None
        reader = NodeReader(yaml_file.name)
        if yaml_file.root is None:
            self.problems.append(error("E019", Position(yaml_file.name, 1, 1), f"{what} is empty"))
            return None
        record = reader.record(yaml_file.root, schema, what)
        self.problems += reader.problems
        if record is None:
            self.complete = False
        return record

    def build(self) -> Story | None:
        story_path = self.root / "story.yaml"
        try:
            os.stat(self.root)
        except OSError as exc:  # a name too long, a folder we may not enter: the folder itself cannot be read
            self.problems.append(
                error(
                    "E020", Position(self.name(self.root), 1, 1), f"cannot read the story folder: {exc.strerror or exc}"
                )
            )
            self.complete = False
            return None
        if not os.path.lexists(story_path):
            self.problems.append(
                error(
                    "E020",
                    Position(self.name(story_path), 1, 1),
                    "the story folder has no story.yaml",
                    "a story folder needs story.yaml and scenes/",
                )
            )
            self.complete = False
            return None
        head = self.read(story_path, _STORY_FILE, "story.yaml")
        if head is None:
            return None
        article = self.article(head)
        threads = self.index(
            (Thread(**_plain(r, _THREAD), at=r.at, spans=r.spans) for r in self.kept(head.get("threads", []), _THREAD)),
            "thread",
        )
        phases = tuple(
            self.index(
                (Phase(**_plain(r, _PHASE), at=r.at, spans=r.spans) for r in self.kept(head.get("phases", []), _PHASE)),
                "phase",
            ).values()
        )
        places = self.optional("places.yaml", _PLACES_FILE)
        return Story(
            root=str(self.root),
            id=head.values.get("id", ""),
            title=head.values.get("title", ""),
            subtitle=head.get("subtitle", ""),
            start=head.values.get("start", ""),
            article=article,
            attribution=head.get("attribution", ""),
            threads=threads,
            phases=phases,
            scenes=self.index(self.scenes(), "scene"),
            entries=self.index(self.entries(), "entry", key=lambda e: e.ref),
            terms=self.index(self.terms(), "glossary term"),
            places=self.index(self.objects(places, "places", Place, _PLACE), "place"),
            lines=tuple(self.index(self.objects(places, "lines", Line, _LINE), "line").values()),
            fronts=tuple(self.objects(places, "fronts", Front, _FRONT)),
            citations=self.index(self.citations(), "source"),
            documents=self.index(self.documents(), "document"),
            spans=head.spans,
        )

    def article(self, head: Record) -> Article:
        name = head.get("article")
        at = head.spans.get("article", head.at)
        if name is None:
            return parse_article("")
        if "/" in name or "\\" in name or name.startswith("."):
            self.problems.append(
                error(
                    "E020",
                    at,
                    f"article '{name}' must be a bare file name",
                    "the article is looked up in the story folder, then in seeds/ beside it",
                )
            )
            return parse_article("")
        if len(os.fsencode(name)) > MAX_NAME_BYTES:
            self.problems.append(
                error(
                    "E020",
                    at,
                    f"article '{name[:40]}…' has a name of {len(name)} characters; "
                    f"a file name can be at most {MAX_NAME_BYTES} bytes",
                )
            )
            return parse_article("")
        for folder in (self.root, self.root.parent / "seeds"):
            path = folder / name
            if not os.path.lexists(path):
                continue
            text, problems = read_story_text(path, self.name(path), folder)
            self.problems += problems
            if text is None:
                return parse_article("")
            unsafe = article_controls(text, self.name(path))
            if unsafe:
                self.problems += unsafe
                return parse_article("")
            article = parse_article(text)
            if not article.paragraphs:
                self.problems.append(error("E019", at, f"article '{name}' has no paragraphs"))
            return article
        self.problems.append(
            error("E020", at, f"article '{name}' is in neither {self.root} nor {self.root.parent / 'seeds'}")
        )
        return parse_article("")

    def scenes(self) -> Iterable[Scene]:
        folder = self.root / "scenes"
        if not os.path.lexists(folder):
            self.problems.append(
                error(
                    "E020",
                    Position(self.name(folder), 1, 1),
                    "the story folder has no scenes/ folder",
                    "a story folder needs story.yaml and scenes/",
                )
            )
            self.complete = False
            return
        if not self.folder(folder):
            self.complete = False
            return
        for path in self.files(folder):
            record = self.read(path, _SCENE_FILE, path.name)
            if record is None:
                continue
            phase = record.get("phase", "")
            for r in self.kept(record.get("scenes", []), _SCENE):
                yield _scene(r, phase, record.spans.get("phase", record.at))

    def folder(self, folder: Path) -> bool:
        """Whether ``folder`` (which exists) is a folder of this story; if not, the reason is reported."""
        at = Position(self.name(folder), 1, 1)
        if leaves(folder, self.root):
            self.problems.append(
                error(
                    "E020",
                    at,
                    f"the folder leads out of the story folder, to {os.path.realpath(folder)}",
                    "a story reads only its own files; copy them into the story folder",
                )
            )
            return False
        if not folder.is_dir():
            self.problems.append(error("E022", at, "cannot read the folder: it is not a folder"))
            return False
        return True

    def files(self, folder: Path) -> list[Path]:
        """The story files in ``folder``, in order; a ``.yml`` file would be silently skipped, so say so."""
        for path in sorted(folder.glob("*.yml")):
            self.problems.append(
                error("E020", Position(self.name(path), 1, 1), f"'{path.name}' is not read: story files end in .yaml")
            )
        return sorted(folder.glob("*.yaml"))

    def entries(self) -> Iterable[PanelEntry]:
        folder = self.root / "panels"
        if not os.path.lexists(folder):
            return
        if not self.folder(folder):
            self.complete = False
            return
        for path in self.files(folder):
            if path.stem not in PANELS:
                self.problems.append(
                    error(
                        "E020",
                        Position(self.name(path), 1, 1),
                        f"'{path.name}' is not a panel; panels are " + ", ".join(f"{p}.yaml" for p in PANELS),
                    )
                )
                continue
            record = self.read(path, _PANEL_FILE, path.name)
            for r in self.kept(record.get("entries", []) if record else (), _ENTRY, prefix=f"{path.stem}/"):
                yield PanelEntry(panel=path.stem, **_plain(r, _ENTRY), at=r.at, spans=r.spans)

    def terms(self) -> Iterable[Term]:
        record = self.optional("glossary.yaml", _GLOSSARY_FILE)
        for r in self.kept(record.get("terms", []) if record else (), _TERM, prefix="glossary/"):
            yield Term(**_plain(r, _TERM), at=r.at, spans=r.spans)

    def citations(self) -> Iterable[Citation]:
        record = self.optional("sources.yaml", _SOURCES_FILE)
        for r in self.kept(record.get("sources", []) if record else (), _CITATION):
            quotes = tuple(
                Quote(
                    text=q.values["text"],
                    location=q.values["where"],
                    speaker=q.values["speaker"],
                    voice=q.values["voice"],
                    at=q.at,
                    spans=q.spans,
                )
                for q in r.get("quotes", [])
                if _complete(q, _QUOTE)
            )
            yield Citation(**_plain(r, _CITATION), quotes=quotes, at=r.at, spans=r.spans)

    def documents(self) -> Iterable[Document]:
        """story/documents/: one primary document a file (optional)."""
        folder = self.root / "documents"
        for path in self.files(folder) if folder.is_dir() else ():
            record = self.read(path, _DOCUMENT, path.name)
            if record is not None and _complete(record, _DOCUMENT):
                yield Document(**_plain(record, _DOCUMENT), at=record.at, spans=record.spans)
            elif record is not None and "id" in record.values:
                self.unloaded.add(f"documents/{record.values['id']}")

    def optional(self, name: str, schema: dict[str, Field]) -> Record | None:
        path = self.root / name
        return self.read(path, schema, name) if os.path.lexists(path) else None

    def kept(self, records: Iterable[Record], schema: dict[str, Field], prefix: str = "") -> Iterable[Record]:
        """The records whose required fields all survived checking; the ids of the others go to ``unloaded``."""
        for record in records:
            if _complete(record, schema):
                yield record
            elif "id" in record.values:
                self.unloaded.add(prefix + record.values["id"])

    def objects(self, file: Record | None, key: str, cls: type[T], schema: dict[str, Field]) -> list[T]:
        records = file.get(key, []) if file else []
        return [cls(**_plain(r, schema), at=r.at, spans=r.spans) for r in self.kept(records, schema)]

    def index(self, items: Iterable[T], what: str, key: Callable[[T], str] = lambda item: item.id) -> dict[str, T]:  # type: ignore[attr-defined]
        found: dict[str, T] = {}
        for item in items:
            name = key(item)
            if name in found:
                self.problems.append(
                    error(
                        "E014",
                        item.where("id"),
                        f"{what} id '{name}' is already used at {self.relative(found[name].where('id'))}",
                    )
                )
                continue
            found[name] = item
        return found

    def relative(self, at: Position) -> str:
        """A position for a message, its file named from the story folder (the line itself names it in full)."""
        try:
            file = Path(at.file).relative_to(self.root).as_posix()
        except ValueError:
            file = at.file
        return f"{file}:{at.line}:{at.column}"


def article_controls(text: str, name: str) -> list[Diagnostic]:
    """E010 for each line of the article that holds a control character (its first), never more than a few.

    The article is shown in the side panel and the plain reader as it is, so
    an escape sequence in it would reach the terminal just as one in a scene
    would.  Line breaks may be LF, CRLF or CR; any other control is refused.
    """
    text = _ARTICLE_BREAK.sub("\n", text)
    found: list[Diagnostic] = []
    line, line_start, scanned, last, more = 1, 0, 0, 0, 0
    first_more = Position(name, 1, 1)
    for bad in UNSAFE.finditer(text):
        at = bad.start()
        breaks = text.count("\n", scanned, at)
        if breaks:
            line += breaks
            line_start = text.rfind("\n", scanned, at) + 1
        scanned = at
        if line == last:
            continue
        last = line
        where = Position(name, line, at - line_start + 1)
        if len(found) < MAX_REPORTED_LINES:
            char = bad.group()
            found.append(
                error(
                    "E010",
                    where,
                    f"the article holds U+{ord(char):04X} ({unicodedata.name(char, 'control character')})",
                    "control characters and terminal escape sequences can never reach the reader",
                )
            )
        else:
            first_more = where if not more else first_more
            more += 1
    if more:
        found.append(error("E010", first_more, f"{more} more lines of the article hold control characters"))
    return found


def _complete(record: Record, schema: dict[str, Field]) -> bool:
    """True when every required field survived checking (its problem is already reported otherwise)."""
    return all(name in record.values for name, spec in schema.items() if spec.required)


_ATTRIBUTES = {"from": "since"}
"""Fields whose YAML name is a Python keyword, and the model attribute that holds them."""


def _plain(record: Record, schema: dict[str, Field]) -> dict[str, Any]:
    """Field values ready for a model class: names lists as tuples, absent optionals left to defaults."""
    return {
        _ATTRIBUTES.get(name, name): value for name, value in record.values.items() if schema[name].kind != "records"
    }


def _scene(r: Record, phase: str, phase_at: Position) -> Scene:
    values = dict(r.values)
    choices = tuple(
        Choice(
            label=c.values["label"],
            target=c.values["target"],
            condition=_condition(c.get("if")),
            at=c.at,
            spans=c.spans,
        )
        for c in values.pop("choices", [])
        if _complete(c, _CHOICE)
    )
    note = values.pop("content_note", None)
    content_note = (
        ContentNote(note=note.values["note"], summary=note.values["summary"], at=note.at, spans=note.spans)
        if note is not None and _complete(note, _CONTENT_NOTE)
        else None
    )
    spans = dict(r.spans, phase=phase_at)
    return Scene(**values, phase=phase, choices=choices, content_note=content_note, at=r.at, spans=spans)


def _condition(record: Record | None) -> Condition | None:
    if record is None:
        return None
    return Condition(**record.values, at=record.at, spans=record.spans)


def load_story(root: Path | str) -> LoadResult:
    """Load the story folder at ``root``; never raises for anything a story file can contain."""
    loader = _Loader(Path(root))
    with cyclic_gc_paused():
        story = loader.build()
    return LoadResult(story, loader.problems, loader.complete, frozenset(loader.unloaded))


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """For loading and checking, which make hundreds of thousands of small objects and no cycles.

    The cyclic collector would walk them (and the whole loaded story) again
    and again as they pile up, for nothing: at 10,000 scenes that was half the
    time of loading and of lint, and it grew faster than the story.  Reference
    counting still frees everything; the collector resumes (and catches any
    cycle) as soon as the work is done.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
