"""The line-by-line reader: for screen readers, pipes and scripts.

Full-screen terminal apps read badly aloud (Textual issue #2425), so this
reader only ever prints lines: the scene, its choices, then a prompt.  No
cursor movement, no redraws.  It continues the same kept readings as the
Textual reader, and ends cleanly when its input ends
(``printf '1\\n2\\n' | kalbajar --plain``).
"""

from __future__ import annotations

import difflib
import os
import shutil
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from engine.reading.reading import Reading
from engine.reading.readings import Readings
from engine.story.controls import UNSAFE
from engine.story.labels import citation_text, entry_facts, is_seed_paragraph, phase_title, place_name, thread_name
from engine.story.markup import links, parse
from engine.story.model import PANELS, PanelEntry, Story, Term

if TYPE_CHECKING:
    from engine.reading.session import Session

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
    out = stdout or sys.stdout
    reader = PlainReader(story, out, colour=wants_colour(out))
    try:
        reader.open_reading(Readings(save_dir, story), fresh)
        return reader.run(stdin or sys.stdin)
    finally:
        reader.reading.close()


def wants_colour(out: TextIO) -> bool:
    """Colour only on a terminal that can show it, and never when NO_COLOR is set."""
    return (out.isatty() and os.environ.get("TERM", "") != "dumb"
            and not os.environ.get("NO_COLOR"))


def safe(text: str) -> str:
    """Text as printed: control characters (and so escape sequences) never reach the terminal."""
    return UNSAFE.sub("\N{REPLACEMENT CHARACTER}", text)


class PlainReader:
    """One reading at the prompt: commands in, lines out."""

    reading: Reading
    """The kept reading being read (set by ``open_reading``)."""

    def __init__(self, story: Story, out: TextIO, *, colour: bool) -> None:
        self.story = story
        self.out = out
        self.colour = colour
        self.width = max(40, min(shutil.get_terminal_size((80, 24)).columns, 100) - 2)
        self.titles = story.link_titles()
        self.awaiting_note = False
        """True while a content note asks: continue, or read the summary instead."""

    # the loop

    @property
    def session(self) -> Session:
        return self.reading.session

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

    def open_reading(self, readings: Readings, fresh: bool) -> None:
        """Continue the reading saved last, or begin a new one (``fresh``, or when there is none)."""
        shelf = readings.shelf()
        for message in shelf.messages:
            self.say(message)
        latest = None if fresh else shelf.latest
        if latest is None:
            self.reading = readings.begin(self.say)
            return
        self.reading, note = readings.open(latest, self.say)
        if note:
            self.say(note)
        elif self.session.index > 0:
            self.say(f"Continuing reading {self.reading.number} (t for the transcript; "
                     "kalbajar --new begins another, and keeps this one).")

    def command(self, text: str) -> str | None:
        """Do one command; returns "quit" when the reading should stop."""
        word, _, argument = text.partition(" ")
        word, argument = word.lower(), argument.strip()
        if word in ("q", "quit", "exit"):
            return "quit"
        if word in ("h", "help", "?"):
            self.say(HELP)
        elif word == "b":
            self.move(self.session.can_go_back, self.reading.back, "This is the first scene of the reading.")
        elif word == "f":
            self.move(self.session.can_go_forward, self.reading.forward, "There is nothing to go forward to.")
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
        elif word.isdigit():
            self.choose(int(word))
        elif not word:
            self.show_options()
        else:
            self.say(f"'{text}' is not a command. Type a choice number, or h for help.")
        self.prompt()
        return None

    def move(self, possible: bool, step: Callable[[], object], refusal: str) -> None:
        if not possible:
            self.say(refusal)
            return
        step()
        self.arrive()

    def choose(self, number: int) -> None:
        count = len(self.session.options())
        if not 1 <= number <= count:
            where = ("this is an ending: b goes back, q quits" if not count
                     else "choose 1" if count == 1 else f"choose 1 to {count}")
            self.say(f"There is no choice {number} here; {where}.")
            return
        self.reading.choose(number)
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
        if argument.isdigit() and 0 < int(argument) <= len(numbered):
            self.read_entry(numbered[int(argument) - 1])
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
        readable = ref in self.session.unlocked or ref in links(self.session.scene.text)
        if entry is None or not readable:
            self.say(f"There is no entry '{ref}' in your side panels yet. Type p for the list.")
            return
        self.show_entry(entry)
        self.reading.mark_seen(ref)

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
            for term in self.story.terms_in_order():
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

