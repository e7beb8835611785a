"""The reader's settings (the theme, the language, the map's lines), kept as a small JSON file beside the saved reading.

The file is outside input like a save: it is read only when it is a regular
file (a FIFO would stop the reader from ever starting), to at most
MAX_SETTINGS_BYTES, and a value holding a control character is not used.
Whatever is wrong, the reader starts with the defaults, is told why, and the
next change of theme replaces the file.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from engine.i18n import LANGUAGE_CODE, _
from engine.story.controls import UNSAFE
from engine.story.files import Unreadable, read_regular

SETTINGS_FILE = "settings.json"

MAX_SETTINGS_BYTES = 64 * 1024
"""A settings file holds a theme's name and a language's code; anything larger is not one."""


@dataclass
class Settings:
    """What the reader chose that is not part of a reading."""

    theme: str = ""
    language: str = ""
    """The language last chosen in the reader (empty: the system's); ``--lang`` goes before it."""
    fine_lines: bool = True
    """Draw the map's lines in braille dots where colour can be shown (``d`` on the map switches)."""
    problem: str = ""
    """Why the file on disk was not used (empty when it was, or when there was none): for the reader."""

    @classmethod
    def load(cls, directory: Path) -> Settings:
        """The saved settings; a missing file gives the defaults, an unusable one the defaults and a reason."""
        path = directory / SETTINGS_FILE
        try:
            data = json.loads(read_regular(path, MAX_SETTINGS_BYTES, follow_links=False).decode("utf-8"))
        except FileNotFoundError:
            return cls()
        except Unreadable as exc:
            return cls(problem=_("The settings in {path} were not read: {reason}.").format(path=path, reason=exc))
        except OSError as exc:
            return cls(
                problem=_("The settings in {path} could not be read ({reason}).").format(
                    path=path, reason=exc.strerror or exc
                )
            )
        except (ValueError, RecursionError):  # not UTF-8, not JSON, or nested past Python's stack
            return cls(problem=_("The settings in {path} are damaged; the defaults are used.").format(path=path))
        if not isinstance(data, dict):
            return cls()
        theme, language, fine_lines = data.get("theme"), data.get("language"), data.get("fine_lines")
        theme = theme if isinstance(theme, str) else ""
        language = language if isinstance(language, str) and LANGUAGE_CODE.fullmatch(language) else ""
        fine_lines = fine_lines if isinstance(fine_lines, bool) else True
        if UNSAFE.search(theme):
            return cls(
                problem=_("The settings in {path} hold a control character; the defaults are used.").format(path=path),
                fine_lines=fine_lines,
            )
        return cls(theme=theme, language=language, fine_lines=fine_lines)

    def save(self, directory: Path) -> None:
        """Write through a temporary file of our own, so a crash never leaves half a file and no link is followed."""
        directory.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=f".{SETTINGS_FILE}-", suffix=".tmp", dir=directory)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(
                    json.dumps(
                        {"theme": self.theme, "language": self.language, "fine_lines": self.fine_lines}, indent=1
                    )
                )
            os.replace(temp, directory / SETTINGS_FILE)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
