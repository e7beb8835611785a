"""What the reader sees, read back from the screen: a widget's text, and where a link is drawn.

A module of its own (not conftest): test files in several folders import by bare
name, and two modules both named ``conftest`` would shadow each other.
"""

from __future__ import annotations

from textual.geometry import Offset, Region
from textual.screen import Screen

from engine.tui.app import KalbajarApp
from engine.tui.prose import ref_at


def find_ref(app: KalbajarApp, ref: str, selector: str = "#scene") -> Offset:
    """The screen cell of the first character linked to ``ref`` inside the widget ``selector``."""
    region = app.screen.query_one(selector).content_region
    for y in range(region.y, region.bottom):
        for x in range(region.x, region.right):
            style = app.screen.get_style_at(x, y)
            if ref_at(style) == ref:
                return Offset(x, y)
    raise AssertionError(f"{ref} is not on screen in {selector}")


def screen_text(app: KalbajarApp, selector: str, screen: Screen | None = None) -> str:
    """The plain text a widget shows (what the reader reads), on the top screen or ``screen``."""
    widget = (screen or app.screen).query_one(selector)
    width, height = widget.outer_size
    return "\n".join(line.text for line in widget.render_lines(Region(0, 0, width, height)))
