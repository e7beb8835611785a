"""``kalbajar serve`` under load: eight readers at once on loopback, their memory and their choices' latency.

A real server (``python -m engine serve``) in a private state directory; eight
websocket clients speaking textual-serve's protocol as the page does (the page
first, for the cookie; then the websocket, from the page's origin).  Each opens
the title screen, begins a new reading and takes the first choice ``--choices``
times, all eight at once.

- latency: a key sent to a *settled* screen, as in ``tui_budget.py``: the last
  byte the key caused, once nothing more has arrived for 120 ms (a key that
  changes nothing within 5 s ends that reader's walk: an ending, say);
- memory: RSS and PSS (``/proc/PID/smaps_rollup``) of each reader process, with
  eight of them reading (PSS shares the interpreter's pages fairly among them);
- load: the machine's load average and cores, before and after.

It stops by itself: every wait is bounded, and the whole run is at most
``--limit`` seconds.  Run: ``uv run --dev python benchmarks/serve_load.py``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
STORY = ROOT / "story"
SIZE = (120, 40)
SETTLED = 0.12
"""A screen is settled when nothing more has arrived for this long."""
NOTHING = 5.0
"""A key that has caused nothing for this long changed nothing."""
CONTENT_NOTE = b"cContinuesSummaryinstead"
"""The footer of a content note, which asks before a hard scene (c reads it, s gives a summary)."""
ESCAPES = re.compile(
    rb"\x1b\[[0-9;?<>=$ ]*[A-Za-z@`~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"
    rb"|\x1b[()][A-Za-z0-9]|\x1b[=>78]"
)


@dataclass
class Reader:
    """One tab: its websocket, and how long each of its choices took to settle."""

    websocket: aiohttp.ClientWebSocketResponse
    latencies: list[float] = field(default_factory=list)

    async def settle(self) -> tuple[float | None, bytes]:
        """Read until quiet; the time of the last byte (None if nothing came) and what came."""
        last, got = None, bytearray()
        wait = NOTHING
        while True:
            try:
                message = await self.websocket.receive(timeout=wait)  # also answers the server's pings
            except TimeoutError:
                return last, bytes(got)
            if message.type != aiohttp.WSMsgType.BINARY:
                if message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR):
                    return last, bytes(got)
                continue
            last = time.perf_counter()
            got += message.data
            wait = SETTLED

    async def until(self, text: bytes, attempts: int = 60) -> None:
        """Read until ``text`` shows (bounded), for the screens before the walk."""
        seen = b""
        for _ in range(attempts):
            _, got = await self.settle()
            seen += ESCAPES.sub(b"", got)
            if text in seen.replace(b" ", b""):
                return
        raise RuntimeError(f"{text!r} never showed")

    async def key(self, key: str) -> tuple[float | None, bytes]:
        """Send ``key``; how long until the screen settled (None if nothing changed), and the text painted."""
        await self.settle()  # nothing of the last key still arriving
        sent = time.perf_counter()
        await self.websocket.send_str(json.dumps(["stdin", key]))
        last, got = await self.settle()
        return (None if last is None else last - sent), ESCAPES.sub(b"", got).replace(b" ", b"")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def reader_pids(server: int) -> list[int]:
    """The reader processes the server started: in its session, running ``--tui``."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            words = entry.joinpath("cmdline").read_bytes().split(b"\0")
            if b"--tui" in words and os.getsid(int(entry.name)) == server:
                found.append(int(entry.name))
        except OSError:
            continue
    return found


def memory(pid: int) -> tuple[int, int]:
    """RSS and PSS of one process, in kB."""
    values = dict(
        line.split(":", 1)
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()
        if ":" in line and not line.startswith(("0", "7", "f"))
    )
    return int(values["Rss"].split()[0]), int(values["Pss"].split()[0])


async def read(
    url: str, choices: int, started: asyncio.Event, walked: asyncio.Event, measured: asyncio.Event
) -> Reader:
    """One reader: the page, the websocket, a new reading, then ``choices`` first choices."""
    session = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))
    async with session.get(url) as page:
        page.raise_for_status()
    websocket = await session.ws_connect(
        url.replace("http", "ws", 1) + f"ws?width={SIZE[0]}&height={SIZE[1]}", origin=url.rstrip("/")
    )
    reader = Reader(websocket)
    try:
        await reader.until(b"Newreading")
        await reader.websocket.send_str(json.dumps(["stdin", "n"]))
        await reader.settle()
        started.set()
        for _ in range(choices):
            took, painted = await reader.key("1")
            if took is None:
                break
            reader.latencies.append(took)
            _, later = await reader.settle()  # under load a footer may come after a quiet spell
            if CONTENT_NOTE in painted + ESCAPES.sub(b"", later).replace(b" ", b""):  # read on, unmeasured
                await reader.key("c")
        walked.set()
        while not measured.is_set():  # open, and answering the server's pings, until its memory has been read
            await reader.settle()
    finally:
        await websocket.close()
        await session.close()
    return reader


async def load(url: str, readers: int, choices: int, server: int) -> dict[str, object]:
    started, walked = [asyncio.Event() for _ in range(readers)], [asyncio.Event() for _ in range(readers)]
    measured = asyncio.Event()
    tasks = [asyncio.create_task(read(url, choices, *events, measured)) for events in zip(started, walked, strict=True)]
    await asyncio.wait_for(asyncio.gather(*(event.wait() for event in started)), 120)
    at_start = [memory(pid) for pid in reader_pids(server)]  # all of them reading
    await asyncio.gather(*(event.wait() for event in walked))
    sizes = [memory(pid) for pid in reader_pids(server)]  # all of them at the end of their walks
    measured.set()
    done = await asyncio.gather(*tasks)
    latencies = sorted(ms * 1000 for reader in done for ms in reader.latencies)
    return {
        "readers": len(sizes),
        "reader_pss_mb_at_start": round(statistics.mean(p for _, p in at_start) / 1024, 1),
        "reader_rss_mb": round(statistics.mean(r for r, _ in sizes) / 1024, 1),
        "reader_pss_mb": round(statistics.mean(p for _, p in sizes) / 1024, 1),
        "server_rss_mb": round(memory(server)[0] / 1024, 1),
        "choices": len(latencies),
        "choice_median_ms": round(statistics.median(latencies), 1),
        "choice_p90_ms": round(latencies[max(0, int(len(latencies) * 0.9) - 1)], 1),
        "choice_max_ms": round(latencies[-1], 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--story", type=Path, default=STORY)
    parser.add_argument("--readers", type=int, default=8)
    parser.add_argument("--choices", type=int, default=12, help="first choices each reader takes (default 12)")
    parser.add_argument("--limit", type=float, default=300, help="the whole run stops after this (seconds)")
    args = parser.parse_args()
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    with tempfile.TemporaryDirectory(prefix="kalbajar-serve-load-") as state:
        environment = {**os.environ, "KALBAJAR_STATE_DIR": state}
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "engine",
                "serve",
                "--story",
                str(args.story),
                "--port",
                str(port),
                "--max-readers",
                str(args.readers),
            ],
            cwd=ROOT,
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            for _ in range(300):
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    time.sleep(0.1)
            before = os.getloadavg()
            figures = asyncio.run(asyncio.wait_for(load(url, args.readers, args.choices, server.pid), args.limit))
            figures["load_before"] = [round(x, 2) for x in before]
            figures["load_after"] = [round(x, 2) for x in os.getloadavg()]
            figures["cores"] = os.cpu_count()
        finally:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, 9)
                server.wait()
    print(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
