"""The line-by-line reader: for screen readers, pipes and scripts.

Full-screen terminal apps read badly aloud (Textual issue #2425), so this
reader only ever prints lines: the scene, its choices, then a prompt.  No
cursor movement, no redraws.  Its keys are the Textual reader's, typed as a
line; it continues the same kept readings, and ends cleanly when its input
ends (``printf '1\\n2\\n' | kalbajar --plain``).
"""

from __future__ import annotations

import difflib
import io
import os
import re
import shutil
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from engine.i18n import _, language_name, ngettext, pgettext, use_language
from engine.reading.reading import FULL, SUMMARY, Reading
from engine.reading.readings import Readings
from engine.reading.session import Session
from engine.reading.timeline import timeline_events
from engine.reading.transcript import as_text
from engine.reading.wrap_up import wrap_up
from engine.story.controls import UNSAFE
from engine.story.labels import (
    citation_text,
    entry_facts,
    is_seed_paragraph,
    panel_name,
    phase_title,
    place_kind,
    place_name,
    source_title,
    source_titles,
    thread_name,
)
from engine.story.languages import available_languages
from engine.story.locale import in_language
from engine.story.markup import Block, parse
from engine.story.model import PANELS, Document, PanelEntry, Story, Term


def help_text() -> str:
    """The keys, in the reader's language."""
    return _("""Keys (the same as in the full-screen reader; type one and Enter):
  1, 2, 3...   take that choice (a choice you have read is marked ✓)
  Enter        repeat the choices
  b            back one scene
  f            forward again (after going back)
  h            history: the moments of your reading (h save writes it to a file; h WORD finds words)
  t            timeline: the dated events of the story, what you have read of them
  m            the places of this scene
  p            the side panels: what your reading has reached, and what is new
  p 3          read entry 3 of that list (or p casualties/evacuated)
  s            the sources of this scene
  g TERM       look a term up in the glossary (g alone lists the terms you have met)
  r            read in full a scene you passed with a summary
  a            at an ending: go back to where another thread begins
  l            the languages the story can be read in (l ru reads on in Russian, at the same moment)
  ?            this help
  q            quit (your reading is saved after every step)
At a content note: c reads the scene, s reads a summary instead.""")


_BOLD, _DIM, _RESET = "\x1b[1m", "\x1b[2m", "\x1b[0m"


def run_plain(
    story: Story,
    save_dir: Path,
    *,
    fresh: bool = False,
    number: int | None = None,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    lang: str = "en",
) -> int:
    """Read the English ``story`` in ``lang`` until the reader quits or input ends; returns the exit status (0)."""
    out = stdout or forgiving(sys.stdout)
    reader = PlainReader(story, out, colour=wants_colour(out))
    reader.use_language(lang)
    reader.open_reading(Readings(save_dir, reader.story), fresh, number)
    try:
        return reader.run(stdin or forgiving(sys.stdin))
    finally:
        reader.reading.close()


def forgiving(stream: TextIO) -> TextIO:
    """The terminal's stream, replacing what its encoding cannot hold instead of raising.

    Under a UTF-8 locale stdin is strict, so one stray byte (a C1 control,
    half a character) ended the reading with a UnicodeDecodeError; under the
    C locale it was kept as a lone surrogate and echoed back as the raw byte.
    Under ISO-8859-1 stdout cannot hold an en dash.  Bytes that are not text
    become U+FFFD, and characters the terminal cannot show become '?'.
    """
    if isinstance(stream, io.TextIOWrapper):
        stream.reconfigure(errors="replace")
    return stream


def heard(block: Block) -> str:
    """A paragraph as printed: a quotation's translation follows it, marked as one."""
    return "".join(
        " " + pgettext("beside a quotation", "[translation: {words}]").format(words=span.text)
        if span.kind == "translation"
        else span.text
        for span in block.spans
    )


def wants_colour(out: TextIO) -> bool:
    """Colour only on a terminal that can show it, and never when NO_COLOR is set."""
    return out.isatty() and os.environ.get("TERM", "") != "dumb" and not os.environ.get("NO_COLOR")


def safe(text: str) -> str:
    """Text as printed: control characters (and so escape sequences) never reach the terminal."""
    return UNSAFE.sub("\N{REPLACEMENT CHARACTER}", text)


def number_in(word: str) -> int | None:
    """A choice or entry number: ASCII digits only (not ², not ٣), and short enough to mean one."""
    if word.isascii() and word.isdigit() and len(word) <= 4:
        return int(word)
    return None


class PlainReader:
    """One reading at the prompt: commands in, lines out."""

    reading: Reading
    """The kept reading being read (set by ``open_reading``)."""

    def __init__(self, story: Story, out: TextIO, *, colour: bool) -> None:
        self.english = story
        """The story as written: every language is laid over it."""
        self.story = story
        """The story in the language being read."""
        self.out = out
        self.colour = colour
        self.width = max(40, min(shutil.get_terminal_size((80, 24)).columns, 100) - 2)
        self.titles = story.link_titles()
        self.awaiting_note = False
        """True while a content note asks: continue, or read the summary instead."""

    @property
    def session(self) -> Session:
        return self.reading.session

    def use_language(self, lang: str) -> None:
        """Read (and speak) in ``lang`` from now on; a translation's faulty strings stay English, and the
        reader is told so."""
        localised = in_language(self.english, lang)
        use_language(lang)
        self.story = localised.story
        self.titles = self.story.link_titles()
        if localised.problems:
            self.say(
                ngettext(
                    "One string of this translation has a problem, so it is shown in English "
                    "(kalbajar validate --lang {lang} shows it).",
                    "{n} strings of this translation have problems, so they are shown in English "
                    "(kalbajar validate --lang {lang} shows them).",
                    len(localised.problems),
                ).format(n=len(localised.problems), lang=lang)
            )

    # the loop

    def open_reading(self, readings: Readings, fresh: bool, number: int | None = None) -> None:
        """Continue the reading saved last (or reading ``number``), or begin one (``fresh``, or none kept)."""
        shelf = readings.shelf()
        for message in shelf.messages:
            self.say(message)
        chosen = next((k for k in shelf.kept if k.number == number), None) if number else shelf.latest
        if number and chosen is None:
            self.say(_("There is no reading {number}; a new reading begins.").format(number=number))
        if fresh or chosen is None:
            self.reading = readings.begin(self.say)
            return
        self.reading, note = readings.open(chosen, self.say)
        if note:
            self.say(note)
        elif self.session.index > 0:
            self.say(
                _(
                    "Continuing reading {number} (h for its history; kalbajar --new begins another, and keeps "
                    "this one)."
                ).format(number=self.reading.number)
            )

    def run(self, lines: TextIO) -> int:
        self.arrive()
        self.prompt()
        while True:
            raw = lines.readline()
            if not raw:  # the input ended: a script's last line, or Ctrl-D; speak only if something is lost
                self.say("")
                if not self.reading.saved:
                    self.say(self.reading.farewell())
                return 0
            if self.command(raw.strip()) == "quit":
                self.say(self.reading.farewell())
                return 0

    def command(self, text: str) -> str | None:
        """Do one command; returns "quit" when the reading should stop."""
        text = _NOT_TEXT.sub("\N{REPLACEMENT CHARACTER}", text)
        word, _space, argument = text.partition(" ")
        word, argument = word.lower(), argument.strip()
        number = number_in(word)
        if word in ("q", "quit", "exit"):
            return "quit"
        if self.awaiting_note and word in ("c", "s"):
            self.awaiting_note = False
            self.reading.answer_note(self.session.scene.id, SUMMARY if word == "s" else FULL)
            self.show_scene()
        elif self.awaiting_note and word not in ("?", "help", "b", "h", "l"):
            self.say(_("Type c to read the scene, or s for a summary instead."))
        elif word in ("?", "help"):
            self.say(help_text())
        elif word == "b":
            self.move(self.session.can_go_back, self.reading.back, _("This is the first scene of the reading."))
        elif word == "f":
            self.move(self.session.can_go_forward, self.reading.forward, _("There is nothing to go forward to."))
        elif word == "h":
            self.history(argument)
        elif word == "t":
            self.timeline()
        elif word == "m":
            self.places()
        elif word == "p":
            self.panels(argument)
        elif word == "g":
            self.glossary(argument)
        elif word == "s":
            self.sources()
        elif word == "r":
            self.read_in_full()
        elif word == "a":
            self.another_thread()
        elif word == "l":
            self.languages(argument)
        elif number is not None:
            self.choose(number)
        elif not word:
            self.show_options()
        else:
            shown = text if len(text) <= _ECHOED else text[:_ECHOED] + "…"
            self.say(_("'{text}' is not a command. Type a choice number, or ? for help.").format(text=shown))
        self.prompt()
        return None

    def move(self, possible: bool, step: Callable[[], object], refusal: str) -> None:
        if not possible:
            self.say(refusal)
            return
        step()
        self.arrive()

    def choose(self, number: int) -> None:
        options = self.session.options()
        if self.session.at_ending and number == 1:
            self.wrap_up()
            return
        if not 1 <= number <= len(options):
            if not options:
                self.say(
                    _(
                        "There is no choice {number} here; this is an ending: 1 tells what you read, b goes back."
                    ).format(number=number)
                )
            elif len(options) == 1:
                self.say(_("There is no choice {number} here; choose 1.").format(number=number))
            else:
                self.say(
                    _("There is no choice {number} here; choose 1 to {last}.").format(number=number, last=len(options))
                )
            return
        self.reading.choose(number)
        self.arrive()

    # the scene

    def arrive(self) -> None:
        """Show the scene just reached; a content note comes first and waits for an answer."""
        scene = self.session.scene
        self.heading()
        self.awaiting_note = self.reading.note_answer(scene) is None
        if self.awaiting_note and scene.content_note is not None:
            self.paragraph(scene.content_note.note, label=_("Content note: "))
            self.say(_("Type c to read the scene, or s for a summary instead."))
            return
        self.show_scene()

    def heading(self) -> None:
        scene, story = self.session.scene, self.story
        phase = story.phase(scene.phase)
        self.say("")
        if phase is not None and phase.epilogue:
            self.say(_("Epilogue: {title} ({date}).").format(title=phase.title, date=phase.date.label()))
        self.say(scene.title, bold=True)
        self.say(
            _("{date}, {place}. {phase}; {thread}.").format(
                date=scene.date.label(),
                place=place_name(story, scene.place),
                phase=phase_title(story, scene.phase),
                thread=thread_name(story, scene.thread),
            )
        )
        self.say("")

    def show_scene(self) -> None:
        scene = self.session.scene
        if scene.content_note and self.reading.note_answer(scene) == SUMMARY:
            self.paragraph(scene.content_note.summary, label=_("Summary: "))
            self.say(_("(r reads the scene in full.)"))
        else:
            self.text(scene.text)
            if scene.editor_note:
                self.text(scene.editor_note, label=_("Editor's note: "))
        fresh = [ref for ref in scene.unlocks if ref in self.session.new_entries]
        if fresh:
            names = "; ".join(f"{self.entry_title(ref)} ({panel_name(ref.partition('/')[0])})" for ref in fresh)
            self.paragraph(_("New in the side panels: {names}. Type p to read them.").format(names=names))
        self.show_options()

    def show_options(self) -> None:
        if self.awaiting_note:
            self.say(_("Type c to read the scene, or s for a summary instead."))
            return
        read = self.session.read
        for option in self.session.options():
            mark = "  " + _("✓ read") if option.choice.target in read else ""
            self.say(f"{option.number}. {option.choice.label}{mark}")
        if self.session.at_ending:
            self.say(_("This reading ends here."))
            self.say("1. " + _("The end of this reading: what you read, and where to go next"))

    def read_in_full(self) -> None:
        scene = self.session.scene
        if self.reading.note_answer(scene) != SUMMARY:
            self.say(_("This scene is already shown in full."))
            return
        self.reading.answer_note(scene.id, FULL)
        self.heading()
        self.show_scene()

    def text(self, text: str, *, label: str = "") -> None:
        """Story text as paragraphs; quotations indented; links named so they can be looked up.

        ``label`` (an editor's note) opens the first paragraph.
        """
        linked: dict[str, None] = {}
        for n, block in enumerate(parse(text, self.titles)):
            indent = "    " if block.kind == "quote" else ""
            self.paragraph(heard(block), indent, label=label if n == 0 else "")
            linked.update(
                (span.ref, None) for span in block.spans if span.kind == "link" and self.session.is_open(span.ref)
            )
        if linked:
            self.paragraph(_("Linked: {entries}.").format(entries="; ".join(self.look_up_hint(ref) for ref in linked)))

    def look_up_hint(self, ref: str) -> str:
        item = self.story.entry(ref)
        name = item.title if item else ref
        return f"{name} (g {name})" if ref.startswith("glossary/") else f"{name} (p {ref})"

    # at an ending

    def wrap_up(self) -> None:
        summary = wrap_up(self.session)
        self.say("")
        self.say(_("This reading ends here"), bold=True)
        names = ", ".join(t.name for t in summary.followed) or _("none")
        self.paragraph(
            ngettext(
                "You read {read} of the story's {total} scene, following: {threads}.",
                "You read {read} of the story's {total} scenes, following: {threads}.",
                summary.scenes_total,
            ).format(read=summary.scenes_read, total=summary.scenes_total, threads=names)
        )
        if summary.not_followed:
            self.paragraph(
                _("Threads you did not follow: {threads}.").format(
                    threads=", ".join(t.name for t in summary.not_followed)
                )
            )
        if summary.unopened:
            self.paragraph(
                _("Entries waiting in the side panels, not opened yet: {entries}.").format(
                    entries="; ".join(self.entry_title(ref) for ref in summary.unopened)
                )
            )
        if summary.another is not None:
            self.paragraph(
                _("Type a to read another thread: back to “{scene}”, to choose “{choice}”.").format(
                    scene=summary.another.scene.title, choice=summary.another.choice.label
                )
            )
        self.paragraph(
            _("kalbajar export --format html -o edition.html writes the reading edition of the whole story; q quits.")
        )

    def another_thread(self) -> None:
        branch = wrap_up(self.session).another
        if branch is None:
            self.say(_("Your reading has taken every way there is."))
            return
        self.reading.go(branch.moment)
        self.arrive()

    # side panels, glossary, sources, history, timeline, places

    def readable(self) -> list[str]:
        """Every entry the reading has reached, panel by panel, then the documents met."""
        documents = [d.ref for d in self.story.documents.values() if d.ref in set(self.session.met)]
        return [ref for panel in PANELS for ref in self.session.unlocked_in(panel)] + documents

    def panels(self, argument: str) -> None:
        numbered = self.readable()
        chosen = number_in(argument)
        if chosen is not None and 0 < chosen <= len(numbered):
            self.read_entry(numbered[chosen - 1])
            return
        if argument:
            self.read_entry(argument.lower())
            return
        self.say(_("Side panels (p NUMBER or p PANEL/ID reads an entry):"))
        new = self.session.new_entries
        for panel in (*PANELS, "documents"):
            refs = [ref for ref in numbered if ref.partition("/")[0] == panel]
            self.say(panel_name(panel), bold=True)
            if not refs:
                self.say("  " + _("nothing yet"))
            for ref in refs:
                mark = "  " + _("(new)") if ref in new else ""
                self.say(f"  {numbered.index(ref) + 1}. {self.entry_title(ref)}{mark}")

    def read_entry(self, ref: str) -> None:
        """An entry the reading has reached (unlocked, or named by a scene read)."""
        entry = self.story.entry(ref)
        if entry is None or not self.session.is_open(ref):
            self.say(_("There is no entry '{ref}' in your side panels yet. Type p for the list.").format(ref=ref))
            return
        self.show_entry(entry)
        self.reading.mark_seen(ref)

    def show_entry(self, item: PanelEntry | Term | Document) -> None:
        self.say("")
        self.say(item.title, bold=True)
        for fact in entry_facts(item):
            self.say(fact + ".")
        self.say("")
        self.text(item.text)
        if isinstance(item, Document) and item.note:
            self.text(item.note, label=_("About this text: "))
        see = [ref for ref in item.see if ref != item.ref and self.session.is_open(ref)]
        if see:
            self.paragraph(_("See also: {entries}.").format(entries="; ".join(self.look_up_hint(ref) for ref in see)))
        self.paragraph(_("Sources: {sources}.").format(sources=source_titles(self.story, item.sources)))

    def glossary(self, argument: str) -> None:
        met = set(self.session.met)
        terms = [t for t in self.story.terms_in_order() if t.ref in met]
        if not argument:
            self.say(_("The terms you have met (g TERM reads one):"))
            for term in terms:
                also = " " + _("(also {names})").format(names=", ".join(term.also)) if term.also else ""
                self.say("  " + term.term + also)
            return
        wanted = argument.casefold()
        found = next((t for t in terms if wanted in (n.casefold() for n in (*t.names, t.id))), None)
        if found is not None:
            self.show_entry(found)
            return
        ahead = any(wanted in (n.casefold() for n in t.names) for t in self.story.terms.values())
        if ahead:
            self.say(_("'{term}' opens once your reading reaches it.").format(term=argument))
            return
        names = {name.casefold(): name for t in terms for name in t.names}
        close = difflib.get_close_matches(wanted, list(names), n=3, cutoff=0.6)
        if close:
            self.say(
                _("The glossary has no '{term}'. Did you mean: {names}?").format(
                    term=argument, names=", ".join(names[n] for n in close)
                )
            )
        else:
            self.say(_("The glossary has no '{term}'. Type g for the terms you have met.").format(term=argument))

    def sources(self) -> None:
        scene, article = self.session.scene, self.story.article
        self.say("")
        self.say(_("The sources of “{title}”").format(title=scene.title), bold=True)
        self.say("")
        for source in scene.sources:
            if is_seed_paragraph(source):
                paragraph = article.by_id.get(source)
                self.paragraph(
                    _("{source}, paragraph {number}: {text}").format(
                        source=source_title(self.story, source),
                        number=source.rsplit("/", 1)[-1],
                        text=paragraph.text if paragraph else _("(not in the article)"),
                    )
                )
            else:
                citation = self.story.citations.get(source)
                self.paragraph(citation_text(citation) if citation else source)
                if citation and citation.note:
                    self.paragraph(citation.note, "    ")
        self.paragraph(" ".join(self.story.attribution.split()))

    def history(self, argument: str) -> None:
        if argument.lower() == "save":
            target = self.reading.store.directory / f"reading-{self.reading.number}-transcript.txt"
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(as_text(self.session, self.reading.note_answers), encoding="utf-8")
            except OSError as error:
                self.say(_("The transcript could not be saved: {reason}.").format(reason=error.strerror or error))
                return
            self.say(_("The transcript is saved at {file}.").format(file=target))
            return
        wanted = argument.casefold()
        self.say(
            _("Your reading so far:")
            if not argument
            else _("The moments of your reading that hold '{words}':").format(words=argument)
        )
        for line in self.session.transcript():
            text = f"{line.scene.title} {line.scene.text} {line.choice or ''}".casefold()
            if wanted and wanted not in text:
                continue
            where = "  " + _("(you are here)") if line.current else ""
            ahead = "  " + _("(ahead: f goes forward)") if line.index > self.session.index else ""
            if line.choice:
                self.say("    " + _("chose: {choice}").format(choice=line.choice))
            self.say(f"  {line.index + 1}. {line.scene.title}, {line.scene.date.label()}{where}{ahead}")

    def timeline(self) -> None:
        self.say(_("The timeline (✓ read, ○ not read yet):"))
        for group in timeline_events(self.story, self.session):
            self.say(group.phase.title if group.phase else _("Before the first phase"), bold=True)
            for event in group.events:
                mark = " " if event.kind == "front" else "✓" if event.read else "○"
                self.say(f"  {mark} {event.date.label()}: {' '.join(event.title.split())}")

    def places(self) -> None:
        scene = self.session.scene
        place = self.story.places.get(scene.place)
        if place is None:
            self.say(_("This scene has no place on the map."))
            return
        also = " " + _("(also {names})").format(names=", ".join(place.also)) if place.also else ""
        self.paragraph(
            f"{place.name}{also}: {place_kind(place.kind)}"
            + (f". {' '.join(place.note.split())}" if place.note else "")
        )
        fronts = [f for f in self.story.fronts if f.date.start <= scene.date.end]
        if fronts:
            held = ", ".join(self.story.places[p].name for p in fronts[-1].held if p in self.story.places)
            self.paragraph(
                _("By {date} the attacking forces held: {places}.").format(date=fronts[-1].date.label(), places=held)
            )

    def languages(self, argument: str) -> None:
        """``l`` lists the languages; ``l LANG`` reads on in that one, at the same moment of the reading."""
        available = available_languages(self.english.root)
        if not argument:
            self.say(_("The story can be read in (l LANG switches, at the same moment):"))
            for lang in available:
                mark = "  " + _("(reading now)") if lang == self.story.lang else ""
                self.say(f"  {lang}  {language_name(lang)}{mark}")
            return
        lang = argument.lower()
        if lang not in available:
            self.say(
                _("The story has no translation into '{lang}'; it can be read in: {languages}.").format(
                    lang=argument, languages=", ".join(available)
                )
            )
            return
        self.use_language(lang)
        self.reading.switch_story(self.story)
        self.arrive()

    # output

    def entry_title(self, ref: str) -> str:
        item = self.story.entry(ref)
        return item.title if item else ref

    def paragraph(self, text: str, indent: str = "", *, label: str = "") -> None:
        """A wrapped paragraph; ``label`` (an editor's note, a summary) is set apart in colour."""
        filled = textwrap.fill(
            safe(label + " ".join(text.split())),
            self.width,
            initial_indent=indent,
            subsequent_indent=indent,
            break_on_hyphens=False,
            break_long_words=False,
        )
        if label and self.colour and filled.startswith(indent + label):
            filled = f"{indent}{_DIM}{label}{_RESET}{filled[len(indent + label) :]}"
        print(filled + "\n", file=self.out)

    def prompt(self) -> None:
        print("> ", end="", file=self.out, flush=True)

    def say(self, line: str, *, bold: bool = False) -> None:
        """Print one line; everything printed passes through ``safe``, so no text is a command."""
        text = safe(line)
        print(f"{_BOLD}{text}{_RESET}" if bold and self.colour else text, file=self.out)


_NOT_TEXT = re.compile("[\ud800-\udfff]")
"""Lone surrogates: bytes that were not text, kept by a lenient stream; they could be written back raw."""

_ECHOED = 60
"""The most of an unknown command said back to the reader."""
