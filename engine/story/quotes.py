"""Holding quotations to their sources: a quotation is only words the source is recorded as saying.

A scene writes ``“words”{source}``; the source is a seed paragraph or a
citation in sources.yaml whose ``quotes`` record passages word for word.  The
quoted words must stand in one recorded passage as written.  An ellipsis
(``...`` or ``…``) marks words the story left out, so each piece between
ellipses must appear there, in order.  Only the spacing and the shape of
quotation marks and apostrophes may differ.
"""

from __future__ import annotations

import re

MAX_QUOTE_WORDS = 40
"""A quotation is short: longer than this, say it in the story's own words and attribute it."""

UNATTRIBUTED_WORDS = 6
"""Words in curly quotation marks with no source: from this many it is a quotation that needs one."""

_CUT = re.compile(r"\s*(?:\.\.\.|…)\s*")
_EDGE = " \t\n.,;:"
_MARKS = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "\u00a0": " "})
_BARE = re.compile(r"“([^”]+)”(?!\{)")


def normal(text: str) -> str:
    """Spacing collapsed and quotation marks made plain, so only the words are compared."""
    return " ".join(text.translate(_MARKS).split())


def quoted_in(words: str, passage: str) -> bool:
    """Whether ``words`` (pieces cut by ellipses) stand in ``passage`` word for word, in order."""
    recorded = normal(passage)
    position = 0
    for piece in _CUT.split(normal(words)):
        piece = piece.strip(_EDGE)
        if not piece:
            continue
        found = recorded.find(piece, position)
        if found < 0:
            return False
        position = found + len(piece)
    return True


def unattributed(text: str) -> list[str]:
    """Passages in curly quotation marks with no source after them, long enough to be quotations."""
    return [m.group(1) for m in _BARE.finditer(text) if len(m.group(1).split()) >= UNATTRIBUTED_WORDS]
