"""Which languages a story can be read in, answered before anything is loaded.

The reader asks this before its first screen, so it costs one directory
listing and imports nothing heavy (PyYAML alone would take most of the
start-up budget); reading a translation is ``engine.story.locale``'s work.
"""

from __future__ import annotations

from pathlib import Path

from engine.i18n import LANGUAGE_CODE, SOURCE_LANGUAGE

LOCALES = "locales"
"""The folder of a story that holds its translations, one folder per language."""


def locales_dir(root: Path | str) -> Path:
    return Path(root) / LOCALES


def available_languages(root: Path | str) -> tuple[str, ...]:
    """English, then every language the story in ``root`` has a translation folder for, by code."""
    try:
        found = sorted(p.name for p in locales_dir(root).iterdir() if LANGUAGE_CODE.fullmatch(p.name) and p.is_dir())
    except OSError:
        found = []
    return (SOURCE_LANGUAGE, *(lang for lang in found if lang != SOURCE_LANGUAGE))
