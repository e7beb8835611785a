"""Reading in a web browser: the Textual reader, served by textual-serve.

``kalbajar serve`` runs a small web server (on loopback unless told
otherwise); each browser tab that opens it starts its own reader process,
``python -m engine.serve --story DIR``, whose screen textual-serve carries to
the page.  That process runs the Textual reader directly: ``kalbajar``
itself would choose the plain reader, since its output is a pipe here.
"""

from __future__ import annotations

import argparse
import ipaddress
import re
import shlex
import sys
import tempfile
from pathlib import Path



def reader_command(story: Path, save_dir: Path | None = None) -> str:
    """The shell command textual-serve runs for each browser tab; every part is quoted."""
    parts = [sys.executable, "-m", "engine.serve", "--story", str(story)]
    if save_dir is not None:
        parts += ["--save-dir", str(save_dir)]
    return shlex.join(parts)


_WEB_FONT = re.compile(r'\s*<link\s+rel="stylesheet"\s+href="https://fonts\.googleapis\.com/[^"]*"\s*/>')


def offline_templates(folder: Path) -> Path:
    """textual-serve's page without its web-font link, so the page asks nothing of any other host.

    The page names local monospace fonts after the web font, so it reads the same offline.
    """
    import textual_serve

    page = (Path(textual_serve.__file__).parent / "templates" / "app_index.html").read_text(encoding="utf-8")
    (folder / "app_index.html").write_text(_WEB_FONT.sub("", page), encoding="utf-8")
    return folder


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def public_url(host: str, port: int) -> str:
    """The address the page's websocket connects to; an IPv6 address needs its brackets."""
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


def run_serve(args: argparse.Namespace) -> int:
    """``kalbajar serve``: check the story, then serve the reader until interrupted."""
    from engine.cli import checked_story, story_dir

    folder = story_dir(args).resolve()
    story = checked_story(args, "serve")
    if story is None:
        return 1
    if not is_loopback(args.host):
        print(f"kalbajar serve: warning: {args.host} is not a loopback address, so anyone who can reach it "
              "can open the reader; every tab shares one autosave.", file=sys.stderr)
    save_dir = getattr(args, "save_dir", None)
    from textual_serve.server import Server

    templates = tempfile.TemporaryDirectory(prefix="kalbajar-serve-")
    server = Server(reader_command(folder, save_dir.resolve() if save_dir else None),
                    host=args.host, port=args.port, title=story.title,
                    public_url=public_url(args.host, args.port),
                    templates_path=offline_templates(Path(templates.name)))
    try:
        server.serve()
    except OSError as exc:  # the port is taken, or the address is not this machine's
        print(f"kalbajar serve: cannot listen on {args.host}:{args.port}: {exc.strerror or exc}",
              file=sys.stderr)
        return 1
    finally:
        templates.cleanup()
    return 0


def run_reader(argv: list[str] | None = None) -> int:
    """The process behind one browser tab: the Textual reader on the story given."""
    parser = argparse.ArgumentParser(prog="python -m engine.serve")
    parser.add_argument("--story", type=Path, required=True)
    parser.add_argument("--save-dir", type=Path)
    args = parser.parse_args(argv)
    from engine.cli import play_in_terminal
    from engine.reading.save_location import default_save_dir

    return play_in_terminal(args.story, args.save_dir or default_save_dir(), command="serve")


if __name__ == "__main__":
    sys.exit(run_reader())
