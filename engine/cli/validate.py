"""``kalbajar validate``: every problem of a story at once, then its statistics."""

from __future__ import annotations

import argparse
import sys

from engine.cli.stories import story_dir
from engine.story.diagnostics import format_json, format_text
from engine.story.lint import lint
from engine.story.load import load_story


def run_validate(args: argparse.Namespace) -> int:
    """0 when clean, 1 on errors (or warnings with --strict), 2 when the folder is not a folder."""
    folder = story_dir(args)
    try:
        is_folder = folder.is_dir()
    except OSError as exc:  # a name too long for the file system, a loop of links
        print(f"kalbajar validate: error: cannot read {folder}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    if not is_folder:
        print(f"kalbajar validate: error: {folder} is not a folder", file=sys.stderr)
        return 2
    report = lint(load_story(folder))
    failing = report.errors + (report.warnings if args.strict else [])
    stats = report.statistics.as_dict() if report.statistics else {}
    if args.format == "json":
        print(format_json(report.diagnostics, stats))
    else:
        if report.diagnostics:
            print(format_text(report.diagnostics))
        counts = f"{_count(len(report.errors), 'error')}, {_count(len(report.warnings), 'warning')}"
        summary = report.statistics.as_text() if report.statistics else "no statistics: the story did not load"
        print(f"{folder}: {counts}\n{summary}")
    return 1 if failing else 0


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
