"""The Textual reader's budgets, measured in a real pseudo-terminal (not Pilot).

- start: process start to the title screen painted, against a bare Textual app
  (Header, Static, Footer) measured in the same run (target: at most 1.2x);
- choice: a choice key pressed to the next scene's title painted, at 120x40
  (targets: median at most 40 ms, p90 at most 80 ms);
- memory: peak RSS over a whole reading, against the bare app (target: at most 1.5x).

"Painted" means the text has arrived on the terminal: the pty output is read
and searched for it.  Run: ``uv run python benchmarks/tui_budget.py [--story DIR]``.
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
ESCAPES = re.compile(rb"\x1b\[[0-9;?<>=$ ]*[A-Za-z@`~]"  # CSI
                     rb"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC
                     rb"|\x1b[()][A-Za-z0-9]|\x1b[=>78]")
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
    env = dict(os.environ, TERM="xterm-256color", COLORTERM="truecolor", KALBAJAR_STATE_DIR=str(state))
    for name in ("NO_COLOR", "PYTHONDONTWRITEBYTECODE", "PYTHONPYCACHEPREFIX"):
        env.pop(name, None)
    return env


def reader(story: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "engine", "--story", str(story), *extra]


def measure_start(story: Path, runs: int) -> tuple[list[float], list[float]]:
    """Seconds from spawn to first paint: the reader's title screen, and the bare app, alternately."""
    ours, bare = [], []
    for run in range(runs + 1):  # the first round warms the file system cache
        for argv, marker, into in ((reader(story), "New reading", ours),
                                   ([sys.executable, "-c", BARE_APP], "BARE APP READY", bare)):
            with tempfile.TemporaryDirectory() as state:
                started = time.perf_counter()
                child = Child.spawn(argv, environment(Path(state)))
                painted = child.wait_for(marker, 0) - started
                child.quit()
                if run:
                    into.append(painted)
    return ours, bare


def measure_choices(story: Path, count: int) -> list[float]:
    """Seconds from a choice key to the next scene's title on screen, reading on as a reader would.

    Always the first choice, from the start to an ending and again; a content note is
    answered (Continue, once per scene, as the reader does) and an ending restarted
    (Enter) without timing them.
    """
    from engine.reading.session import Session
    from engine.story.load import load_story

    loaded = load_story(story).story
    assert loaded is not None, f"{story} does not load"
    session = Session(loaded)
    answered: set[str] = set()  # the reader answers a scene's note once per reading
    timings: list[float] = []
    with tempfile.TemporaryDirectory() as state:
        child = Child.spawn(reader(story, "--new"), environment(Path(state)))
        child.wait_for(session.scene.title, 0)
        child.read_for(0.5)
        while len(timings) < count:
            if not session.options():
                mark = child.press("\r")  # "Begin a new reading"
                session.restart()
                answered.clear()
                child.wait_for(session.scene.title, mark)
                child.read_for(0.1)
                continue
            mark = child.press("1")
            pressed = time.perf_counter()
            session.choose(1)
            timings.append(child.wait_for(session.scene.title, mark) - pressed)
            child.read_for(0.1)
            if session.scene.content_note and session.scene.id not in answered:
                answered.add(session.scene.id)
                child.press("\r")
                child.read_for(0.2)
        child.quit()
    return timings


def measure_memory(story: Path) -> tuple[int, int]:
    """Peak RSS (KiB) of a whole reading (every first choice to an ending, panels, transcript, help)
    and of the bare app (the median of three runs)."""
    from engine.reading.session import Session
    from engine.story.load import load_story

    loaded = load_story(story).story
    assert loaded is not None
    session = Session(loaded)
    with tempfile.TemporaryDirectory() as state:
        child = Child.spawn(reader(story, "--new"), environment(Path(state)))
        child.wait_for(session.scene.title, 0)
        steps, answered = 0, set()
        while session.options() and steps < 500:
            if session.scene.content_note and session.scene.id not in answered:
                answered.add(session.scene.id)
                child.press("\r")
            child.read_for(0.1)
            for key in ("p", "p", "g", "\x1b", "h", "\x1b"):
                child.press(key)
                child.read_for(0.3)  # a lone Escape is only a key once no more bytes follow
            mark = child.press("1")
            session.choose(1)
            child.wait_for(session.scene.title, mark)
            steps += 1
        child.press("\x1bOP")  # F1: help
        child.read_for(0.3)
        ours = child.quit()
    bare = []
    for _ in range(3):  # a few: the bare app is small and quick, and one run can be an outlier
        with tempfile.TemporaryDirectory() as state:
            child = Child.spawn([sys.executable, "-c", BARE_APP], environment(Path(state)))
            child.wait_for("BARE APP READY", 0)
            child.read_for(0.5)
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
    print(f"start to title painted: reader median {statistics.median(ours) * 1000:.0f} ms "
          f"(best {min(ours) * 1000:.0f}), bare app median {statistics.median(bare) * 1000:.0f} ms "
          f"(best {min(bare) * 1000:.0f}); ratio {start_ratio:.2f}x (target <= 1.2x)")

    timings = measure_choices(args.story, args.choices)
    median, p90 = statistics.median(timings) * 1000, percentile(timings, 0.9) * 1000
    print(f"choice key to next scene painted at {SIZE[0]}x{SIZE[1]}: median {median:.1f} ms, p90 {p90:.1f} ms, "
          f"max {max(timings) * 1000:.1f} ms over {len(timings)} (targets: median <= 40, p90 <= 80)")

    ours_kib, bare_kib = measure_memory(args.story)
    memory_ratio = ours_kib / bare_kib
    print(f"peak memory over a whole reading: reader {ours_kib / 1024:.1f} MiB, bare app {bare_kib / 1024:.1f} MiB; "
          f"ratio {memory_ratio:.2f}x (target <= 1.5x)")

    within = start_ratio <= 1.2 and median <= 40 and p90 <= 80 and memory_ratio <= 1.5
    print("all budgets met" if within else "over budget")
    return 0 if within else 1


if __name__ == "__main__":
    sys.exit(main())
