"""The line-by-line reader: for screen readers, pipes and scripts.

No cursor movement and no redraws: the scene, its choices, then a prompt.
It shares the autosave with the Textual reader.
"""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path
from typing import TextIO

from engine.reading.saves import SaveStore
from engine.reading.session import Session
from engine.story.markup import parse
from engine.story.model import Story

HELP = """Commands:
  1, 2, 3...  take that choice
  b           back one scene        f   forward again
  h           this help             q   quit (the reading is saved)"""


def run_plain(story: Story, save_dir: Path, *, fresh: bool = False,
              stdin: TextIO | None = None, stdout: TextIO | None = None) -> int:
    """Read until the reader quits or input ends; returns the exit status."""
    read, out = stdin or sys.stdin, stdout or sys.stdout
    store = SaveStore(save_dir, story)
    restored = store.restore()
    for message in restored.messages:
        print(message, file=out)
    session = Session(story) if fresh or restored.session is None else restored.session
    show(session, out)
    for raw in read:
        command = raw.strip().lower()
        if command in ("q", "quit"):
            break
        if command in ("h", "help", "?"):
            print(HELP, file=out)
        elif command == "b" and session.can_go_back:
            session.back()
        elif command == "f" and session.can_go_forward:
            session.forward()
        elif command.isdigit() and 1 <= int(command) <= len(session.options()):
            session.choose(int(command))
        else:
            print("Type a choice number, or h for help.", file=out)
            continue
        store.write(session)
        if command not in ("h", "help", "?"):
            show(session, out)
    store.write(session)
    return 0


def show(session: Session, out: TextIO) -> None:
    scene = session.scene
    print(f"\n{scene.title}\n{scene.date.label()}\n", file=out)
    for block in parse(scene.text):
        prefix = "    " if block.kind == "quote" else ""
        print(textwrap.fill(block.plain, 78, initial_indent=prefix, subsequent_indent=prefix) + "\n", file=out)
    if scene.editor_note:
        print(textwrap.fill("Editor's note: " + scene.editor_note, 78) + "\n", file=out)
    if session.at_ending:
        print("The end of this reading. Type b to go back, or q to quit.", file=out)
    for option in session.options():
        print(f"{option.number}. {option.choice.label}", file=out)
    print("> ", end="", file=out, flush=True)
