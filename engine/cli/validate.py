"""``kalbajar validate``: every problem of a story (and of its translation) at once, then statistics.

The diagnostics stay in English whatever the interface's language: they are
for authors and translators, who look their codes up in docs/story-format.md.
"""

from __future__ import annotations

import argparse
import sys

from engine.cli.stories import story_dir
from engine.story.diagnostics import format_json, format_text, sort_key
from engine.story.lint import lint
from engine.story.load import load_story


def run_validate(args: argparse.Namespace) -> int:
    """0 when clean, 1 on errors (or warnings with --strict), 2 when the folder or the language is not one."""
    folder = story_dir(args)
    try:
        is_folder = folder.is_dir()
    except OSError as exc:  # a name too long for the file system, a loop of links
        print(f"kalbajar validate: error: cannot read {folder}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    if not is_folder:
        print(f"kalbajar validate: error: {folder} is not a folder", file=sys.stderr)
        return 2
    lang = getattr(args, "lang", None)
    result = load_story(folder)
    report = lint(result)
    diagnostics = report.diagnostics
    translation = None
    if lang is not None and lang != "en":
        from engine.story.languages import available_languages
        from engine.story.locale import check_translation, load_translation

        if lang not in available_languages(folder):
            print(
                f"kalbajar validate: error: the story has no translation into '{lang}' (no folder "
                f"{folder / 'locales' / lang})",
                file=sys.stderr,
            )
            return 2
        if result.story is not None:
            translation = check_translation(result.story, load_translation(folder, lang))
            diagnostics = sorted([*diagnostics, *translation.diagnostics], key=sort_key)
    errors = [d for d in diagnostics if d.severity.value == "error"]
    warnings = [d for d in diagnostics if d.severity.value == "warning"]
    failing = errors + (warnings if args.strict else [])
    stats = report.statistics.as_dict() if report.statistics else {}
    if args.format == "json":
        extra = {"translation": translation.statistics.as_dict()} if translation is not None else {}
        print(format_json(diagnostics, stats, **extra))
    else:
        if diagnostics:
            print(format_text(diagnostics))
        counts = f"{_count(len(errors), 'error')}, {_count(len(warnings), 'warning')}"
        summary = report.statistics.as_text() if report.statistics else "no statistics: the story did not load"
        print(f"{folder}: {counts}\n{summary}")
        if translation is not None:
            print(translation.statistics.as_text())
    return 1 if failing else 0


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
