"""Problems found in a story, as a compiler reports them: code, severity, place, message.

The loader and the linter both produce these; text and JSON are two ways of
printing the same list.
"""

from __future__ import annotations

import json
import os
from collections.abc import Collection, Iterable, Iterator
from dataclasses import asdict, dataclass
from difflib import SequenceMatcher
from enum import StrEnum

from engine.story.controls import printable
from engine.story.position import Position

CODES: dict[str, str] = {
    "E001": "the file is not valid YAML",
    "E002": "the file is not UTF-8 text",
    "E003": "the file is too large",
    "E004": "a key appears twice in one mapping",
    "E005": "an unknown field",
    "E006": "a required field is missing",
    "E007": "a value of the wrong type",
    "E008": "an alias",
    "E009": "a YAML tag",
    "E010": "control characters or escape sequences in text",
    "E011": "a value that is not allowed",
    "E012": "a choice target that does not exist",
    "E013": "a reference to something that does not exist",
    "E014": "an id used twice",
    "E015": "a seed paragraph that does not exist",
    "E016": "a scene no reader can reach",
    "E017": "a dead end",
    "E018": "a path on which the date goes backwards",
    "E019": "empty text",
    "E020": "a missing file or folder, or a path that leaves the story",
    "E021": "nesting too deep",
    "E022": "not a regular file (a FIFO, a device or a folder), so it is never opened",
    "E023": "a quotation not recorded word for word in its source",
    "E024": "an essential scene that some path to an ending skips",
    "E025": "a translation of a string the story does not have",
    "E026": "a number or date of the English that its translation leaves out",
    "E027": "a quotation whose original words a translation changes or leaves out",
    "W101": "a seed paragraph nothing cites",
    "W102": "a scene longer than one screen",
    "W103": "a panel entry no scene unlocks",
    "W104": "too many reading states to check every path",
    "W105": "a quotation longer than a short quotation",
    "W106": "words in quotation marks with no source",
    "W107": "a string with no translation",
    "W108": "a translation of English that has changed since (stale)",
}
"""Every diagnostic code, with what it means (docs/story-format.md lists the same)."""


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem, at one place."""

    code: str
    severity: Severity
    file: str
    line: int
    column: int
    message: str
    hint: str = ""

    def as_text(self) -> str:
        head = f"{_shown(self.file)}:{self.line}:{self.column}: {self.severity.value}: {self.message} [{self.code}]"
        return f"{head}\n    hint: {self.hint}" if self.hint else head

    def as_dict(self) -> dict[str, object]:
        data = asdict(self)
        data["severity"] = self.severity.value
        return data


def error(code: str, at: Position, message: str, hint: str = "") -> Diagnostic:
    return _made(code, Severity.ERROR, at, message, hint)


def warning(code: str, at: Position, message: str, hint: str = "") -> Diagnostic:
    return _made(code, Severity.WARNING, at, message, hint)


def _made(code: str, severity: Severity, at: Position, message: str, hint: str) -> Diagnostic:
    """A diagnostic safe to print: file names and quoted values can carry control characters."""
    return Diagnostic(code, severity, printable(at.file), at.line, at.column, printable(message), printable(hint))


def did_you_mean(wrong: str, known: Collection[str]) -> str:
    """' (did you mean 'x'?)' when a known name is one slip from ``wrong``, else ''.

    A slip is one character left out, added, changed, or two swapped.  Only
    those neighbours of ``wrong`` are looked up, so the cost does not grow with
    ``known``: comparing each wrong name with every known one (difflib) took
    51 s for 3,000 misspelt targets.  Of several, the most alike wins, and only
    if difflib would call it close (a ratio of at least 0.75).
    """
    if not wrong or len(wrong) > MAX_SUGGESTED:
        return ""
    names = known if isinstance(known, (set, frozenset, dict)) else set(known)
    alphabet = _NAME_CHARS.union(wrong)
    near = {name for name in _slips(wrong, alphabet) if name in names}
    scored = [(SequenceMatcher(None, wrong, name).ratio(), name) for name in near]
    best = max((pair for pair in scored if pair[0] >= 0.75), default=None)
    return f" (did you mean '{best[1]}'?)" if best else ""


MAX_SUGGESTED = 64
"""Names longer than this (no id may be) get no suggestion."""

_NAME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-_/")


def _slips(wrong: str, alphabet: Iterable[str]) -> Iterator[str]:
    """Every name one slip from ``wrong``: a character left out, swapped with the next, changed or added."""
    letters = sorted(alphabet)
    for at in range(len(wrong) + 1):
        left, right = wrong[:at], wrong[at:]
        for letter in letters:
            yield left + letter + right
        if right:
            yield left + right[1:]
            if len(right) > 1:
                yield left + right[1] + right[0] + right[2:]
            for letter in letters:
                yield left + letter + right[1:]


def sort_key(d: Diagnostic) -> tuple[str, int, int, str]:
    return (d.file, d.line, d.column, d.code)


def _shown(file: str) -> str:
    """A path relative to the working directory when it is below it, as compilers print them."""
    try:
        relative = os.path.relpath(file)
    except ValueError:
        return file
    return file if relative.startswith("..") else relative


def format_text(diagnostics: Iterable[Diagnostic]) -> str:
    return "\n".join(d.as_text() for d in diagnostics)


def format_json(diagnostics: Iterable[Diagnostic], stats: dict[str, object], **sections: object) -> str:
    """The diagnostics and statistics as JSON; ``sections`` add more (a translation's statistics)."""
    return json.dumps(
        {"diagnostics": [d.as_dict() for d in diagnostics], "statistics": stats, **sections},
        indent=2,
        ensure_ascii=False,
    )
