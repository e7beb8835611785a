"""End to end: ``kalbajar serve``, opened in headless Chromium, read as a reader would.

Debian's Chromium is driven through Playwright (never a browser Playwright
downloads).  xterm.js draws the terminal on a canvas, so the test reads the
screen from the terminal's own buffer: an init script keeps a reference to the
xterm ``Terminal`` when textual-serve's page stores it on ``this.terminal``.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from serving import EXAMPLE, RunningServer, serving, wait_for_page

CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

KEEP_TERMINAL = """
Object.defineProperty(Object.prototype, "terminal", {
  configurable: true,
  set(value) {
    Object.defineProperty(this, "terminal", {value, writable: true, configurable: true, enumerable: true});
    if (value && value.buffer && value.buffer.active) { window.kalbajarTerminal = value; }
  },
});
"""

SCREEN = """() => {
  const terminal = window.kalbajarTerminal;
  if (!terminal) { return []; }
  const buffer = terminal.buffer.active, rows = [];
  for (let y = buffer.viewportY; y < buffer.viewportY + terminal.rows; y++) {
    const line = buffer.getLine(y);
    rows.push(line ? line.translateToString(true) : "");
  }
  return rows;
}"""

CELL = """() => {
  const terminal = window.kalbajarTerminal;
  const box = terminal.element.querySelector(".xterm-screen").getBoundingClientRect();
  return {left: box.left, top: box.top, width: box.width / terminal.cols, height: box.height / terminal.rows};
}"""


def browser_or_skip() -> str:
    if CHROMIUM:
        return CHROMIUM
    if os.environ.get("CI"):
        pytest.fail("Chromium is missing in CI: .ci/run installs Debian's chromium before the tests")
    pytest.skip("Chromium is not installed (apt-get install chromium); CI installs it and runs this test")


class Screen:
    """The terminal in the page, as rows of text; waits are bounded guards, not timings."""

    def __init__(self, page) -> None:  # type: ignore[no-untyped-def]
        self.page = page

    def rows(self) -> list[str]:
        return list(self.page.evaluate(SCREEN))

    def wait_for(self, text: str, *, attempts: int = 600) -> list[str]:
        rows: list[str] = []
        for _ in range(attempts):
            rows = self.rows()
            if any(text in row for row in rows):
                return rows
            time.sleep(0.1)
        pytest.fail(f"{text!r} never appeared; the screen was:\n" + "\n".join(rows))

    def click(self, text: str) -> None:
        """Click the middle of ``text`` where it shows on the terminal."""
        rows = self.wait_for(text)
        y = next(n for n, row in enumerate(rows) if text in row)
        x = rows[y].index(text) + len(text) / 2
        cell = self.page.evaluate(CELL)
        self.page.mouse.click(cell["left"] + x * cell["width"], cell["top"] + (y + 0.5) * cell["height"])


class Elsewhere:
    """What the page asked of other hosts (refused, so the test sends nothing beyond this machine)."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    def __call__(self, route) -> None:  # type: ignore[no-untyped-def]
        if route.request.url.startswith(("http://127.0.0.1:", "ws://127.0.0.1:")):
            route.continue_()
        else:
            self.asked.append(route.request.url)
            route.abort()


def in_browser(server: RunningServer, profile: Path, read: Callable[[Screen], None]) -> None:
    """Open the page and ``read``; then the page must have asked nothing of another host and broken no policy."""
    from playwright.sync_api import sync_playwright

    executable = browser_or_skip()
    wait_for_page(server)
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile), executable_path=executable, headless=True, args=FLAGS, viewport={"width": 1280, "height": 800}
        )
        elsewhere, complaints = Elsewhere(), []
        try:
            context.route("**/*", elsewhere)
            page = context.new_page()
            page.on(
                "console",
                lambda message: complaints.append(message.text) if "Content Security Policy" in message.text else None,
            )
            page.add_init_script(KEEP_TERMINAL)
            page.goto(server.url)
            read(Screen(page))
        finally:
            context.close()
    assert elsewhere.asked == [] and complaints == []


def test_a_reader_starts_a_new_reading_and_takes_a_choice_in_the_browser(
    tmp_path: Path, private_state_dir: Path
) -> None:
    def read(screen: Screen) -> None:
        screen.wait_for("The Example")
        screen.click("New reading")
        rows = screen.wait_for("Four directions")
        assert not any("The embankment" in row for row in rows)
        screen.page.keyboard.press("1")
        screen.wait_for("The embankment")

    browser_or_skip()
    with serving(EXAMPLE, tmp_path / "server.log") as server:
        in_browser(server, tmp_path / "profile", read)
    [save] = private_state_dir.glob("**/example/reading-1.json")
    saved = json.loads(save.read_text(encoding="utf-8"))
    assert [m["scene"] for m in saved["payload"]["moments"]] == ["overview", "embankment"]


def test_the_terminal_has_the_keyboard_when_the_page_opens(tmp_path: Path, private_state_dir: Path) -> None:
    """No click first: the page gives the terminal the keyboard as soon as it is drawn."""

    def read(screen: Screen) -> None:
        screen.wait_for("The Example")
        screen.page.keyboard.press("n")
        screen.wait_for("Four directions")

    browser_or_skip()
    with serving(EXAMPLE, tmp_path / "server.log") as server:
        in_browser(server, tmp_path / "profile", read)
    assert list(private_state_dir.glob("_browsers/*/example/reading-1.json"))
