"""Reading the story: the Textual reader in a terminal, or the plain reader line by line."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from engine.cli.stories import checked_story, reading_language, refuse, save_dir, story_dir

if TYPE_CHECKING:
    from engine.story.cover import Cover
    from engine.story.model import Story


FRAMES_PER_SECOND = 240
"""How often Textual may draw.  It draws a changed screen at its next frame, and a move takes two or
three passes: at Textual's default of 60 a move waited up to 17 ms for each.  Textual draws only
what changed and the reader has no animations, so more frames cost nothing while nothing changes.
A reader's own ``TEXTUAL_FPS`` wins."""


def run_read(args: argparse.Namespace) -> int:
    """The Textual reader on a terminal; the plain reader for ``--plain``, pipes and scripts."""
    folder, saves = story_dir(args), save_dir(args)
    lang = reading_language(args, folder)
    if lang is None:
        return 2
    if not args.tui and (args.plain or not (sys.stdin.isatty() and sys.stdout.isatty())):
        from engine.plain import run_plain

        story = checked_story(folder)
        return 1 if story is None else run_plain(story, saves, fresh=args.new, number=args.reading, lang=lang)
    return play_in_terminal(
        folder,
        saves,
        fresh=args.new,
        number=args.reading,
        lang=lang if getattr(args, "lang", None) else last_chosen_language(folder, saves, lang),
    )


def last_chosen_language(folder: Path, saves: Path, otherwise: str) -> str:
    """The language the reader last chose in the Textual reader, if the story still has it; else ``otherwise``."""
    from engine.story.languages import available_languages
    from engine.tui.settings import Settings

    chosen = Settings.load(saves).language
    return chosen if chosen and chosen in available_languages(folder) else otherwise


def play_in_terminal(
    folder: Path, saves: Path, *, fresh: bool = False, number: int | None = None, command: str = "", lang: str = "en"
) -> int:
    """The Textual reader on the story in ``folder``, in the language ``lang``.

    When story.yaml gives a cover, the title screen shows it at once and the
    story loads behind it; a story found broken then closes the reader and is
    reported here, just as if it had been checked first.
    """
    os.environ.setdefault("TEXTUAL_FPS", str(FRAMES_PER_SECOND))  # read once, when Textual is first imported
    from engine.story.cover import read_cover
    from engine.tui.app import KalbajarApp

    # In another language the cover's words are the translation's: the story is loaded first to have them.
    opening: Story | Cover | None = read_cover(folder) if lang == "en" else None
    if opening is None:  # story.yaml itself is in doubt: check everything before drawing anything
        opening = checked_story(folder, command)
        if opening is None:
            return 1
    app = KalbajarApp(opening, saves, fresh=fresh, number=number, lang=lang)
    app.run()
    if app.story_errors:
        refuse(folder, app.story_errors, command)
        return 1
    return app.return_code or 0
