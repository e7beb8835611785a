"""The story in other languages: an id for every string, the English's fingerprint, translations laid over it.

Every string a reader reads has a stable id, made of what it belongs to and
the field: ``story.title``, ``scene.tunnel-truck.text``,
``scene.tunnel-truck.choice.refugees-road.label`` (a choice is named by where
it leads), ``entry.casualties/omar-pass.text``, ``term.kalbajar.also``.  Ids
name things, never positions, so moving scenes, entries or choices keeps
their translations.

A translation is the story's folder ``locales/LANG/``: YAML files of
``strings:``, each id with its ``text`` in that language and its ``source``,
the fingerprint of the English it translates (Yarn Spinner's string tables
with their line hashes, Ren'Py's ``translate`` blocks).  When the English
changes, its fingerprint changes and the translation is stale: like a fuzzy
entry in gettext it is reported and not shown, because a history's English
changes when a fact is corrected, and a reader must never read the old fact
in another language.  A translation that fails its checks (a number or date
left out, a quotation's words changed) is not shown either: the reader gets
the English of that one string.

Translation files are read as story files are (``yamlfile``, ``fields``), so
every guarantee against hostile input holds for them too.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from engine.i18n import LANGUAGE_CODE, SOURCE_LANGUAGE, language_name
from engine.i18n.dates import ENGLISH_MONTHS, month_forms
from engine.story.diagnostics import Diagnostic, Severity, did_you_mean, error, warning
from engine.story.fields import Field, NodeReader, Record
from engine.story.languages import LOCALES, locales_dir
from engine.story.markup import links, plain_text, quotations
from engine.story.model import (
    Choice,
    Citation,
    ContentNote,
    Document,
    Front,
    Line,
    Located,
    PanelEntry,
    Phase,
    Place,
    Scene,
    Story,
    Term,
    Thread,
)
from engine.story.position import Position
from engine.story.quotes import normal
from engine.story.yamlfile import read_yaml

FINGERPRINT_LENGTH = 12
"""Hex digits of SHA-256 kept: enough that two versions of one string never share one by chance."""

LINE, TEXT, NAMES = "line", "text", "names"
"""What a string is: one line (a title, a label, a name), prose, or names separated by commas (``also``)."""

_FIELDS: Mapping[type, tuple[tuple[str, str], ...]] = {
    Thread: (("name", LINE), ("description", TEXT)),
    Phase: (("title", LINE),),
    Scene: (("title", LINE), ("text", TEXT), ("editor_note", TEXT)),
    ContentNote: (("note", TEXT), ("summary", TEXT)),
    Choice: (("label", LINE),),
    PanelEntry: (
        ("title", LINE),
        ("text", TEXT),
        ("figure", LINE),
        ("counts", LINE),
        ("qualifier", LINE),
        ("actor", LINE),
    ),
    Term: (("term", LINE), ("also", NAMES), ("text", TEXT)),
    Place: (("name", LINE), ("also", NAMES), ("note", TEXT)),
    Line: (("name", LINE),),
    Front: (("text", TEXT), ("note", TEXT)),
    Citation: (("note", TEXT),),
    Document: (("title", LINE), ("origin", TEXT), ("text", TEXT), ("note", TEXT)),
}
"""The fields a reader reads, by kind of object.  Not translated: ids, dates, sources' titles and authors (a
bibliography names a work as published), the seed article, and the words of recorded quotations."""

_STORY_FIELDS = (("title", LINE), ("subtitle", LINE), ("attribution", TEXT))

STRING_ID = re.compile(r"[a-z0-9][a-z0-9./~_-]{0,199}")
"""A string id as translation files write it."""

_FINGERPRINT = re.compile(rf"[0-9a-f]{{{FINGERPRINT_LENGTH}}}")
_STRING = {"text": Field("text", True), "source": Field("line", True), "english": Field("text")}
_FILE = {
    "language": Field("line"),
    "strings": Field("table", True, schema=_STRING, key=STRING_ID, key_name="a string id"),
}


# ids and fingerprints


def normalised(text: str) -> str:
    """The English as the fingerprint sees it: composed Unicode, each paragraph's spacing collapsed.

    Re-wrapping a paragraph in its YAML file leaves its fingerprint alone;
    changing a word, or where a paragraph breaks, does not.
    """
    paragraphs = re.split(r"\n\s*\n", unicodedata.normalize("NFC", text).strip())
    return "\n\n".join(" ".join(p.split()) for p in paragraphs if p.strip())


def fingerprint(text: str) -> str:
    """The first 12 hex digits of the SHA-256 of the normalised English."""
    return hashlib.sha256(normalised(text).encode("utf-8")).hexdigest()[:FINGERPRINT_LENGTH]


@dataclass(frozen=True, slots=True)
class StoryString:
    """One string of the story a translation can translate: its id, its English, where the English is."""

    id: str
    english: str
    kind: str
    """LINE, TEXT or NAMES: a translation of a one-line string must be one line too."""
    at: Position

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.english)


def _prefixed(story: Story) -> Iterator[tuple[str, Located]]:
    """Every object with strings to translate, with the id prefix of its strings, in the story's order."""
    for thread in story.threads.values():
        yield f"thread.{thread.id}", thread
    for phase in story.phases:
        yield f"phase.{phase.id}", phase
    for scene in story.scenes.values():
        yield f"scene.{scene.id}", scene
        if scene.content_note is not None:
            yield f"scene.{scene.id}.content_note", scene.content_note
        yield from _choices(scene)
    for ref, entry in story.entries.items():
        yield f"entry.{ref}", entry
    for term in story.terms.values():
        yield f"term.{term.id}", term
    for place in story.places.values():
        yield f"place.{place.id}", place
    for line in story.lines:
        yield f"line.{line.id}", line
    yield from _fronts(story)
    for citation in story.citations.values():
        yield f"source.{citation.id}", citation
    for document in story.documents.values():
        yield f"document.{document.id}", document


def _choices(scene: Scene) -> Iterator[tuple[str, Choice]]:
    """A choice is named by its target; a second choice to the same target gets ``.2``, and so on."""
    seen: dict[str, int] = {}
    for choice in scene.choices:
        seen[choice.target] = seen.get(choice.target, 0) + 1
        count = seen[choice.target]
        yield f"scene.{scene.id}.choice.{choice.target}" + (f".{count}" if count > 1 else ""), choice


def _fronts(story: Story) -> Iterator[tuple[str, Front]]:
    """Fronts have no ids: they are named by their date, and a second front on one date gets ``.2``."""
    seen: dict[str, int] = {}
    for front in story.fronts:
        seen[front.date.text] = seen.get(front.date.text, 0) + 1
        count = seen[front.date.text]
        yield f"front.{front.date.text}" + (f".{count}" if count > 1 else ""), front


def _english(value: object, kind: str) -> str:
    return ", ".join(value) if kind == NAMES else str(value)  # type: ignore[arg-type]


def strings(story: Story) -> dict[str, StoryString]:
    """Every string of the story a reader reads, by id, in the story's order (empty optional fields left out)."""
    found: dict[str, StoryString] = {}
    for name, kind in _STORY_FIELDS:
        value = getattr(story, name)
        if value:
            found[f"story.{name}"] = StoryString(f"story.{name}", value, kind, story.where(name))
    for prefix, item in _prefixed(story):
        for name, kind in _FIELDS[type(item)]:
            english = _english(getattr(item, name), kind)
            if english:
                found[f"{prefix}.{name}"] = StoryString(f"{prefix}.{name}", english, kind, item.where(name))
    return found


def extract(story: Story) -> dict[str, str]:
    """Every string id of the story, with its English."""
    return {string_id: string.english for string_id, string in strings(story).items()}


# translation files


@dataclass(frozen=True, slots=True)
class Translated(Located):
    """One string of a translation file: the words in the language, and the fingerprint of their English."""

    id: str
    text: str
    """Empty when not translated yet (a template's strings start so)."""
    source: str


@dataclass(frozen=True, slots=True)
class Translation:
    """A story's translation into one language, as its files give it, and what was wrong with the files."""

    lang: str
    name: str
    """The language's name in itself (``Русский``), for a language menu."""
    strings: Mapping[str, Translated]
    problems: tuple[Diagnostic, ...] = ()


def load_translation(root: Path | str, lang: str) -> Translation:
    """The translation of the story in ``root`` into ``lang``; never raises for anything a file can hold."""
    problems: list[Diagnostic] = []
    found: dict[str, Translated] = {}
    name = ""
    folder = locales_dir(root) / lang
    if not LANGUAGE_CODE.fullmatch(lang) or not folder.is_dir():
        problems.append(
            error(
                "E020",
                Position(str(folder), 1, 1),
                f"the story has no translation into '{lang}'",
                f"a translation is a folder {LOCALES}/LANG/ in the story folder, LANG a language "
                "code such as ru, az or hy",
            )
        )
        return Translation(lang, lang, MappingProxyType({}), tuple(problems))
    for path in sorted(folder.glob("*.yml")):
        problems.append(
            error("E020", Position(str(path), 1, 1), f"'{path.name}' is not read: translation files end in .yaml")
        )
    for path in sorted(folder.glob("*.yaml")):
        yaml_file, read_problems = read_yaml(path, str(path), Path(root))
        problems += read_problems
        if yaml_file is None or yaml_file.root is None:
            continue
        reader = NodeReader(yaml_file.name)
        record = reader.record(yaml_file.root, _FILE, path.name)
        problems += reader.problems
        if record is None:
            continue
        if "language" in record.values:
            if name:
                problems.append(
                    error(
                        "E014",
                        record.spans["language"],
                        "the language's name is given in more than one file; give it once",
                    )
                )
            name = name or record.values["language"]
        for string_id, entry in record.get("strings", {}).items():
            translated = _translated(string_id, entry, problems)
            if translated is None:
                continue
            if string_id in found:
                first = found[string_id].at
                problems.append(
                    error("E014", entry.at, f"'{string_id}' is already translated at {first.file}:{first.line}")
                )
                continue
            found[string_id] = translated
    return Translation(lang, name or language_name(lang), MappingProxyType(found), tuple(problems))


def _translated(string_id: str, entry: Record, problems: list[Diagnostic]) -> Translated | None:
    if "text" not in entry.values or "source" not in entry.values:
        return None  # reported by the reader
    source = entry.values["source"]
    if not _FINGERPRINT.fullmatch(source):
        problems.append(
            error(
                "E011",
                entry.spans["source"],
                f"the source of '{string_id}' is not a fingerprint ({FINGERPRINT_LENGTH} hex digits): '{source[:40]}'",
                "copy it from the template, or from the hint of the stale-translation warning",
            )
        )
        return None
    return Translated(id=string_id, text=entry.values["text"], source=source, at=entry.at, spans=entry.spans)


# checking


@dataclass(frozen=True, slots=True)
class TranslationStatistics:
    """How far a translation has come: every string is translated, stale or missing."""

    lang: str
    strings: int
    translated: int
    stale: int
    missing: int

    @property
    def share(self) -> float:
        return 100.0 * self.translated / self.strings if self.strings else 100.0

    def as_dict(self) -> dict[str, object]:
        return {
            "language": self.lang,
            "strings": self.strings,
            "translated": self.translated,
            "stale": self.stale,
            "missing": self.missing,
            "translated_share": round(self.share, 1),
        }

    def as_text(self) -> str:
        return (
            f"translation '{self.lang}': {self.translated} of {self.strings} strings translated "
            f"({self.share:.0f}%), {self.stale} stale, {self.missing} missing"
        )


@dataclass(frozen=True, slots=True)
class TranslationReport:
    """What checking a translation found, and the strings fit to show."""

    diagnostics: list[Diagnostic]
    statistics: TranslationStatistics
    usable: Mapping[str, str] = field(default_factory=dict)
    """String id -> translation, for every string translated, current and passing its checks."""


def check_translation(story: Story, translation: Translation) -> TranslationReport:
    """Every problem of ``translation`` against the English of ``story``, and the strings fit to show."""
    if story.lang != SOURCE_LANGUAGE:
        raise ValueError("a translation is checked against the English story, not another translation")
    table = strings(story)
    found = list(translation.problems)
    months = month_forms(translation.lang)
    usable: dict[str, str] = {}
    translated = stale = 0
    for string_id, given in translation.strings.items():
        english = table.get(string_id)
        if english is None:
            found.append(
                error(
                    "E025",
                    given.at,
                    f"'{string_id}' is not a string of the story{did_you_mean(string_id, table)}",
                    "the English may have been removed or its id renamed; 'kalbajar "
                    "translation-template --all' lists every id",
                )
            )
            continue
        if not given.text:
            continue
        if given.source != english.fingerprint:
            stale += 1
            found.append(
                warning(
                    "W108",
                    given.where("source"),
                    f"the English of '{string_id}' has changed since "
                    "it was translated; the English is shown until "
                    "the translation is checked",
                    f"compare with the English now, correct the translation, then write source: {english.fingerprint}",
                )
            )
            continue
        translated += 1
        problems = _compare(story, english, given, months)
        found += problems
        if not problems:
            usable[string_id] = given.text
    for string_id, text in _from_glossary(story, table, translation, usable).items():
        usable[string_id] = text
        translated += 1
    missing = [
        s
        for s in table.values()
        if not (s.id in translation.strings and translation.strings[s.id].text) and s.id not in usable
    ]
    for string in missing:
        found.append(
            warning(
                "W107",
                string.at,
                f"'{string.id}' has no {translation.lang} translation",
                f"'kalbajar translation-template --lang {translation.lang}' writes the strings still to translate",
            )
        )
    stats = TranslationStatistics(translation.lang, len(table), translated, stale, len(missing))
    return TranslationReport(found, stats, usable)


def _from_glossary(
    story: Story, table: Mapping[str, StoryString], translation: Translation, usable: Mapping[str, str]
) -> dict[str, str]:
    """Place names the translation leaves to the glossary: a place named as a glossary term is named
    in a language as that term is, so a translator gives each name once."""
    terms = {term.term: f"term.{term.id}.term" for term in story.terms.values()}
    found: dict[str, str] = {}
    for place in story.places.values():
        string_id = f"place.{place.id}.name"
        term_id = terms.get(place.name)
        given = translation.strings.get(string_id)
        if string_id in table and term_id in usable and not (given and given.text):
            found[string_id] = usable[term_id]  # type: ignore[index]
    return found


def _compare(
    story: Story, english: StoryString, given: Translated, months: tuple[tuple[str, ...], ...]
) -> list[Diagnostic]:
    """A current translation against its English: its shape, its numbers and dates, its quotations, its links."""
    problems: list[Diagnostic] = []
    at = given.where("text")
    what = f"the translation of '{english.id}'"
    if english.kind != TEXT and "\n" in given.text.strip():
        problems.append(error("E007", at, f"{what} must be one line, as its English is"))
    left_out = sorted(numbers(plain_text(english.english)) - numbers(plain_text(given.text), grouped=True))
    if left_out:
        problems.append(
            error(
                "E026",
                at,
                f"{what} leaves out {', '.join(map(str, left_out))} of the English",
                "numbers and dates are facts: keep every one (in the language's own digits if it has them)",
            )
        )
    for month in _months_missing(english.english, given.text, months):
        problems.append(
            error(
                "E026",
                at,
                f"{what} leaves out the month of a date of the English ({month})",
                "a date keeps its month; the interface's catalog gives the month's names",
            )
        )
    original = {(normal(words), source) for words, source in quotations(english.english)}
    kept = {(normal(words), source) for words, source in quotations(given.text)}
    for words, source in sorted(original - kept):
        problems.append(
            error(
                "E027",
                at,
                f"{what} does not keep the quotation “{_opening(words)}”{{{source}}} word for word",
                "a quotation stays in its original words: copy "
                "“words”{source} as it is, and add a translation "
                "after a bar, “words”{source|translation}",
            )
        )
    for words, source in sorted(kept - original):
        problems.append(
            error(
                "E027",
                at,
                f"{what} quotes “{_opening(words)}” from '{source}', which the English does not",
                "a translation quotes what the English quotes, in the original words; translate them after a bar",
            )
        )
    for ref in links(given.text):
        if story.entry(ref) is None:
            problems.append(
                error(
                    "E013",
                    at,
                    f"{what} links to '{ref}', which does not exist"
                    f"{did_you_mean(ref, [*story.entries, *story.link_titles()])}",
                )
            )
    return problems


def _opening(words: str) -> str:
    return " ".join(words.split()[:8]) + ("…" if len(words.split()) > 8 else "")


_GROUPED = re.compile(r"(?<!\d)\d{1,3}(?:[,\u00a0\u202f]\d{3})+(?!\d)|\d+")
_ANY_GROUPED = re.compile(r"(?<!\d)\d{1,3}(?:[,.\u00a0\u202f ]\d{3})+(?!\d)")


def numbers(text: str, *, grouped: bool = False) -> set[int]:
    """The numbers written in digits in ``text`` (any script's digits): ``1,500`` is 1500.

    With ``grouped`` (for a translation), both readings of digit groups count:
    ``1 500`` and ``1.500`` are 1500, and 1 and 500, since languages separate
    thousands with spaces, points or commas.  Leading zeros do not matter.
    """
    ascii_text = "".join(str(unicodedata.decimal(c)) if c.isdecimal() and not c.isascii() else c for c in text)
    found = {int(re.sub(r"\D", "", m.group())) for m in _GROUPED.finditer(ascii_text)}
    if grouped:
        found |= {int(d) for d in re.findall(r"\d+", ascii_text)}
        found |= {int(re.sub(r"\D", "", m.group())) for m in _ANY_GROUPED.finditer(ascii_text)}
    return found


_MONTH_NAMES = "|".join(ENGLISH_MONTHS)
_ENGLISH_DATE = re.compile(rf"(?<!\w)\d{{1,2}}\s+({_MONTH_NAMES})(?!\w)|(?<!\w)({_MONTH_NAMES})\s+\d{{4}}(?!\d)")


def _months_missing(english: str, translated: str, months: tuple[tuple[str, ...], ...]) -> list[str]:
    """The months of the English's dates (a month beside a day or a year) whose name the translation lacks.

    A month is found by the start its names share in the language (``март``
    for ``март`` and ``марта``, so ``в марте`` counts), or by its English name
    (inside a quotation the English stays).  A month the language's catalog
    does not name is not checked.
    """
    folded = translated.casefold()
    missing: list[str] = []
    for match in _ENGLISH_DATE.finditer(english):
        month = match.group(1) or match.group(2)
        forms = months[ENGLISH_MONTHS.index(month)]
        if not forms or month in missing:
            continue
        stems = (*_stems(forms), month.casefold())
        if not any(re.search(rf"(?<!\w){re.escape(stem)}", folded) for stem in stems):
            missing.append(month)
    return missing


def _stems(forms: tuple[str, ...]) -> tuple[str, ...]:
    """What every form of a month's name starts with, when that is three letters or more; else the forms."""
    folded = [form.casefold() for form in forms]
    shared = folded[0]
    for form in folded[1:]:
        while not form.startswith(shared):
            shared = shared[:-1]
    return (shared,) if len(shared) >= 3 else tuple(folded)


# overlaying


def translate(story: Story, translation: Translation) -> Story:
    """The story with every usable translated string in place of its English (the rest stay English).

    A new frozen Story: ids, dates, places, sources and the graph are the
    English story's, so a reading (and its save) moves between languages and
    keeps its moment.
    """
    return overlay(story, translation.lang, check_translation(story, translation).usable)


def overlay(story: Story, lang: str, texts: Mapping[str, str]) -> Story:
    """``story`` with the strings of ``texts`` (id -> text) in place of their English."""
    if not texts:
        return replace(story, lang=lang)

    def over(item: Any, prefix: str) -> Any:
        changes = {
            name: _value(texts[f"{prefix}.{name}"], kind)
            for name, kind in _FIELDS[type(item)]
            if f"{prefix}.{name}" in texts
        }
        return replace(item, **changes) if changes else item

    def scene(item: Scene) -> Scene:
        prefix = f"scene.{item.id}"
        note = over(item.content_note, f"{prefix}.content_note") if item.content_note is not None else None
        choices = tuple(over(choice, choice_prefix) for choice_prefix, choice in _choices(item))
        translated: Scene = over(item, prefix)
        return replace(translated, content_note=note, choices=choices)

    head: dict[str, Any] = {name: texts[f"story.{name}"] for name, _kind in _STORY_FIELDS if f"story.{name}" in texts}
    return replace(
        story,
        **head,
        lang=lang,
        threads={key: over(t, f"thread.{t.id}") for key, t in story.threads.items()},
        phases=tuple(over(p, f"phase.{p.id}") for p in story.phases),
        scenes={key: scene(s) for key, s in story.scenes.items()},
        entries={ref: over(e, f"entry.{ref}") for ref, e in story.entries.items()},
        terms={key: over(t, f"term.{t.id}") for key, t in story.terms.items()},
        places={key: over(p, f"place.{p.id}") for key, p in story.places.items()},
        lines=tuple(over(line, f"line.{line.id}") for line in story.lines),
        fronts=tuple(over(front, prefix) for prefix, front in _fronts(story)),
        citations={key: over(c, f"source.{c.id}") for key, c in story.citations.items()},
        documents={key: over(d, f"document.{d.id}") for key, d in story.documents.items()},
    )


def _value(text: str, kind: str) -> str | tuple[str, ...]:
    if kind == NAMES:
        return tuple(name.strip() for name in text.split(",") if name.strip())
    return text


@dataclass(frozen=True, slots=True)
class Localised:
    """A story in the language asked for, and what was wrong with its translation (empty for English)."""

    story: Story
    report: TranslationReport | None = None

    @property
    def problems(self) -> list[Diagnostic]:
        """Errors in the translation; the strings they touch are shown in English."""
        return [d for d in self.report.diagnostics if d.severity is Severity.ERROR] if self.report else []


def in_language(story: Story, lang: str) -> Localised:
    """The English ``story`` in ``lang``: the front ends' one call (English, or a language it has)."""
    if lang == SOURCE_LANGUAGE:
        return Localised(story)
    translation = load_translation(story.root, lang)
    report = check_translation(story, translation)
    return Localised(overlay(story, lang, report.usable), report)


# a translator's starting file


def template(story: Story, lang: str, translation: Translation | None = None, *, everything: bool = False) -> str:
    """YAML for a translator: each string still to translate (every one with ``everything``), with its
    English, an empty ``text`` and its fingerprint, ready to save in ``locales/LANG/`` and fill in.

    Strings already in the translation's files (even untranslated), and place
    names the glossary gives, are left out unless ``everything``, so the file
    can be added beside them without an id given twice.
    """
    present = translation.strings if translation is not None else {}
    covered = check_translation(story, translation).usable if translation is not None else {}
    entries: dict[str, dict[str, str]] = {}
    for string in strings(story).values():
        if everything or (string.id not in present and string.id not in covered):
            given = present.get(string.id)
            entries[string.id] = {
                "english": string.english,
                "text": given.text if given else "",
                "source": string.fingerprint,
            }
    name = translation.name if translation is not None else language_name(lang)
    head = (
        f'# Strings of "{story.title}" to translate into {name} ({lang}): {len(entries)}.\n'
        "# Write each translation in `text`; keep `source`, the fingerprint of the English it translates.\n"
        "# `english` is there to read beside it: the engine does not use it. A quotation keeps its\n"
        "# original words: “words”{source} stays, and its translation follows a bar, “words”{source|...}.\n"
        f"# Check the translation with: kalbajar validate --lang {lang} --story STORY_DIR\n"
    )
    body = yaml.dump(
        {"language": name, "strings": entries},
        Dumper=_TemplateDumper,
        allow_unicode=True,
        sort_keys=False,
        width=100,
        default_flow_style=False,
    )
    return head + body


class _TemplateDumper(yaml.SafeDumper):
    """Prose as literal blocks, the way story files write it; never an anchor (the story loader refuses them)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _prose(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    style = "|" if "\n" in text else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_TemplateDumper.add_representer(str, _prose)
