"""``kalbajar export`` and ``kalbajar graph``: the reading edition, and the scene graph."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from engine.cli.stories import checked_story, story_dir


def run_export(args: argparse.Namespace) -> int:
    """The whole story as one Markdown or HTML file."""
    story = checked_story(story_dir(args), "export")
    if story is None:
        return 1
    if args.format == "html":
        from engine.export.html import render_html

        return _write(render_html(story), args.output)
    from engine.export.markdown import render_markdown

    return _write(render_markdown(story), args.output)


def run_graph(args: argparse.Namespace) -> int:
    """The scene graph as Graphviz DOT or Mermaid."""
    story = checked_story(story_dir(args), "graph")
    if story is None:
        return 1
    from engine.export.graph import render_dot, render_mermaid

    return _write(render_dot(story) if args.format == "dot" else render_mermaid(story), args.output)


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
        print(f"kalbajar: cannot write {output}: {exc.strerror}", file=sys.stderr)
        return 1
    return 0
