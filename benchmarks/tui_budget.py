"""The Textual reader's budgets, measured in a real pseudo-terminal (not Pilot).

Latency is from a key press to a *settled* screen: the terminal has received
everything the key caused, and nothing more arrives for 120 ms.

- start: process start to the title screen settled, against a bare Textual app
  (Header, Static, Footer) measured the same way in the same run (target: at most 1.2x);
- choice, back, forward, opening a panel entry: key to settled screen at 120x40
  (targets: median at most 50 ms, p90 at most 90 ms, each);
- memory: peak RSS over a whole reading, against the bare app (target: at most 1.6x).

For reference it also times answering a content note (``c``: the scene behind
it is drawn then) and Textual's own floor: a bare app (Header, a page of text in
a scrolling column, Footer) whose key replaces the page with another of a
scene's length.  No reader built on Textual can be faster than that.

Every app measured runs at the reader's frame rate (``TEXTUAL_FPS``, see
``engine/cli/read.py``) unless the environment sets another.

Run: ``uv run --dev python benchmarks/tui_budget.py [--story DIR]``.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import re
import select
import signal
import statistics
import struct
import sys
import tempfile
import termios
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STORY = ROOT / "story"
"""The bundled story: the budgets are about a reading of it."""
SIZE = (120, 40)
SETTLED = 0.12
"""A screen is settled when nothing more has arrived for this long."""
ESCAPES = re.compile(
    rb"\x1b\[[0-9;?<>=$ ]*[A-Za-z@`~]"  # CSI
    rb"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC
    rb"|\x1b[()][A-Za-z0-9]|\x1b[=>78]"
)
"""Terminal control sequences, removed from the output before looking for text in it."""

BARE_APP = """
from textual.app import App
from textual.widgets import Footer, Header, Static

class Bare(App):
    def compose(self):
        yield Header()
        yield Static("BARE APP READY")
        yield Footer()

Bare().run()
"""

FLOOR_APP = """
import itertools
from textual.app import App
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, Static

WORDS = "the road over the pass was deep in snow and the column walked on through the night".split()
PAGES = itertools.cycle(
    "\\n\\n".join(" ".join(itertools.islice(itertools.cycle(WORDS), n + p, n + p + 60)) for p in range(paragraphs))
    for n, paragraphs in enumerate((4, 6, 5, 7))
)

class Floor(App):
    BINDINGS = [("1", "next", "Next page")]
    CSS = "VerticalScroll { width: 82; }"

    def compose(self):
        yield Header()
        with VerticalScroll():
            yield Static("FLOOR APP READY", markup=False)
        yield Footer()

    def action_next(self):
        self.query_one(Static).update(next(PAGES))

Floor().run()
"""


@dataclass
class Child:
    """A program running in a pseudo-terminal, with everything it has written so far."""

    pid: int
    fd: int
    output: bytearray

    @classmethod
    def spawn(cls, argv: list[str], env: dict[str, str]) -> Child:
        pid, fd = os.forkpty()
        if pid == 0:
            os.execvpe(argv[0], argv, env)
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", SIZE[1], SIZE[0], 0, 0))
        return cls(pid, fd, bytearray())

    def read_for(self, seconds: float) -> None:
        deadline = time.perf_counter() + seconds
        while (left := deadline - time.perf_counter()) > 0:
            self._read_once(left)

    def wait_for(self, text: str, since: int, timeout: float = 30.0) -> float:
        """Read until ``text`` appears in the output after byte ``since``; returns the time it did."""
        wanted = text.encode()
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            if wanted in ESCAPES.sub(b"", bytes(self.output[since:])):
                return time.perf_counter()
            self._read_once(deadline - time.perf_counter())
        raise TimeoutError(f"'{text}' never appeared")

    def _read_once(self, timeout: float) -> None:
        ready, _, _ = select.select([self.fd], [], [], max(timeout, 0))
        if ready:
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:
                return
            self.output.extend(chunk)
            # Textual asks the terminal a few questions at start; a real terminal would answer.
            if b"\x1b[6n" in chunk:
                os.write(self.fd, b"\x1b[1;1R")

    def press(self, keys: str) -> int:
        mark = len(self.output)
        os.write(self.fd, keys.encode())
        return mark

    def settle(self, quiet: float = SETTLED) -> float:
        """Read until nothing arrives for ``quiet`` seconds; the time the last byte arrived."""
        last = time.perf_counter()
        while True:
            ready, _, _ = select.select([self.fd], [], [], quiet)
            if not ready:
                return last
            before = len(self.output)
            self._read_once(0)
            if len(self.output) > before:
                last = time.perf_counter()

    def timed(self, keys: str, first_within: float = 3.0) -> float:
        """Seconds from pressing ``keys`` to the screen settled (or 0.0 if nothing was drawn at all).

        It waits up to ``first_within`` seconds for the first byte: a reader slower than the quiet
        period to start drawing must count as slow, not as a key that drew nothing.
        """
        mark = self.press(keys)
        pressed = time.perf_counter()
        deadline = pressed + first_within
        while len(self.output) == mark and (left := deadline - time.perf_counter()) > 0:
            self._read_once(left)
        if len(self.output) == mark:
            return 0.0
        return self.settle() - pressed

    def quit(self) -> int:
        """Ctrl+Q, then the peak resident memory of the process in KiB."""
        os.write(self.fd, b"\x11")
        deadline = time.perf_counter() + 10
        while time.perf_counter() < deadline:
            self._read_once(0.05)
            pid, _status, usage = os.wait4(self.pid, os.WNOHANG)
            if pid:
                os.close(self.fd)
                return usage.ru_maxrss
        os.kill(self.pid, signal.SIGKILL)
        _pid, _status, usage = os.wait4(self.pid, 0)
        os.close(self.fd)
        return usage.ru_maxrss


WARM_PACKAGES = ("engine", "textual", "rich", "yaml", "platformdirs", "markdown_it", "mdurl", "pygments")
"""Compiled before anything is measured: an installed reader has its bytecode, so start-up and memory are
measured warm (otherwise whichever run first imports a module pays for compiling it)."""


def warm_bytecode() -> None:
    import compileall
    from importlib.util import find_spec

    sys.pycache_prefix = None  # beside the sources, where the children (run without a prefix) look
    for name in WARM_PACKAGES:
        spec = find_spec(name)
        for folder in (spec.submodule_search_locations or []) if spec else []:
            compileall.compile_dir(folder, quiet=2)


def environment(state: Path) -> dict[str, str]:
    from engine.cli.read import FRAMES_PER_SECOND

    env = dict(os.environ, TERM="xterm-256color", COLORTERM="truecolor", KALBAJAR_STATE_DIR=str(state))
    env.setdefault("TEXTUAL_FPS", str(FRAMES_PER_SECOND))  # the reader's rate, for the bare apps too
    for name in ("NO_COLOR", "PYTHONDONTWRITEBYTECODE", "PYTHONPYCACHEPREFIX"):
        env.pop(name, None)
    return env


def reader(story: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "engine", "--story", str(story), *extra]


def measure_start(story: Path, runs: int) -> tuple[list[float], list[float]]:
    """Seconds from spawn to the first screen settled: the reader's title screen, and the bare app, alternately."""
    ours, bare = [], []
    for run in range(runs + 1):  # the first round warms the file system cache
        for argv, marker, into in (
            (reader(story), "New reading", ours),
            ([sys.executable, "-c", BARE_APP], "BARE APP READY", bare),
        ):
            with tempfile.TemporaryDirectory() as state:
                started = time.perf_counter()
                child = Child.spawn(argv, environment(Path(state)))
                child.wait_for(marker, 0)
                settled = child.settle() - started
                child.quit()
                if run:
                    into.append(settled)
    return ours, bare


BUDGETED_MOVES = ("choice", "back", "forward", "entry")
"""The moves the reader's budget names; answering a content note is timed for reference."""


def measure_moves(story: Path, count: int) -> dict[str, list[float]]:
    """Key to settled screen for each kind of move, reading as a reader would (always the first choice).

    At an ending: back and forward a few times, then a new reading.  Every third
    scene, an entry named in it is opened from the look-up (g, then Enter timed).
    A content note is answered with c, timed apart ("note"): the scene is drawn
    then, so a choice that leads to a note is timed to the note alone.
    """
    from engine.reading.session import Session
    from engine.story.load import load_story

    loaded = load_story(story).story
    assert loaded is not None, f"{story} does not load"
    timings: dict[str, list[float]] = {"choice": [], "back": [], "forward": [], "entry": [], "note": []}

    def record(kind: str, seconds: float) -> None:
        if seconds:
            timings[kind].append(seconds)

    with tempfile.TemporaryDirectory() as state:
        while len(timings["choice"]) < count:
            session = Session(loaded)
            child = Child.spawn(reader(story, "--new"), environment(Path(state)))
            child.wait_for(session.scene.title, 0)
            child.settle()
            steps = 0
            while True:
                if session.scene.content_note:
                    record("note", child.timed("c"))  # the note: read the scene
                if not session.options():
                    for _ in range(3):
                        record("back", child.timed("b"))
                        session.back()
                    for _ in range(3):
                        record("forward", child.timed("f"))
                        session.forward()
                    break
                if steps % 3 == 2:
                    mark = child.press("g")
                    child.settle()
                    # Only when the look-up opened: in a scene that names nothing, Enter would take a choice.
                    if b"Look up a term" in ESCAPES.sub(b"", bytes(child.output[mark:])):
                        record("entry", child.timed("\r"))
                record("choice", child.timed("1"))
                session.choose(1)
                steps += 1
            child.quit()
    return timings


def measure_floor(count: int) -> list[float]:
    """Key to settled screen in the floor app: a page of text replaced by another."""
    with tempfile.TemporaryDirectory() as state:
        child = Child.spawn([sys.executable, "-c", FLOOR_APP], environment(Path(state)))
        child.wait_for("FLOOR APP READY", 0)
        child.settle()
        timings = [child.timed("1") for _ in range(count)]
        child.quit()
    return timings


def measure_memory(story: Path) -> tuple[int, int]:
    """Peak RSS (KiB) of a whole reading (every first choice to an ending, panel, look-up, history, help)
    and of the bare app (the median of three runs)."""
    from engine.reading.session import Session
    from engine.story.load import load_story

    loaded = load_story(story).story
    assert loaded is not None
    session = Session(loaded)
    with tempfile.TemporaryDirectory() as state:
        child = Child.spawn(reader(story, "--new"), environment(Path(state)))
        child.wait_for(session.scene.title, 0)
        steps = 0
        while session.options() and steps < 500:
            if session.scene.content_note:
                child.press("c")
            child.settle()
            for key in ("p", "p", "g", "\x1b", "h", "\x1b"):
                child.press(key)
                child.settle(0.3)  # a lone Escape is only a key once no more bytes follow
            child.press("1")
            session.choose(1)
            child.settle()
            steps += 1
        child.press("?")
        child.settle(0.3)
        ours = child.quit()
    bare = []
    for _ in range(3):  # a few: the bare app is small and quick, and one run can be an outlier
        with tempfile.TemporaryDirectory() as state:
            child = Child.spawn([sys.executable, "-c", BARE_APP], environment(Path(state)))
            child.wait_for("BARE APP READY", 0)
            child.settle(0.5)
            bare.append(child.quit())
    return ours, int(statistics.median(bare))


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--story", type=Path, default=STORY, help="story folder (default: the bundled story)")
    parser.add_argument("--runs", type=int, default=9, help="start-up runs of each app")
    parser.add_argument("--choices", type=int, default=60, help="choice keys to time")
    args = parser.parse_args()

    warm_bytecode()
    ours, bare = measure_start(args.story, args.runs)
    start_ratio = statistics.median(ours) / statistics.median(bare)
    print(
        f"start to first screen settled: reader median {statistics.median(ours) * 1000:.0f} ms "
        f"(best {min(ours) * 1000:.0f}), bare app median {statistics.median(bare) * 1000:.0f} ms "
        f"(best {min(bare) * 1000:.0f}); ratio {start_ratio:.2f}x (target <= 1.2x)"
    )

    within = start_ratio <= 1.2
    for kind, timings in measure_moves(args.story, args.choices).items():
        if not timings:  # the screen never changed for this key: a failure of the budget, not of the script
            print(f"{kind} key to settled screen: nothing was drawn for any press (not measured)")
            within = False
            continue
        median, p90 = statistics.median(timings) * 1000, percentile(timings, 0.9) * 1000
        budgeted = kind in BUDGETED_MOVES
        print(
            f"{kind} key to settled screen at {SIZE[0]}x{SIZE[1]}: median {median:.1f} ms, p90 {p90:.1f} ms, "
            f"max {max(timings) * 1000:.1f} ms over {len(timings)} "
            + ("(targets: median <= 50, p90 <= 90)" if budgeted else "(for reference: no budget set)")
        )
        if budgeted:
            within = within and median <= 50 and p90 <= 90

    floor = measure_floor(40)
    print(
        f"for reference, Textual's floor (a bare app replacing a page of text) at {SIZE[0]}x{SIZE[1]}: "
        f"median {statistics.median(floor) * 1000:.1f} ms, p90 {percentile(floor, 0.9) * 1000:.1f} ms"
    )

    ours_kib, bare_kib = measure_memory(args.story)
    memory_ratio = ours_kib / bare_kib
    print(
        f"peak memory over a whole reading: reader {ours_kib / 1024:.1f} MiB, bare app {bare_kib / 1024:.1f} MiB; "
        f"ratio {memory_ratio:.2f}x (target <= 1.6x)"
    )
    within = within and memory_ratio <= 1.6
    print("all budgets met" if within else "over budget")
    return 0 if within else 1


if __name__ == "__main__":
    sys.exit(main())
