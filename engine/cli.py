"""The ``kalbajar`` command: play the story, or check, test and export it.

Every subcommand takes ``--story DIR`` (default: the bundled story), so an
author can write, check and play a story of their own with the same tools.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the rest is imported where it is used: starting the reader is a budget
    from engine.story.cover import Cover
    from engine.story.diagnostics import Diagnostic
    from engine.story.model import Story


def main(argv: list[str] | None = None) -> int:
    if isinstance(sys.stdout, io.TextIOWrapper):  # a locale that cannot hold '“' must not end validate
        sys.stdout.reconfigure(errors="replace")
    parser = _parser()
    args = parser.parse_args(argv)
    command = getattr(args, "run", _play)
    try:
        return command(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader closed the pipe (| head): nothing more to say
        sys.stderr.close()
        return 0


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--story", metavar="DIR", type=Path, default=argparse.SUPPRESS,
                        help="a story folder (default: the bundled story)")
    parser = argparse.ArgumentParser(
        prog="kalbajar", parents=[common],
        description="Kalbajar 1993: an interactive history of the battle, for the terminal.")
    parser.add_argument("--plain", action="store_true",
                        help="read line by line (for screen readers and pipes); chosen when output is not a terminal")
    parser.add_argument("--save-dir", metavar="DIR", type=Path,
                        help="where the autosave lives (default: your state directory)")
    parser.add_argument("--new", action="store_true", help="start a new reading instead of continuing")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    validate = commands.add_parser("validate", parents=[common], help="check a story and print its statistics",
                                   description="Check a story folder: every problem at once, then statistics.")
    validate.add_argument("story_dir", nargs="?", metavar="STORY_DIR", type=Path, help="the story folder")
    validate.add_argument("--strict", action="store_true", help="treat warnings as errors")
    validate.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    validate.set_defaults(run=_validate)

    randomtest = commands.add_parser("randomtest", parents=[common], help="play the story at random, many times",
                                     description="Seeded, repeatable random playthroughs of the story.")
    randomtest.add_argument("-n", "--walks", type=int, default=10_000, help="how many walks (default 10000)")
    randomtest.add_argument("--seed", type=int, default=0, help="the first walk's seed (default 0)")
    randomtest.set_defaults(run=_lazy("engine.reading.randomtest", "run_randomtest"))

    export = commands.add_parser("export", parents=[common], help="write a reading edition of the whole story",
                                 description="A reading edition: every scene once, panels and glossary as appendices.")
    export.add_argument("--format", choices=("markdown", "html"), default="markdown")
    export.add_argument("-o", "--output", type=Path, help="the file to write (default: standard output)")
    export.set_defaults(run=_lazy("engine.export", "run_export"))

    graph = commands.add_parser("graph", parents=[common], help="write the scene graph",
                                description="The scene graph, grouped by phase and coloured by thread.")
    graph.add_argument("--format", choices=("dot", "mermaid"), default="dot")
    graph.add_argument("-o", "--output", type=Path, help="the file to write (default: standard output)")
    graph.set_defaults(run=_lazy("engine.export", "run_graph"))

    serve = commands.add_parser("serve", parents=[common], help="play in a web browser",
                                description="Serve the Textual reader to a web browser (loopback by default).")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.set_defaults(run=_lazy("engine.serve", "run_serve"))
    return parser


def _lazy(module: str, function: str):  # type: ignore[no-untyped-def]
    """Import a subcommand only when it runs, so starting the reader stays fast."""

    def run(args: argparse.Namespace) -> int:
        from importlib import import_module

        return int(getattr(import_module(module), function)(args))

    return run


def story_dir(args: argparse.Namespace) -> Path:
    from engine.story.bundled import bundled_story_dir

    chosen = getattr(args, "story_dir", None) or getattr(args, "story", None)
    return Path(chosen) if chosen else bundled_story_dir()


def _validate(args: argparse.Namespace) -> int:
    from engine.story.diagnostics import format_json, format_text
    from engine.story.lint import lint
    from engine.story.load import load_story

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


def checked_story(args: argparse.Namespace, command: str = "") -> Story | None:
    """The chosen story, or None after saying why not: reading or exporting a broken story would mislead."""
    from engine.story.lint import load_checked

    folder = story_dir(args)
    story, errors = load_checked(folder)
    if story is None:
        _refuse(folder, errors, command)
    return story


def _refuse(folder: Path, errors: list[Diagnostic], command: str) -> None:
    from engine.story.diagnostics import format_text

    if errors:
        print(format_text(errors), file=sys.stderr)
    name = f"kalbajar {command}".strip()
    print(f"{name}: the story in {folder} has errors; run 'kalbajar validate' for details", file=sys.stderr)


def play_in_terminal(folder: Path, save_dir: Path, *, fresh: bool = False, command: str = "") -> int:
    """The Textual reader on the story in ``folder``.

    When story.yaml gives a cover, the title screen shows it at once and the
    story loads behind it; a story found broken then closes the reader and is
    reported here, just as if it had been checked first.
    """
    from engine.story.cover import read_cover
    from engine.tui.app import KalbajarApp

    opening: Story | Cover | None = read_cover(folder)
    if opening is None:  # story.yaml itself is in doubt: check everything before drawing anything
        opening = checked_story(argparse.Namespace(story=folder), command)
        if opening is None:
            return 1
    app = KalbajarApp(opening, save_dir, fresh=fresh)
    app.run()
    if app.story_errors:
        _refuse(folder, app.story_errors, command)
        return 1
    return app.return_code or 0


def _play(args: argparse.Namespace) -> int:
    from engine.reading.save_location import default_save_dir

    save_dir = args.save_dir or default_save_dir()
    if args.plain or not (sys.stdin.isatty() and sys.stdout.isatty()):
        from engine.plain import run_plain

        story = checked_story(args)
        return 1 if story is None else run_plain(story, save_dir, fresh=args.new)
    return play_in_terminal(story_dir(args), save_dir, fresh=args.new)
