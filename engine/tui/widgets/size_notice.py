"""What the reader sees instead of the layout when the terminal is too small for it."""

from __future__ import annotations

from textual.widgets import Static

MIN_WIDTH, MIN_HEIGHT = 60, 16
"""The smallest terminal the reader lays out in; below it, only this notice shows."""


class SizeNotice(Static):
    """Shown by the stylesheet when the screen has the ``-too-narrow`` or ``-too-short`` class."""

    DEFAULT_CSS = """
    SizeNotice {
        display: none;
    }
    """
    """Hidden wherever it is used, until the app's stylesheet shows it on a screen that is too small."""

    def __init__(self) -> None:
        super().__init__(f"This reader needs a terminal of at least {MIN_WIDTH} × {MIN_HEIGHT}.\n"
                         "Make the window larger to go on reading.", markup=False)
