"""``kalbajar translation-template``: the file a translator starts from (Ren'Py's ``translate`` command)."""

from __future__ import annotations

import argparse
import sys

from engine.cli.stories import checked_story, story_dir
from engine.i18n import LANGUAGE_CODE


def run_template(args: argparse.Namespace) -> int:
    """Write the strings the translation into ``--lang`` still needs (all of them with ``--all``)."""
    from engine.story.languages import available_languages
    from engine.story.locale import load_translation, template

    lang = getattr(args, "lang", None)
    if lang is None or not LANGUAGE_CODE.fullmatch(lang) or lang == "en":
        print(
            "kalbajar translation-template: error: name the language to translate into, as --lang ru "
            "(a code of two or three lower-case letters, not en)",
            file=sys.stderr,
        )
        return 2
    folder = story_dir(args)
    story = checked_story(folder, "translation-template")
    if story is None:
        return 1
    translation = load_translation(folder, lang) if lang in available_languages(folder) else None
    text = template(story, lang, translation, everything=args.all)
    if args.output is None:
        sys.stdout.write(text)
        return 0
    if args.output.exists():
        print(
            f"kalbajar translation-template: error: {args.output} exists; the template never writes over a "
            "file (it may hold a translator's work)",
            file=sys.stderr,
        )
        return 1
    try:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(text, encoding="utf-8")
    except OSError as exc:
        print(f"kalbajar translation-template: cannot write {args.output}: {exc.strerror}", file=sys.stderr)
        return 1
    print(f"kalbajar translation-template: wrote {args.output}", file=sys.stderr)
    return 0
