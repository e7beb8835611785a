"""``kalbajar randomtest``: seeded random readings, with the share of readings that reach each scene."""

from __future__ import annotations

import argparse
import sys

from engine.cli.stories import story_dir
from engine.reading.randomtest import run_walks
from engine.story.diagnostics import format_text
from engine.story.lint import lint
from engine.story.load import load_story


def run_randomtest(args: argparse.Namespace) -> int:
    """0 when every walk ended well and every scene was reached, else 1 (2 for bad usage)."""
    folder = story_dir(args)
    if args.walks < 1:
        print("kalbajar randomtest: error: --walks must be at least 1", file=sys.stderr)
        return 2
    result = load_story(folder)
    errors = lint(result).errors
    story = result.story
    if story is None or story.start not in story.scenes:
        print(format_text(errors))
        print(f"kalbajar randomtest: the story in {folder} cannot be read")
        return 1
    report = run_walks(story, args.walks, args.seed)
    print(report.as_text(folder))
    if errors:
        print(f"the story also has {len(errors)} errors: run 'kalbajar validate --story {folder}'")
    return 0 if report.ok and not errors else 1
