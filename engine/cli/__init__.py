"""The ``kalbajar`` command: read the story, or check, test, export and serve it.

Every subcommand takes ``--story DIR`` (default: the bundled story), so an
author can write, check and read a story of their own with the same tools.
Each subcommand lives in a module of its own, imported only when it runs:
starting the reader is a budget.

``--lang`` chooses the language of both the story and the interface; without
it, the system's language is used where the story has a translation into it.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

from engine.i18n import SOURCE_LANGUAGE, _, interface_languages, system_language, use_language


def main(argv: list[str] | None = None) -> int:
    if isinstance(sys.stdout, io.TextIOWrapper):  # a locale that cannot hold '“' must not end a command
        sys.stdout.reconfigure(errors="replace")
    _speak(sys.argv[1:] if argv is None else argv)
    args = _parser().parse_args(argv)
    try:
        return int(args.run(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader closed the pipe (| head): nothing more to say
        sys.stderr.close()
        return 0


def _speak(argv: list[str]) -> None:
    """The interface's language before the arguments are parsed, so that help and usage errors are in it too.

    A command that reads the story settles the language again once it knows
    which translations the story has.
    """
    wanted = None
    for n, arg in enumerate(argv):
        if arg == "--lang" and n + 1 < len(argv):
            wanted = argv[n + 1]
        elif arg.startswith("--lang="):
            wanted = arg.partition("=")[2]
    wanted = wanted or system_language()
    use_language(wanted if wanted and wanted in interface_languages() else SOURCE_LANGUAGE)


def _read(args: argparse.Namespace) -> int:
    from engine.cli.read import run_read

    return run_read(args)


def _validate(args: argparse.Namespace) -> int:
    from engine.cli.validate import run_validate

    return run_validate(args)


def _randomtest(args: argparse.Namespace) -> int:
    from engine.cli.randomtest import run_randomtest

    return run_randomtest(args)


def _export(args: argparse.Namespace) -> int:
    from engine.cli.export import run_export

    return run_export(args)


def _graph(args: argparse.Namespace) -> int:
    from engine.cli.export import run_graph

    return run_graph(args)


def _template(args: argparse.Namespace) -> int:
    from engine.cli.translation import run_template

    return run_template(args)


def _readers(text: str) -> int:
    """``--max-readers``: from 1 to 256, each reader being a process of its own."""
    try:
        number = int(text)
    except ValueError:
        number = 0
    if not 1 <= number <= 256:
        raise argparse.ArgumentTypeError(_("give a number of readers from 1 to 256"))
    return number


def _serve(args: argparse.Namespace) -> int:
    from engine.cli.serve import run_serve

    return run_serve(args)


def _parser() -> argparse.ArgumentParser:
    # Options every command takes, before or after its name; SUPPRESS keeps a subcommand's
    # default from overwriting what was given before the subcommand.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--story",
        metavar="DIR",
        type=Path,
        default=argparse.SUPPRESS,
        help=_("a story folder (default: the bundled story)"),
    )
    common.add_argument(
        "--save-dir",
        metavar="DIR",
        type=Path,
        default=argparse.SUPPRESS,
        help=_("where readings are kept (default: your state directory)"),
    )
    common.add_argument(
        "--lang",
        metavar="LANG",
        default=argparse.SUPPRESS,
        help=_(
            "the language: en, or one the story is translated into, such as ru, az or hy "
            "(default: the system's language if the story has it, else English)"
        ),
    )
    parser = argparse.ArgumentParser(
        prog="kalbajar",
        parents=[common],
        description=_("Kalbajar 1993: an interactive history of the battle, for the terminal."),
    )
    parser.add_argument(
        "--plain",
        action="store_true",
        help=_("read line by line (for screen readers and pipes); chosen when output is not a terminal"),
    )
    parser.add_argument("--tui", action="store_true", help=argparse.SUPPRESS)  # the reader behind `serve`
    parser.add_argument("--new", action="store_true", help=_("begin a new reading (earlier readings are kept)"))
    parser.add_argument("--reading", metavar="N", type=int, help=_("continue the kept reading number N"))
    parser.set_defaults(run=_read)
    commands = parser.add_subparsers(title=_("commands"), metavar="COMMAND")

    validate = commands.add_parser(
        "validate",
        parents=[common],
        help=_("check a story and print its statistics"),
        description=_(
            "Check a story folder: every problem at once, then statistics. "
            "With --lang, check its translation into that language too."
        ),
    )
    validate.add_argument("story_dir", nargs="?", metavar="STORY_DIR", type=Path, help=_("the story folder"))
    validate.add_argument("--strict", action="store_true", help=_("treat warnings as errors"))
    validate.add_argument("--format", choices=("text", "json"), default="text", help=_("output format"))
    validate.set_defaults(run=_validate)

    template = commands.add_parser(
        "translation-template",
        parents=[common],
        help=_("write the strings a translation still needs, as YAML"),
        description=_(
            "A translator's starting file: every string of the story the translation into --lang does "
            "not have yet, with its English and its fingerprint. Save it in the story's locales/LANG/ "
            "folder and fill in each text."
        ),
    )
    template.add_argument("--all", action="store_true", help=_("every string, translated or not"))
    template.add_argument("-o", "--output", type=Path, help=_("the file to write (default: standard output)"))
    template.set_defaults(run=_template)

    randomtest = commands.add_parser(
        "randomtest",
        parents=[common],
        help=_("read the story at random, many times"),
        description=_("Seeded, repeatable random readings of the story."),
    )
    randomtest.add_argument("-n", "--walks", type=int, default=10_000, help=_("how many walks (default 10000)"))
    randomtest.add_argument("--seed", type=int, default=0, help=_("the first walk's seed (default 0)"))
    randomtest.set_defaults(run=_randomtest)

    export = commands.add_parser(
        "export",
        parents=[common],
        help=_("write a reading edition of the whole story"),
        description=_("A reading edition: every scene once, panels and glossary as appendices."),
    )
    export.add_argument("--format", choices=("markdown", "html"), default="markdown")
    export.add_argument("-o", "--output", type=Path, help=_("the file to write (default: standard output)"))
    export.set_defaults(run=_export)

    graph = commands.add_parser(
        "graph",
        parents=[common],
        help=_("write the scene graph"),
        description=_("The scene graph, grouped by phase and coloured by thread."),
    )
    graph.add_argument("--format", choices=("dot", "mermaid"), default="dot")
    graph.add_argument("-o", "--output", type=Path, help=_("the file to write (default: standard output)"))
    graph.set_defaults(run=_graph)

    serve = commands.add_parser(
        "serve",
        parents=[common],
        help=_("read in a web browser"),
        description=_("Serve the Textual reader to a web browser (loopback by default)."),
    )
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument(
        "--max-readers",
        metavar="N",
        type=_readers,
        default=8,
        help=_("readers at once; the next is asked to come back later (default 8)"),
    )
    serve.set_defaults(run=_serve)
    return parser
