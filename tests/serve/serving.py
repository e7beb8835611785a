"""Running ``kalbajar serve`` for a test: a free loopback port, a wait for the page, a clean stop.

A plain module (not conftest) so the tests can import its names.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import aiohttp
import pytest

EXAMPLE = Path(__file__).parents[1] / "fixtures" / "stories" / "example"


@dataclass
class RunningServer:
    url: str
    process: subprocess.Popen[bytes]
    log: Path

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    @property
    def origin(self) -> str:
        return self.url.rstrip("/")

    @property
    def websocket(self) -> str:
        return "ws" + self.origin.removeprefix("http") + "/ws"

    def token(self) -> str:
        """The token the server printed at start."""
        found = re.search(r"\?token=([A-Za-z0-9_-]+)", self.output())
        assert found, self.output()
        return found.group(1)

    def readers(self) -> list[list[str]]:
        """The command lines of the reader processes this server started (found under /proc)."""
        found = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                words = entry.joinpath("cmdline").read_bytes().decode("utf-8", "replace").split("\0")
                if "--tui" in words and os.getsid(int(entry.name)) == self.process.pid:
                    found.append(words)
            except OSError:  # gone meanwhile
                continue
        return found

    def reader_environment(self, words: list[str]) -> dict[str, str]:
        pid = next(
            int(e.name)
            for e in Path("/proc").iterdir()
            if e.name.isdigit() and e.joinpath("cmdline").read_bytes().decode("utf-8", "replace").split("\0") == words
        )
        pairs = Path(f"/proc/{pid}/environ").read_bytes().decode("utf-8", "replace").split("\0")
        return dict(pair.split("=", 1) for pair in pairs if "=" in pair)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for_page(server: RunningServer, attempts: int = 300) -> str:
    """The index page, once the server answers (or the test fails with the server's output)."""
    for _ in range(attempts):
        if server.process.poll() is not None:
            pytest.fail(f"the server exited with {server.process.returncode}:\n{server.output()}")
        try:
            with urllib.request.urlopen(server.url, timeout=5) as response:
                return response.read().decode("utf-8")
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.1)
    pytest.fail(f"the server did not answer:\n{server.output()}")


@contextmanager
def serving(story: Path, log: Path, *options: str) -> Iterator[RunningServer]:
    """``kalbajar serve`` on ``story``; its readers inherit this process's environment (the state directory)."""
    port = free_port()
    with log.open("wb") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "engine", "serve", "--story", str(story), "--port", str(port), *options],
            stdout=sink,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    server = RunningServer(f"http://127.0.0.1:{port}/", process, log)
    try:
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)  # its own session: the server and the readers it started
            process.wait()


class Tab:
    """One browser tab speaking textual-serve's protocol: keys in, the screen's bytes out."""

    def __init__(self, websocket: aiohttp.ClientWebSocketResponse) -> None:
        self.websocket = websocket
        self.screen = bytearray()
        """Every byte the reader has painted so far."""
        self.closed: tuple[int | None, str] | None = None
        """The close code and message, once the server has closed."""

    async def press(self, keys: str) -> None:
        await self.websocket.send_str(json.dumps(["stdin", keys]))

    async def read_until(self, found: Callable[[], bool], attempts: int = 600) -> None:
        """Read the screen until ``found()`` holds or the server closes (bounded: ``attempts`` quiet reads)."""
        for _ in range(attempts):
            if found():
                return
            try:
                message = await self.websocket.receive(timeout=0.1)
            except TimeoutError:
                continue
            if message.type == aiohttp.WSMsgType.BINARY:
                self.screen += message.data
            elif message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.CLOSING):
                self.closed = (self.websocket.close_code, str(message.extra or ""))
                return
        pytest.fail(f"never happened; the screen so far:\n{self.text()[-2000:]}")

    def text(self) -> str:
        """The painted text without escape sequences or white space (a toast's lines run on)."""
        plain = re.sub(
            r"\x1b(\[[0-9;?<>=$]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|P[^\x1b]*\x1b\\|.)",
            "",
            self.screen.decode("utf-8", "replace"),
        )
        return re.sub(r"\s+", "", plain)

    async def sees(self, text: str) -> None:
        wanted = re.sub(r"\s+", "", text)
        await self.read_until(lambda: wanted in self.text())
        assert wanted in self.text(), f"the tab closed ({self.closed}) before {text!r} showed"


def browser(server: RunningServer) -> aiohttp.ClientSession:
    """A browser's cookie jar (cookies for an IP address kept, as browsers keep them)."""
    return aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))


async def open_tab(
    session: aiohttp.ClientSession,
    server: RunningServer,
    *,
    path: str = "/ws",
    origin: str | None = "",
    query: str = "width=100&height=40",
    page: bool = True,
) -> Tab:
    """Load the page (for the cookie, as a browser does), then open its websocket from ``origin``."""
    if page:
        async with session.get(server.url) as response:
            assert response.status == 200, await response.text()
    url = server.origin.replace("http", "ws", 1) + path + "?" + query
    return Tab(await session.ws_connect(url, origin=server.origin if origin == "" else origin))


def run(coroutine: Awaitable[None]) -> None:
    asyncio.run(asyncio.wait_for(coroutine, 300))  # a guard against a hung test, not a timing
