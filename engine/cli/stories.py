"""Which story a command works on, in which language, and refusing a broken one the way ``validate`` would."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from engine.i18n import _, ngettext

if TYPE_CHECKING:
    from engine.story.diagnostics import Diagnostic
    from engine.story.model import Story


def story_dir(args: argparse.Namespace) -> Path:
    """The folder named on the command line, or the bundled story."""
    from engine.story.bundled import bundled_story_dir

    chosen = getattr(args, "story_dir", None) or getattr(args, "story", None)
    return Path(chosen) if chosen else bundled_story_dir()


def save_dir(args: argparse.Namespace) -> Path:
    """Where readings are kept: ``--save-dir``, or the user's state directory."""
    from engine.reading.save_location import default_save_dir

    chosen = getattr(args, "save_dir", None)
    return Path(chosen) if chosen else default_save_dir()


def reading_language(args: argparse.Namespace, folder: Path, command: str = "") -> str | None:
    """The language to read in, now also the interface's: ``--lang`` if the story has it; else the system's
    language if the story has it; else English.  None after saying why ``--lang`` cannot be had."""
    from engine.i18n import choose_language, use_language
    from engine.story.languages import available_languages

    available = available_languages(folder)
    requested = getattr(args, "lang", None)
    if requested is not None and requested not in available:
        name = f"kalbajar {command}".strip()
        print(
            _("{command}: the story has no translation into '{lang}'; it can be read in: {languages}").format(
                command=name, lang=requested, languages=", ".join(available)
            ),
            file=sys.stderr,
        )
        return None
    lang = choose_language(requested, available)
    use_language(lang)
    return lang


def checked_story(folder: Path, command: str = "") -> Story | None:
    """The story in ``folder``, or None after saying why not: reading or exporting a broken story would mislead."""
    from engine.story.lint import load_checked

    story, errors = load_checked(folder)
    if story is None:
        refuse(folder, errors, command)
    return story


def localised(story: Story, lang: str, command: str) -> Story:
    """The story in ``lang``; a translation's problems are told, and the strings they touch stay English."""
    from engine.story.locale import in_language

    result = in_language(story, lang)
    if result.problems:
        print(
            ngettext(
                "kalbajar {command}: the {lang} translation has {n} problem, so a string is written in "
                "English; 'kalbajar validate --lang {lang}' shows it",
                "kalbajar {command}: the {lang} translation has {n} problems, so some strings are "
                "written in English; 'kalbajar validate --lang {lang}' shows them",
                len(result.problems),
            ).format(command=command, lang=lang, n=len(result.problems)),
            file=sys.stderr,
        )
    return result.story


def refuse(folder: Path, errors: list[Diagnostic], command: str) -> None:
    """Print the errors, then how to see them all again."""
    from engine.story.diagnostics import format_text

    if errors:
        print(format_text(errors), file=sys.stderr)
    name = f"kalbajar {command}".strip()
    print(
        _("{command}: the story in {folder} has errors; run 'kalbajar validate --story {folder}' for details").format(
            command=name, folder=folder
        ),
        file=sys.stderr,
    )
