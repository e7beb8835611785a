"""The engine's own words in the reader's language: gettext catalogs, extracted with Babel.

Prompts, headings, labels and messages are written in English and wrapped in
``_()`` (``ngettext`` for counts, ``pgettext`` where one English word has two
meanings); the story's own words are translated by the story
(``engine.story.locale``).  ``use_language`` chooses the catalog for everything
said after it, so a front end switches language in one call.

English is the source language and needs no catalog: until another language
is chosen nothing here reads a file or even imports ``gettext``, which keeps
start-up cheap.  Catalogs live in ``locales/LANG/LC_MESSAGES/kalbajar.po`` with
the compiled ``kalbajar.mo`` beside it (docs/translating.md says how to
extract, update and compile them).  The ``.mo`` files are committed rather than
built: the package has no build step of its own, the standard library reads
them directly, and a test compiles every ``.po`` with Babel and compares, so
the two never drift apart.

This package is the lowest layer: it imports nothing of the engine, so the
story, the reading and every front end may use it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gettext import NullTranslations

DOMAIN = "kalbajar"
"""The catalogs' name: ``kalbajar.po`` and ``kalbajar.mo``."""

CATALOGS = Path(__file__).parent / "locales"
"""Where the catalogs are: ``CATALOGS/LANG/LC_MESSAGES/kalbajar.mo``."""

SOURCE_LANGUAGE = "en"
"""The language the engine and the story are written in."""

LANGUAGE_CODE = re.compile(r"[a-z]{2,3}")
"""A language as the engine names it: its ISO 639 code (``ru``, ``az``, ``hy``), lower case, no region."""

AUTONYMS: Mapping[str, str] = {
    "en": "English",
    "ru": "Русский",
    "az": "Azərbaycanca",
    "hy": "Հայերեն",
}
"""Each language's name in itself, for a language menu; a catalog's ``Language-Name`` header adds others."""

_translations: dict[str, NullTranslations] = {}
_current = SOURCE_LANGUAGE


def use_language(lang: str) -> None:
    """Say everything from now on in ``lang`` (English where its catalog has no translation)."""
    global _current
    _current = lang if LANGUAGE_CODE.fullmatch(lang) else SOURCE_LANGUAGE


def current_language() -> str:
    return _current


def _(message: str) -> str:
    """``message`` in the current language."""
    if _current == SOURCE_LANGUAGE:
        return message
    return translations(_current).gettext(message)


def N_(message: str) -> str:
    """Mark ``message`` for the catalog but leave it English: it is translated where it is shown, with ``_()``.

    For words fixed when a module is imported (key descriptions, tab titles),
    so that a reader who changes language mid-reading sees them change too.
    """
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a counted phrase for ``n`` in the current language (Russian has three)."""
    if _current == SOURCE_LANGUAGE:
        return singular if n == 1 else plural
    return translations(_current).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """``message`` in the current language, where ``context`` tells translators which sense is meant."""
    if _current == SOURCE_LANGUAGE:
        return message
    return translations(_current).pgettext(context, message)


def translations(lang: str) -> NullTranslations:
    """The catalog of ``lang``, read once; a language without one says everything in English."""
    found = _translations.get(lang)
    if found is None:
        import gettext

        try:
            found = gettext.translation(DOMAIN, CATALOGS, languages=[lang])
        except (OSError, ValueError):  # no catalog, or one that cannot be read: English, never a crash
            found = gettext.NullTranslations()
        _translations[lang] = found
    return found


def interface_languages() -> tuple[str, ...]:
    """English, then every language with a compiled catalog, in order of their codes."""
    found = (
        sorted(
            p.name
            for p in CATALOGS.iterdir()
            if LANGUAGE_CODE.fullmatch(p.name) and (p / "LC_MESSAGES" / f"{DOMAIN}.mo").is_file()
        )
        if CATALOGS.is_dir()
        else []
    )
    return (SOURCE_LANGUAGE, *(lang for lang in found if lang != SOURCE_LANGUAGE))


def language_name(lang: str) -> str:
    """The language's name in itself (``Русский``): from the table, else its catalog's header, else its code."""
    if lang in AUTONYMS:
        return AUTONYMS[lang]
    return translations(lang).info().get("language-name", lang) if LANGUAGE_CODE.fullmatch(lang) else lang


def system_language(environ: Mapping[str, str] | None = None) -> str | None:
    """The language the system asks for, as gettext reads it: LANGUAGE, LC_ALL, LC_MESSAGES, then LANG.

    ``ru_RU.UTF-8`` is ``ru``; ``C`` and ``POSIX`` ask for no language in particular (None).
    """
    env = os.environ if environ is None else environ
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if not value:
            continue
        first = value.split(":")[0]
        code = re.split(r"[_.@-]", first, maxsplit=1)[0].lower()
        if first in ("C", "POSIX") or first.startswith(("C.", "POSIX.")):
            return None
        return code if LANGUAGE_CODE.fullmatch(code) else None
    return None


def choose_language(requested: str | None, available: tuple[str, ...], environ: Mapping[str, str] | None = None) -> str:
    """The language to read in: the one asked for, else the system's if available, else English.

    ``requested`` is trusted to be checked by the caller (the command line
    refuses a language the story does not have); the system's language is
    only a wish, and falls back to English quietly.
    """
    if requested:
        return requested
    wished = system_language(environ)
    return wished if wished in available else SOURCE_LANGUAGE
