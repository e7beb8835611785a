"""A story's cover: its id, title, subtitle and attribution, read from story.yaml before anything else.

The Textual reader greets the reader with these while the story loads behind
the title screen.  Importing PyYAML alone takes longer than the whole start-up
budget leaves, so the cover is read without it, from the plainest YAML only:
top-level ``key: value`` lines whose value is a plain one-line scalar of
ordinary characters, or a folded block (``>`` or ``>-``) of evenly indented
lines.  Anything else (quotes, anchors, tags, flow collections, document
markers, tabs, continued lines) is declined, and the caller loads and checks
the whole story first instead.  What is accepted reads exactly as PyYAML
reads it (a test holds the two side by side); the full load decides, as
always, whether the story can be read at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from engine.story.controls import UNSAFE
from engine.story.files import Unreadable, leaves, read_regular

if TYPE_CHECKING:
    from engine.story.model import Story

COVER_KEYS = ("id", "title", "subtitle", "attribution")

MAX_STORY_YAML = 1024 * 1024
"""A story.yaml longer than this is not read for its cover (the full load has its own limit)."""

_TOP_LINE = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*):(?: +(.*))?")
_PLAIN_VALUE = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`][^#:\[\]{}]*")
"""A plain scalar that means itself in YAML: no indicator first, and no comment, colon or bracket at all."""
_AWKWARD_START = re.compile(r"[\"'\[\]{}&*!%@`|>]")
"""Values of other keys starting so could span lines in ways this reader does not follow."""


@dataclass(frozen=True, slots=True)
class Cover:
    """What a story shows before it is loaded, and the folder to load it from."""

    folder: Path
    id: str
    title: str
    subtitle: str
    attribution: str

    @classmethod
    def of(cls, story: Story) -> Cover:
        return cls(Path(story.root), story.id, story.title, story.subtitle, story.attribution)


def read_cover(folder: Path) -> Cover | None:
    """The cover of the story in ``folder``, or None when story.yaml is not plain enough to read here."""
    path = folder / "story.yaml"
    try:
        if leaves(path, folder):
            return None
        text = read_regular(path, MAX_STORY_YAML).decode("utf-8-sig")
    except (OSError, Unreadable, UnicodeDecodeError):  # a FIFO or a device is never opened: see files
        return None
    if any(char in text for char in "\t\r\x85\u2028\u2029"):  # tabs, and line breaks other than LF
        return None
    values = cover_values(text.split("\n"))
    if values is None or not all(values.get(key) for key in ("id", "title", "attribution")):
        return None
    if any(UNSAFE.search(value) for value in values.values()):
        return None
    return Cover(folder, values["id"], values["title"], values.get("subtitle", ""), values["attribution"])


def cover_values(lines: list[str]) -> dict[str, str] | None:
    """The cover keys' values in the top-level mapping of these lines; None when in any doubt."""
    values: dict[str, str] = {}
    index = 0
    while index < len(lines):
        line = lines[index]
        index += 1
        if not line.strip() or line.startswith("#") or line.startswith(" "):
            continue  # blank, a comment, or inside a value this reader does not need
        top = _TOP_LINE.fullmatch(line.rstrip(" "))
        if top is None:
            return None  # a document marker, a directive, a flow mapping, a quoted or complex key
        key, value = top.group(1), top.group(2) or ""
        if key not in COVER_KEYS:
            if _AWKWARD_START.match(value) and value.rstrip(" ") not in (">", ">-", "|", "|-"):
                return None
            continue
        if key in values:
            return None  # said twice: the full load reports it
        if value.rstrip(" ") in (">", ">-"):
            folded, index = _folded_block(lines, index)
            if folded is None:
                return None
            values[key] = folded
        elif _PLAIN_VALUE.fullmatch(value.rstrip(" ")) and not _continues(lines, index):
            values[key] = value.strip()
        else:
            return None
    return values


def _folded_block(lines: list[str], index: int) -> tuple[str | None, int]:
    """A folded block scalar of lines at one indentation, no blank line inside, no trailing spaces."""
    body: list[str] = []
    indent = 0
    while index < len(lines) and (not lines[index] or lines[index].startswith(" ")):
        line = lines[index]
        index += 1
        if not line.strip():
            body.append("")
            continue
        if body and body[-1] == "":
            return None, index  # a blank line inside folds to a line break: not read here
        width = len(line) - len(line.lstrip(" "))
        indent = indent or width
        if width != indent or line.endswith(" "):
            return None, index
        body.append(line[indent:])
    while body and body[-1] == "":
        body.pop()
    return (" ".join(body) if body else None), index


def _continues(lines: list[str], index: int) -> bool:
    """Whether the next line that is not blank is indented: a plain value would run on into it."""
    while index < len(lines) and not lines[index].strip():
        index += 1
    return index < len(lines) and lines[index].startswith(" ")
