"""Reading in a web browser: the Textual reader, its screen carried to the page by textual-serve.

``kalbajar serve`` runs a small web server (on loopback unless told
otherwise); each browser tab that opens it starts its own reader process,
``python -m engine --tui --story DIR --save-dir FOLDER``, where FOLDER is that
browser's own (``doors.browser_folder``).  ``--tui`` asks for the Textual
reader: without it ``kalbajar`` would choose the plain reader, since its
output is a pipe here.  ``doors`` holds the rules of who may come in;
``front`` is the web server that keeps them.
"""

from __future__ import annotations

import secrets
import shlex
import sys
from functools import partial
from pathlib import Path

from engine.serve.doors import Doors, authority, is_loopback

__all__ = ["is_loopback", "reader_command", "serve"]

MAX_READERS = 8
"""Readers at once unless ``--max-readers`` says otherwise: each is a process of its own."""


def reader_command(story: Path, save_dir: Path) -> str:
    """The shell command textual-serve runs for each browser tab; every part is quoted."""
    return shlex.join([sys.executable, "-m", "engine", "--tui", "--story", str(story), "--save-dir", str(save_dir)])


def serve(
    story: Path,
    save_dir: Path,
    *,
    title: str,
    host: str,
    port: int,
    max_readers: int = MAX_READERS,
    token: str | None = None,
) -> int:
    """Serve the reader on ``host:port`` until interrupted; 1 when the address cannot be used.

    Prints the address, and the token that lets a page served from another
    address (through a proxy) open readers; a fresh one at every start unless given.
    """
    import textual_serve

    from engine.serve.front import Front, run

    doors = Doors(host, port, token or secrets.token_urlsafe(24))
    front = Front(
        partial(reader_command, story),
        save_dir,
        title,
        doors,
        max_readers,
        Path(textual_serve.__file__).parent / "static",
    )
    address = f"http://{authority(host, port)}/"
    print(
        f"kalbajar serve: reading {title!r} at {address} (at most {max_readers} readers at once); Ctrl+C stops it.",
        flush=True,
    )
    print(f"kalbajar serve: for a page served from another address, open {address}?token={doors.token}", flush=True)
    try:
        run(front, host, port)
    except OSError as exc:  # the port is taken, or the address is not this machine's
        print(f"kalbajar serve: cannot listen on {host}:{port}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    return 0
