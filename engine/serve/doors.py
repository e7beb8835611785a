"""Who may come in, and how much they may ask: the checks ``kalbajar serve`` makes at its door.

Plain functions and one frozen dataclass, with no web server in them, so each
rule can be tested on its own and read in one place:

- a request must name this server in its ``Host`` header (a page that rebinds
  its own name to 127.0.0.1 cannot reach the readers);
- a websocket must come from this server's own page (its ``Origin``), or carry
  the token printed at start (for a page served from elsewhere, behind a proxy);
- each browser is known by a random cookie, and reads in a folder of its own
  named by the cookie's hash, so no browser reads or overwrites another's
  readings, and the folder's name does not give the cookie away;
- terminal sizes are held to ``MAX_COLUMNS`` × ``MAX_ROWS``.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import re
import secrets
from dataclasses import dataclass
from pathlib import Path

MAX_COLUMNS, MAX_ROWS = 400, 200
"""The largest terminal a page may ask for: a 20000×20000 one would have each reader paint 400 million cells."""
MAX_MESSAGE = 64 * 1024
"""The largest websocket message taken from a page: a key, a paste or a resize is far smaller."""
COOKIE = "kalbajar-browser"
"""The cookie that tells one browser's readings from another's."""
BROWSERS = "_browsers"
"""The folder of the save directory holding one folder per browser (no story's name begins with '_')."""

_BROWSER_ID = re.compile(r"[A-Za-z0-9_-]{43}")
"""What ``new_browser_id`` makes: 32 random bytes, URL-safe base64 without padding."""
_WILDCARD = {"", "0", "0.0.0.0", "::"}


def is_loopback(host: str) -> bool:
    """Whether ``host`` is reachable only from this machine."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def authority(host: str, port: int) -> str:
    """``host:port`` as a ``Host`` header or a URL writes it; an IPv6 address needs its brackets."""
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def new_browser_id() -> str:
    """A fresh browser's cookie: unguessable, so one browser cannot name another's folder."""
    return secrets.token_urlsafe(32)


def browser_id(cookie: str | None) -> str | None:
    """The cookie's value if it is one this server could have made, else None."""
    return cookie if cookie is not None and _BROWSER_ID.fullmatch(cookie) else None


def browser_folder(save_dir: Path, browser: str) -> Path:
    """Where one browser's readings are kept: ``_browsers/<sha256 of its cookie>``."""
    return save_dir / BROWSERS / hashlib.sha256(browser.encode("ascii")).hexdigest()


def terminal_size(width: object, height: object) -> tuple[int, int]:
    """A size a page asked for, as whole cells between 1×1 and ``MAX_COLUMNS`` × ``MAX_ROWS``.

    Anything that is not a number (or is a bool) is the usual 80×24.
    """

    def cells(value: object, default: int, most: int) -> int:
        if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= 6:
            value = int(value)
        if not isinstance(value, int) or isinstance(value, bool):
            return default
        return max(1, min(value, most))

    return cells(width, 80, MAX_COLUMNS), cells(height, 24, MAX_ROWS)


@dataclass(frozen=True)
class Doors:
    """The server's address and token, and what they let in."""

    host: str
    port: int
    token: str
    """Lets a websocket in whatever its origin (printed at start, for a page served through a proxy)."""

    def hosts(self) -> frozenset[str] | None:
        """The ``Host`` headers that name this server; None when it listens on every address.

        On a wildcard address the server cannot know which of the machine's names a browser used,
        so any ``Host`` is taken, and a websocket must still come from the page of that same host.
        """
        if self.host in _WILDCARD:
            return None
        names = {self.host}
        if is_loopback(self.host):
            names |= {"localhost", "127.0.0.1", "::1"}
        return frozenset(authority(name, self.port) for name in names)

    def host_allowed(self, host: str | None) -> bool:
        allowed = self.hosts()
        return bool(host) and (allowed is None or host in allowed)

    def token_matches(self, given: str | None) -> bool:
        return given is not None and hmac.compare_digest(given.encode("utf-8", "replace"), self.token.encode("utf-8"))

    def websocket_allowed(self, host: str | None, origin: str | None, token: str | None) -> bool:
        """A websocket from this server's own page (its origin is the host it asked), or with the token."""
        if self.token_matches(token):
            return True
        return self.host_allowed(host) and origin is not None and origin == f"http://{host}"
