"""The reader's settings (the theme), kept as a small JSON file beside the saved reading."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

SETTINGS_FILE = "settings.json"


@dataclass
class Settings:
    """What the reader chose that is not part of a reading."""

    theme: str = ""

    @classmethod
    def load(cls, directory: Path) -> Settings:
        """The saved settings; a missing or unreadable file gives the defaults."""
        try:
            data = json.loads((directory / SETTINGS_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError, RecursionError):
            return cls()
        theme = data.get("theme") if isinstance(data, dict) else None
        return cls(theme=theme if isinstance(theme, str) else "")

    def save(self, directory: Path) -> None:
        """Write through a temporary file, so a crash never leaves half a file."""
        directory.mkdir(parents=True, exist_ok=True)
        temp = directory / f".{SETTINGS_FILE}.tmp"
        temp.write_text(json.dumps(asdict(self), indent=1), encoding="utf-8")
        os.replace(temp, directory / SETTINGS_FILE)
