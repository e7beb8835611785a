"""The line-by-line reader: for screen readers, pipes and scripts.

Full-screen terminal apps read badly aloud (Textual issue #2425), so this
reader only ever prints lines: the scene, its choices, then a prompt.  No
cursor movement, no redraws.  It shares the autosave with the Textual reader,
and ends cleanly when its input ends (``printf '1\\n2\\n' | kalbajar --plain``).
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

from engine.export.edition import (
    citation_text,
    entry_facts,
    is_seed_paragraph,
    phase_title,
    place_name,
    thread_name,
)
from engine.reading.saves import SaveStore
from engine.reading.session import Session
from engine.story.controls import UNSAFE
from engine.story.markup import parse
from engine.story.model import PANELS, PanelEntry, Story, Term

HELP = """Commands:
  1, 2, 3...   take that choice
  b            back one scene
  f            forward again (after going back)
  p            the side panels: what you have unlocked, and what is new
  p 3          read entry 3 of that list (or p casualties/evacuated)
  s            the sources of this scene: the article's paragraphs and other citations
  g TERM       look a term up in the glossary (g alone lists every term)
  t            the transcript of your reading, choices included
  Enter        repeat the choices
  h            this help
  q            quit (your reading is saved after every step, and when input ends)"""

_BOLD, _DIM, _RESET = "\x1b[1m", "\x1b[2m", "\x1b[0m"


def run_plain(story: Story, save_dir: Path, *, fresh: bool = False,
              stdin: TextIO | None = None, stdout: TextIO | None = None) -> int:
    """Read until the reader quits or input ends; returns the exit status (0)."""
    out = stdout or forgiving(sys.stdout)
    store = SaveStore(save_dir, story)
    reader = PlainReader(story, store, out, colour=wants_colour(out))
    return reader.run(stdin or forgiving(sys.stdin), fresh=fresh)


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


def wants_colour(out: TextIO) -> bool:
    """Colour only on a terminal that can show it, and never when NO_COLOR is set."""
    return (out.isatty() and os.environ.get("TERM", "") != "dumb"
            and not os.environ.get("NO_COLOR"))


def safe(text: str) -> str:
    """Text as printed: control characters (and so escape sequences) never reach the terminal."""
    return UNSAFE.sub("\N{REPLACEMENT CHARACTER}", text)


class PlainReader:
    """One reading at the prompt: commands in, lines out."""

    def __init__(self, story: Story, store: SaveStore, out: TextIO, *, colour: bool) -> None:
        self.story = story
        self.store = store
        self.out = out
        self.colour = colour
        self.width = max(40, min(shutil.get_terminal_size((80, 24)).columns, 100) - 2)
        self.titles = story.link_titles()
        self.session = Session(story)
        self.awaiting_note = False
        """True while a content note asks: continue, or read the summary instead."""
        self.save_failed = False
        """True once a save has failed, so the reader is told only once."""

    # the loop

    def run(self, lines: TextIO, *, fresh: bool) -> int:
        self.open_reading(fresh)
        self.arrive()
        self.prompt()
        while True:
            raw = lines.readline()
            if not raw:
                self.say("")
                break
            if self.command(raw.strip()) == "quit":
                self.say("Your reading is saved.")
                break
        self.save()
        return 0

    def save(self) -> None:
        """Save after every move; a failure is told once and the reading goes on."""
        try:
            self.store.write(self.session)
        except OSError as exc:
            if not self.save_failed:
                self.say(f"Your reading could not be saved ({exc.strerror or exc}); it goes on unsaved.")
            self.save_failed = True

    def open_reading(self, fresh: bool) -> None:
        if fresh:
            return
        restored = self.store.restore()
        for message in restored.messages:
            self.say(message)
        if restored.session is not None:
            self.session = restored.session
            if self.session.index > 0:
                self.say("Continuing your last reading (t for the transcript; kalbajar --new starts over).")

    def command(self, text: str) -> str | None:
        """Do one command; returns "quit" when the reading should stop."""
        text = _NOT_TEXT.sub("\N{REPLACEMENT CHARACTER}", text)
        word, _, argument = text.partition(" ")
        word, argument = word.lower(), argument.strip()
        if word in ("q", "quit", "exit"):
            return "quit"
        if word in ("h", "help", "?"):
            self.say(HELP)
        elif word == "b":
            self.move(self.session.can_go_back, self.session.back, "This is the first scene of the reading.")
        elif word == "f":
            self.move(self.session.can_go_forward, self.session.forward, "There is nothing to go forward to.")
        elif word == "p":
            self.panels(argument)
        elif word == "g":
            self.glossary(argument)
        elif word == "t":
            self.transcript()
        elif self.awaiting_note and word in ("c", "s"):
            self.awaiting_note = False
            self.show_scene(summary=word == "s")
        elif word == "s":
            self.sources()
        elif self.awaiting_note:
            self.say("Type c to continue, or s for a summary instead.")
        elif (number := _number(word)) is not None:
            self.choose(number)
        elif not word:
            self.show_options()
        else:
            shown = text if len(text) <= _ECHOED else text[:_ECHOED] + "…"
            self.say(f"'{shown}' is not a command. Type a choice number, or h for help.")
        self.prompt()
        return None

    def move(self, possible: bool, step: Callable[[], object], refusal: str) -> None:
        if not possible:
            self.say(refusal)
            return
        step()
        self.save()
        self.arrive()

    def choose(self, number: int) -> None:
        count = len(self.session.options())
        if not 1 <= number <= count:
            where = ("this is an ending: b goes back, q quits" if not count
                     else "choose 1" if count == 1 else f"choose 1 to {count}")
            self.say(f"There is no choice {number} here; {where}.")
            return
        self.session.choose(number)
        self.save()
        self.arrive()

    # the scene

    def arrive(self) -> None:
        """Show the scene just reached; a content note comes first and waits for an answer."""
        scene = self.session.scene
        self.heading()
        self.awaiting_note = scene.content_note is not None
        if scene.content_note is not None:
            self.paragraph(scene.content_note.note, label="Content note: ")
            self.say("Type c to continue, or s for a summary instead.")
            return
        self.show_scene(summary=False)

    def heading(self) -> None:
        scene, story = self.session.scene, self.story
        phase = story.phase(scene.phase)
        self.say("")
        if phase is not None and phase.epilogue:
            self.say(f"Epilogue: {phase.title} ({phase.date.label()}).")
        self.say(scene.title, bold=True)
        self.say(f"{scene.date.label()}, {place_name(story, scene.place)}. "
                 f"{phase_title(story, scene.phase)}; {thread_name(story, scene.thread)}.")
        self.say("")

    def show_scene(self, *, summary: bool) -> None:
        scene = self.session.scene
        if summary and scene.content_note is not None:
            self.paragraph(scene.content_note.summary, label="Summary: ")
        else:
            self.text(scene.text)
            if scene.editor_note:
                self.text(scene.editor_note, label="Editor's note: ")
        fresh = [ref for ref in scene.unlocks if ref in self.session.new_entries]
        if fresh:
            names = "; ".join(f"{self.entry_title(ref)} ({ref.partition('/')[0]})" for ref in fresh)
            self.paragraph(f"New in the side panels: {names}. Type p to read them.")
        self.show_options()

    def show_options(self) -> None:
        if self.awaiting_note:
            self.say("Type c to continue, or s for a summary instead.")
            return
        if self.session.at_ending:
            self.say("This reading ends here. Type b to go back, t for the transcript, or q to quit.")
        for option in self.session.options():
            self.say(f"{option.number}. {option.choice.label}")

    def text(self, text: str, *, label: str = "") -> None:
        """Story text as paragraphs; quotations indented; links named so they can be looked up.

        ``label`` (an editor's note) opens the first paragraph.
        """
        linked: dict[str, None] = {}
        for n, block in enumerate(parse(text, self.titles)):
            indent = "    " if block.kind == "quote" else ""
            self.paragraph(block.plain, indent, label=label if n == 0 else "")
            linked.update((span.ref, None) for span in block.spans if span.kind == "link")
        if linked:
            self.paragraph("Linked: " + "; ".join(self.look_up_hint(ref) for ref in linked) + ".")

    def look_up_hint(self, ref: str) -> str:
        item = self.story.entry(ref)
        name = item.title if item else ref
        return f"{name} (g {name})" if ref.startswith("glossary/") else f"{name} (p {ref})"

    # side panels, glossary, sources, transcript

    def panels(self, argument: str) -> None:
        numbered = [ref for panel in PANELS for ref in self.session.unlocked_in(panel)]
        number = _number(argument)
        if number is not None and 0 < number <= len(numbered):
            self.read_entry(numbered[number - 1])
            return
        if argument:
            self.read_entry(argument.lower())
            return
        self.say("Side panels (p NUMBER or p PANEL/ID reads an entry):")
        new = self.session.new_entries
        for panel in PANELS:
            self.say(panel.capitalize(), bold=True)
            refs = self.session.unlocked_in(panel)
            if not refs:
                self.say("  nothing yet")
            for ref in refs:
                mark = "  (new)" if ref in new else ""
                self.say(f"  {numbered.index(ref) + 1}. {self.entry_title(ref)}{mark}")

    def read_entry(self, ref: str) -> None:
        """An unlocked entry, or one the scene links to; glossary terms are always open."""
        entry = self.story.entry(ref)
        if isinstance(entry, Term):
            self.show_entry(entry)
            return
        readable = ref in self.session.unlocked or ref in _linked(self.session.scene.text)
        if entry is None or not readable:
            self.say(f"There is no entry '{ref}' in your side panels yet. Type p for the list.")
            return
        self.show_entry(entry)
        self.session.mark_seen(ref)
        self.save()

    def show_entry(self, item: PanelEntry | Term) -> None:
        self.say("")
        self.say(item.title, bold=True)
        for fact in entry_facts(item):
            self.say(fact + ".")
        self.say("")
        self.text(item.text)
        if item.see:
            self.paragraph("See also: " + "; ".join(self.look_up_hint(ref) for ref in item.see) + ".")
        self.paragraph("Sources: " + ", ".join(item.sources) + ".")

    def glossary(self, argument: str) -> None:
        terms = list(self.story.terms.values())
        if not argument:
            self.say("Glossary (g TERM reads one):")
            for term in sorted(terms, key=lambda t: t.term.casefold()):
                self.say("  " + term.term + (f" (also {', '.join(term.also)})" if term.also else ""))
            return
        wanted = argument.casefold()
        found = next((t for t in terms if wanted in (n.casefold() for n in (*t.names, t.id))), None)
        if found is not None:
            self.show_entry(found)
            return
        names = {name.casefold(): name for t in terms for name in t.names}
        close = difflib.get_close_matches(wanted, list(names), n=3, cutoff=0.6)
        close += [n for n in names if wanted in n and n not in close]
        hint = f" Did you mean: {', '.join(names[n] for n in close[:3])}?" if close else " Type g for every term."
        self.say(f"The glossary has no '{argument}'.{hint}")

    def sources(self) -> None:
        scene, article = self.session.scene, self.story.article
        self.say("")
        self.say(f"Sources of '{scene.title}'", bold=True)
        self.say("")
        for source in scene.sources:
            if is_seed_paragraph(source):
                paragraph = article.by_id.get(source)
                self.paragraph(f"[{source}] " + (paragraph.text if paragraph else "(not in the article)"))
            else:
                citation = self.story.citations.get(source)
                self.paragraph(f"[{source}] " + (citation_text(citation) if citation else "(unknown source)"))
                if citation and citation.note:
                    self.paragraph(citation.note, "    ")
        self.paragraph(" ".join(self.story.attribution.split()))

    def transcript(self) -> None:
        self.say("Your reading so far:")
        for line in self.session.transcript():
            where = "  (you are here)" if line.current else ""
            ahead = "  (ahead: f goes forward)" if line.index > self.session.index else ""
            if line.choice:
                self.say(f"    chose: {line.choice}")
            self.say(f"  {line.index + 1}. {line.scene.title}, {line.scene.date.label()}{where}{ahead}")

    # output

    def entry_title(self, ref: str) -> str:
        item = self.story.entry(ref)
        return item.title if item else ref

    def paragraph(self, text: str, indent: str = "", *, label: str = "") -> None:
        """A wrapped paragraph; ``label`` (an editor's note, a summary) is set apart in colour."""
        filled = textwrap.fill(safe(label + " ".join(text.split())), self.width, initial_indent=indent,
                               subsequent_indent=indent, break_on_hyphens=False, break_long_words=False)
        if label and self.colour and filled.startswith(indent + label):
            filled = f"{indent}{_DIM}{label}{_RESET}{filled[len(indent + label):]}"
        print(filled + "\n", file=self.out)

    def prompt(self) -> None:
        print("> ", end="", file=self.out, flush=True)

    def say(self, line: str, *, bold: bool = False) -> None:
        """Print one line; everything printed passes through ``safe``, so no text is a command."""
        text = safe(line)
        print(f"{_BOLD}{text}{_RESET}" if bold and self.colour else text, file=self.out)


_NOT_TEXT = re.compile("[\ud800-\udfff]")
"""Lone surrogates: bytes that were not text, kept by a lenient stream; they could be written back raw."""

_NUMBER = re.compile(r"[0-9]{1,9}")
"""A choice or entry number: ASCII digits only ('²' and '٣' are digits to str.isdigit, not to int), and short
(int() refuses more than 4,300 digits)."""

_ECHOED = 60
"""The most of an unknown command said back to the reader."""


def _number(text: str) -> int | None:
    return int(text) if _NUMBER.fullmatch(text) else None


def _linked(text: str) -> set[str]:
    return {span.ref for block in parse(text) for span in block.spans if span.kind == "link"}
