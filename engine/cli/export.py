"""``kalbajar export`` and ``kalbajar graph``: the reading edition, and the scene graph."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from engine.cli.stories import checked_story, localised, reading_language, story_dir
from engine.i18n import _
from engine.story.model import Story


def run_export(args: argparse.Namespace) -> int:
    """The whole story as one Markdown or HTML file, in the language of ``--lang``."""
    story = _story(args, "export")
    if not isinstance(story, Story):
        return story
    if args.format == "html":
        from engine.export.html import render_html

        return _write(render_html(story), args.output)
    from engine.export.markdown import render_markdown

    return _write(render_markdown(story), args.output)


def run_graph(args: argparse.Namespace) -> int:
    """The scene graph as Graphviz DOT or Mermaid, its labels in the language of ``--lang``."""
    story = _story(args, "graph")
    if not isinstance(story, Story):
        return story
    from engine.export.graph import render_dot, render_mermaid

    return _write(render_dot(story) if args.format == "dot" else render_mermaid(story), args.output)


def _story(args: argparse.Namespace, command: str) -> Story | int:
    """The checked story in the language asked for, or the exit status that says why not."""
    folder = story_dir(args)
    lang = reading_language(args, folder, command)
    if lang is None:
        return 2
    english = checked_story(folder, command)
    return 1 if english is None else localised(english, lang, command)


def _write(text: str, output: Path | None) -> int:
    """Write the document as UTF-8, to a file or to standard output alike.

    Not in the locale's encoding: under ISO-8859-1 an en dash raised
    UnicodeEncodeError, and the HTML says it is UTF-8 whatever the terminal.
    """
    if output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(text.encode("utf-8"))
        sys.stdout.buffer.flush()
        return 0
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        print(_("kalbajar: cannot write {file}: {reason}").format(file=output, reason=exc.strerror), file=sys.stderr)
        return 1
    return 0
