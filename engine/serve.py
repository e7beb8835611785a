"""Reading in a web browser: the Textual reader, served by textual-serve.

``kalbajar serve`` runs a small web server (on loopback unless told
otherwise); each browser tab that opens it starts its own reader process,
``python -m engine --tui --story DIR``, whose screen textual-serve carries to
the page.  ``--tui`` asks for the Textual reader: without it ``kalbajar``
would choose the plain reader, since its output is a pipe here.
"""

from __future__ import annotations

import ipaddress
import re
import shlex
import sys
import tempfile
from pathlib import Path


def reader_command(story: Path, save_dir: Path) -> str:
    """The shell command textual-serve runs for each browser tab; every part is quoted."""
    return shlex.join([sys.executable, "-m", "engine", "--tui", "--story", str(story), "--save-dir", str(save_dir)])


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


def serve(story: Path, save_dir: Path, *, title: str, host: str, port: int) -> int:
    """Serve the reader on ``host:port`` until interrupted; 1 when the address cannot be used."""
    from textual_serve.server import Server

    with tempfile.TemporaryDirectory(prefix="kalbajar-serve-") as templates:
        server = Server(reader_command(story, save_dir), host=host, port=port, title=title,
                        public_url=public_url(host, port), templates_path=offline_templates(Path(templates)))
        try:
            server.serve()
        except OSError as exc:  # the port is taken, or the address is not this machine's
            print(f"kalbajar serve: cannot listen on {host}:{port}: {exc.strerror or exc}", file=sys.stderr)
            return 1
    return 0
