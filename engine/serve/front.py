"""The web server in front of the readers: our own small aiohttp application.

textual-serve's ``Server`` runs one fixed command for every tab and offers no
public hook to check a websocket's origin, count readers, cap messages or give
each browser a folder of its own (its routes are made in a private method).  So
this application does what ``Server`` did, with those rules, and uses only
textual-serve's public parts: ``AppService``, which starts one reader process and
carries its screen (given, here, a command naming that browser's folder), and
the page's scripts and fonts in its ``static`` folder.  The page itself is ours
(``page/``): no inline script, so a strict Content-Security-Policy holds, and the
terminal has the keyboard as soon as it is drawn.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from string import Template

from aiohttp import WSCloseCode, WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.download_manager import DownloadManager

from engine.serve.doors import (
    COOKIE,
    MAX_MESSAGE,
    Doors,
    browser_folder,
    browser_id,
    new_browser_id,
    terminal_size,
)

PAGE = Path(__file__).parent / "page"
"""Our page, its script and its style sheet."""
FULL = "All places are taken: {readers} readers are reading now. Try again later."
"""What the reader after the last place is told, on the page and in the terminal."""
COOKIE_AGE = 400 * 24 * 3600
"""How long a browser keeps its cookie, so its readings (the most browsers allow)."""

log = logging.getLogger("kalbajar.serve")


def headers_for(websocket_url: str) -> dict[str, str]:
    """The security headers on every answer.

    Scripts and fonts come from this server only; xterm.js writes its own
    ``<style>`` elements, so styles may be inline.  The page may not be framed,
    sends no referrer, and may connect only to its own websocket.
    """
    policy = (
        "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        f"font-src 'self'; connect-src 'self' {websocket_url}; base-uri 'none'; form-action 'none'; "
        "frame-ancestors 'none'"
    )
    return {
        "Content-Security-Policy": policy,
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "X-Frame-Options": "DENY",
        "Cross-Origin-Opener-Policy": "same-origin",
        "Cross-Origin-Resource-Policy": "same-origin",
    }


@dataclass
class Front:
    """The readers served: who may come in, how many at once, and where each browser reads."""

    command: Callable[[Path], str]
    """The reader's shell command for a browser's folder of readings."""
    save_dir: Path
    title: str
    doors: Doors
    max_readers: int
    statics: Path
    """textual-serve's static folder: xterm.js and textual.js, the fonts, the background."""
    readers: set[web.WebSocketResponse] = field(default_factory=set)
    """The websockets with a reader behind them; their number is the places taken."""

    def application(self) -> web.Application:
        app = web.Application(client_max_size=MAX_MESSAGE)
        app.add_routes(
            [
                web.get("/", self.page),
                web.get("/ws", self.websocket),
                web.get("/ws/{token}", self.websocket),
                web.static("/static", self.statics, show_index=False, follow_symlinks=False),
                web.static("/page", PAGE, show_index=False, follow_symlinks=False),
            ]
        )
        app.on_response_prepare.append(self._secure)
        app.on_shutdown.append(self._close_readers)
        return app

    async def _secure(self, request: web.Request, response: web.StreamResponse) -> None:
        websocket = f"ws://{request.host}" if self.doors.host_allowed(request.host) else ""
        response.headers.update(headers_for(websocket))

    async def _close_readers(self, app: web.Application) -> None:
        """On shutdown: each reader is told to quit (its websocket's handler stops it)."""
        await asyncio.gather(
            *(ws.close(code=WSCloseCode.GOING_AWAY, message=b"the server is stopping") for ws in list(self.readers)),
            return_exceptions=True,
        )

    def full(self) -> bool:
        return len(self.readers) >= self.max_readers

    async def page(self, request: web.Request) -> web.Response:
        """The page, with a cookie for a browser new to this server; a clear page when every place is taken."""
        token = request.query.get("token")
        with_token = self.doors.token_matches(token)
        if not (with_token or self.doors.host_allowed(request.host)):
            raise web.HTTPForbidden(text="This server does not answer to that name.")
        if self.full():
            response = web.Response(
                status=503,
                text=self._render("full.html", message=escape(self._full_text())),
                content_type="text/html",
                headers={"Retry-After": "60"},
            )
        else:
            websocket = f"ws://{request.host}/ws" + (f"/{token}" if with_token else "")
            response = web.Response(
                text=self._render("index.html", websocket=escape(websocket, quote=True)), content_type="text/html"
            )
        response.headers["Cache-Control"] = "no-store"
        if browser_id(request.cookies.get(COOKIE)) is None:
            response.set_cookie(
                COOKIE, new_browser_id(), max_age=COOKIE_AGE, path="/", httponly=True, samesite="Strict"
            )
        return response

    def _render(self, name: str, **values: str) -> str:
        return Template((PAGE / name).read_text(encoding="utf-8")).substitute(title=escape(self.title), **values)

    def _full_text(self) -> str:
        return FULL.format(readers=self.max_readers)

    async def websocket(self, request: web.Request) -> web.StreamResponse:
        """One reader for one tab: from this server's page (or with the token), with a place, and a cookie."""
        if not self.doors.websocket_allowed(
            request.host, request.headers.get("Origin"), request.match_info.get("token")
        ):
            raise web.HTTPForbidden(text="A reader opens only from this server's own page.")
        browser = browser_id(request.cookies.get(COOKIE))
        if browser is None:
            raise web.HTTPForbidden(text="Open the page first: it gives this browser its own readings.")
        width, height = terminal_size(request.query.get("width"), request.query.get("height"))
        websocket = web.WebSocketResponse(heartbeat=15, max_msg_size=MAX_MESSAGE)
        await websocket.prepare(request)
        if self.full():
            await self._refuse(websocket)
            return websocket
        self.readers.add(websocket)  # no await since full(): the count and the place taken are one step
        try:
            folder = browser_folder(self.save_dir, browser)
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            await self._read(websocket, self.command(folder), width, height)
        except OSError as error:
            log.error("kalbajar serve: a reader could not start: %s", error)
        finally:
            self.readers.discard(websocket)
        return websocket

    async def _refuse(self, websocket: web.WebSocketResponse) -> None:
        """Say so in the terminal (the page shows it), then close with 1013, "try again later"."""
        text = self._full_text()
        await websocket.send_bytes(f"\r\n\x1b[1m  {text}\x1b[0m\r\n".encode())
        await websocket.close(code=WSCloseCode.TRY_AGAIN_LATER, message=text.encode("utf-8")[:120])

    async def _read(self, websocket: web.WebSocketResponse, command: str, width: int, height: int) -> None:
        async def close() -> None:  # the reader has quit: so does the tab
            await websocket.close()

        service = AppService(
            command,
            write_bytes=websocket.send_bytes,
            write_str=websocket.send_str,
            close=close,
            download_manager=DownloadManager(),
        )
        await service.start(width, height)
        try:
            async for message in websocket:
                if message.type == WSMsgType.TEXT:
                    await self._take(websocket, service, message.data)
        finally:
            await service.stop()

    async def _take(self, websocket: web.WebSocketResponse, service: AppService, data: str) -> None:
        """One message from the page, in textual-serve's protocol; anything else is dropped."""
        try:
            envelope = json.loads(data)
        except ValueError:
            return
        if not isinstance(envelope, list) or not envelope:
            return
        kind, body = envelope[0], envelope[1] if len(envelope) > 1 else None
        if kind == "stdin" and isinstance(body, str):
            await service.send_bytes(body.encode("utf-8", "replace"))
        elif kind == "resize" and isinstance(body, dict):
            await service.set_terminal_size(*terminal_size(body.get("width"), body.get("height")))
        elif kind == "ping" and isinstance(body, str) and len(body) <= 32:
            await websocket.send_json(["pong", body])
        elif kind == "focus":
            await service.focus()
        elif kind == "blur":
            await service.blur()


def run(front: Front, host: str, port: int) -> None:
    """Serve until SIGINT or SIGTERM; OSError when the address cannot be used."""
    logging.basicConfig(level="WARNING", format="%(message)s")
    web.run_app(front.application(), host=host or None, port=port, print=None, access_log=None, shutdown_timeout=10)
