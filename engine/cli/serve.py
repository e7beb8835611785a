"""``kalbajar serve``: the Textual reader in a web browser."""

from __future__ import annotations

import argparse
import sys
from importlib.util import find_spec

from engine.cli.stories import checked_story, save_dir, story_dir


def run_serve(args: argparse.Namespace) -> int:
    """Check the story, then serve the reader until interrupted."""
    if find_spec("textual_serve") is None:
        print(
            "kalbajar serve: reading in a browser needs the 'serve' extra: "
            "uv run --extra serve kalbajar serve (or pip install 'kalbajar[serve]')",
            file=sys.stderr,
        )
        return 2
    folder = story_dir(args).resolve()
    story = checked_story(folder, "serve")
    if story is None:
        return 1
    from engine.serve import is_loopback, serve

    if not is_loopback(args.host):
        print(
            f"kalbajar serve: warning: {args.host} is not a loopback address, so anyone who can reach it "
            "can open the reader (each browser reads in a folder of its own).",
            file=sys.stderr,
        )
    return serve(
        folder,
        save_dir(args).resolve(),
        title=story.title,
        host=args.host,
        port=args.port,
        max_readers=args.max_readers,
    )
