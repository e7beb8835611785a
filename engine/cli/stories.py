"""Which story a command works on, and refusing a broken one the way ``validate`` would."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

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


def checked_story(folder: Path, command: str = "") -> Story | None:
    """The story in ``folder``, or None after saying why not: reading or exporting a broken story would mislead."""
    from engine.story.lint import load_checked

    story, errors = load_checked(folder)
    if story is None:
        refuse(folder, errors, command)
    return story


def refuse(folder: Path, errors: list[Diagnostic], command: str) -> None:
    """Print the errors, then how to see them all again."""
    from engine.story.diagnostics import format_text

    if errors:
        print(format_text(errors), file=sys.stderr)
    name = f"kalbajar {command}".strip()
    print(f"{name}: the story in {folder} has errors; run 'kalbajar validate --story {folder}' for details",
          file=sys.stderr)
