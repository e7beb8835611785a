"""Reading one YAML file into nodes, safely: no code, no implicit types, no surprises.

Files are composed, never constructed: the result is a tree of YAML nodes that
still knows where every value was written.  Every plain scalar stays the text
the author wrote (``No``, ``1993-04-01`` and ``12:30`` are strings); the schema
in ``fields`` decides what is a number or a boolean.  Tags are refused there;
here we refuse what cannot be composed safely: anchors and aliases (the
"billion laughs"), nesting deeper than any story needs, and files so large or
so fragmented that reading them would cost more than a story ever should.

There is one composer, and it checks every event: it takes the parser's event
stream (libyaml's in C, or PyYAML's pure-Python parser where libyaml is
missing) and builds the nodes itself, refusing an anchor or an alias at the
first event that carries one, the 100,001st value as it arrives and the 51st
level as it opens.  Nothing decides beforehand which files need checking, so
no way of writing a file (line breaks, flow style, quoting) slips past.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeAlias

import yaml
from yaml.events import (
    AliasEvent,
    CollectionEndEvent,
    CollectionStartEvent,
    Event,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    StreamEndEvent,
)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import BaseResolver

from engine.story.diagnostics import Diagnostic, error
from engine.story.files import NotRegular, TooLarge, leaves, read_regular
from engine.story.position import Position

if TYPE_CHECKING:
    from collections.abc import Callable

    from yaml._yaml import Mark as _LibyamlMark

MAX_FILE_BYTES = 5 * 1024 * 1024
"""Story files larger than this are refused before parsing."""

MAX_DEPTH = 50
"""Deepest nesting of lists and mappings; a story file needs about eight."""

MAX_NODES = 100_000
"""Most values in one file; each costs a few hundred bytes once composed."""

_STR = BaseResolver.DEFAULT_SCALAR_TAG
_SEQ = BaseResolver.DEFAULT_SEQUENCE_TAG
_MAP = BaseResolver.DEFAULT_MAPPING_TAG


_EventMark: TypeAlias = "yaml.Mark | _LibyamlMark"
"""Where an event was written: PyYAML's pure-Python ``Mark``, or libyaml's with the same fields."""


def _held(mark: _EventMark | None) -> yaml.Mark | None:
    """An event's mark, as a node or an error holds it.

    PyYAML's own composer and errors hold libyaml's marks wherever libyaml
    parsed (the fields are the same); types-PyYAML's stubs for ``Node`` and
    ``MarkedYAMLError`` name only the pure-Python ``Mark``, so this is where
    the two meet.
    """
    return mark  # type: ignore[return-value]  # types-PyYAML: nodes and errors hold libyaml's Mark too


class _Refused(yaml.MarkedYAMLError):
    """Something we refuse to compose, with the diagnostic code that names it."""

    def __init__(self, code: str, problem: str, mark: _EventMark | None) -> None:
        super().__init__(problem=problem, problem_mark=_held(mark))
        self.code = code
        self.reason = problem
        self.at = mark


class EventSource(Protocol):
    """What the composer needs of a parser: its events, one at a time."""

    def get_event(self) -> Event | None:
        """The next event; None once the stream has ended."""

    def dispose(self) -> None: ...


_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|[\s\S])")
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
"""What YAML (libyaml and PyYAML alike) counts as a line break."""


class _PureParser(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser):
    """PyYAML's pure-Python parser (used where libyaml is missing), refusing what libyaml refuses.

    Its scanner turns a double-quoted ``"\\ud800"`` into a lone surrogate,
    which no file can hold and no terminal can print, and ``"\\U00110000"``
    into a ValueError; libyaml refuses both as invalid escapes, and so do we,
    at the same place.
    """

    def __init__(self, text: str) -> None:
        yaml.reader.Reader.__init__(self, text)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)

    def scan_flow_scalar_non_spaces(self, double: bool, start_mark: yaml.Mark) -> list[str]:
        begin = self.get_mark()
        try:
            chunks: list[str] = super().scan_flow_scalar_non_spaces(double, start_mark)
        except ValueError:  # chr() of a code past U+10FFFF; the reader stands on its digits
            raise _invalid_escape(start_mark, self.get_mark()) from None
        if double:
            scanned = self.buffer[begin.pointer : self.pointer]
            for escape in _ESCAPE.finditer(scanned):
                code = escape.group(1) or escape.group(2)
                if code and 0xD800 <= int(code, 16) <= 0xDFFF:
                    after = escape.start() + 2  # the escape's code, past its backslash and letter
                    line, column = _moved(begin.line, begin.column, scanned[:after])
                    at = yaml.Mark(begin.name, begin.index + after, line, column, begin.buffer, begin.pointer + after)
                    raise _invalid_escape(start_mark, at)
        return chunks


def _invalid_escape(start_mark: yaml.Mark, at: yaml.Mark) -> yaml.scanner.ScannerError:
    """libyaml's own words for an escape that names no character."""
    return yaml.scanner.ScannerError(
        "while parsing a quoted scalar", start_mark, "found invalid Unicode character escape code", at
    )


def _moved(line: int, column: int, text: str) -> tuple[int, int]:
    """The 0-based line and column reached by reading ``text`` from (line, column)."""
    breaks = list(_LINE_BREAK.finditer(text))
    if not breaks:
        return line, column + len(text)
    return line + len(breaks), len(text) - breaks[-1].end()


_CParser = getattr(getattr(yaml, "cyaml", None), "CParser", None)

PARSER: Callable[[str], EventSource] = _CParser or _PureParser
"""The parser whose events are composed: libyaml's (about six times faster to scan) when PyYAML has it."""

USING_LIBYAML = _CParser is not None


def compose(events: EventSource) -> Node | None:
    """The single document of the event stream as nodes, every limit checked as its event arrives.

    Iterative, so no nesting can exhaust Python's stack, and untyped: a scalar
    is a string, a collection a list or a mapping, unless it carries a tag
    (which the schema then refuses).
    """
    get = events.get_event
    get()  # the stream starts
    first = get()  # the document starts, unless the stream is empty
    if first is None or isinstance(first, StreamEndEvent):
        return None
    root: Node | None = None
    open_nodes: list[tuple[Node, list[Node] | None]] = []
    children: list[Node] | None = None
    count = 0
    while True:
        event = get()
        if isinstance(event, (ScalarEvent, CollectionStartEvent)):
            if event.anchor is not None:
                raise _Refused(
                    "E008", f"anchors ('&{event.anchor}') are not allowed; write the value out", event.start_mark
                )
            count += 1
            if count > MAX_NODES:
                raise _Refused("E003", f"the file holds more than {MAX_NODES} values", event.start_mark)
            if len(open_nodes) >= MAX_DEPTH:
                raise _Refused("E021", f"nesting is deeper than {MAX_DEPTH} levels", event.start_mark)
            tag = event.tag
            if isinstance(event, ScalarEvent):
                node: Node = ScalarNode(
                    _STR if tag is None or tag == "!" else tag,
                    event.value,
                    _held(event.start_mark),
                    _held(event.end_mark),
                    event.style,
                )
            else:
                if isinstance(event, MappingStartEvent):
                    node = MappingNode(
                        _MAP if tag is None or tag == "!" else tag, [], _held(event.start_mark), None, event.flow_style
                    )
                else:
                    node = SequenceNode(
                        _SEQ if tag is None or tag == "!" else tag, [], _held(event.start_mark), None, event.flow_style
                    )
                open_nodes.append((node, children))
                children = node.value
                continue
        elif isinstance(event, CollectionEndEvent):
            node, children = open_nodes.pop()
            node.end_mark = _held(event.end_mark)
            if isinstance(event, MappingEndEvent):
                items = iter(node.value)
                node.value = list(zip(items, items, strict=False))  # key, value, key, value...: in pairs
        elif isinstance(event, AliasEvent):
            raise _Refused(
                "E008", f"aliases ('*{event.anchor}') are not allowed; write the value out", event.start_mark
            )
        else:  # the document ends
            break
        if children is None:
            root = node
        else:
            children.append(node)
    event = get()
    if event is not None and not isinstance(event, StreamEndEvent):
        raise yaml.composer.ComposerError(
            "expected a single document in the stream",
            _held(first.start_mark),
            "but found another document",
            _held(event.start_mark),
        )
    return root


@dataclass(frozen=True, slots=True)
class YamlFile:
    """A composed file: its root node (None when empty) and the name used in diagnostics."""

    name: str
    root: Node | None


def read_yaml(path: Path, name: str, folder: Path) -> tuple[YamlFile | None, list[Diagnostic]]:
    """Compose ``path``, a file of the story in ``folder``; on any failure return None and the reasons, never raise."""
    text, problems = read_story_text(path, name, folder)
    if text is None:
        return None, problems
    return compose_text(text, name)


def read_story_text(path: Path, name: str, folder: Path) -> tuple[str | None, list[Diagnostic]]:
    """The text of a story file (YAML or the article); None and the reasons when it cannot be read.

    Only a regular file in ``folder`` (links followed, but never out of it),
    of at most MAX_FILE_BYTES of UTF-8, is read; a FIFO, a device or a folder
    is never opened, and no more than the limit is ever read.
    """
    at = Position(name, 1, 1)
    if leaves(path, folder):
        return None, [
            error(
                "E020",
                at,
                f"the file leads out of the story folder, to {os.path.realpath(path)}",
                "a story reads only its own files; copy the file into the story folder",
            )
        ]
    try:
        data = read_regular(path, MAX_FILE_BYTES)
    except NotRegular as exc:
        return None, [error("E022", at, f"cannot read file: it is {exc.kind}, not a regular file")]
    except TooLarge as exc:
        most = f"{MAX_FILE_BYTES // 1_048_576} MB"
        said = (
            f"file is {exc.size / 1_048_576:.1f} MB; story files may be at most {most}"
            if exc.size is not None
            else f"file is larger than {most}"
        )
        return None, [error("E003", at, said, "split the content into several files")]
    except OSError as exc:
        return None, [error("E020", at, f"cannot read file: {exc.strerror or exc}")]
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        before = data[: exc.start].decode("utf-8", "replace")
        line, column = _line_column(before, len(before))
        return None, [
            error(
                "E002",
                Position(name, line, column),
                f"byte 0x{data[exc.start]:02x} is not UTF-8 text",
                "save the file as UTF-8",
            )
        ]


def compose_text(text: str, name: str) -> tuple[YamlFile | None, list[Diagnostic]]:
    """Compose YAML text into nodes; on any failure return None and one diagnostic, never raise."""
    parser = None
    try:
        parser = PARSER(text)
        return YamlFile(name, compose(parser)), []
    except yaml.reader.ReaderError as exc:  # its position counts bytes with libyaml, characters without
        line, column = _line_column(text, text.find(chr(exc.character)))
        return None, [
            error(
                "E010",
                Position(name, line, column),
                f"character U+{exc.character:04X} is not allowed in a story file",
                "control characters and terminal escape sequences can never reach the reader",
            )
        ]
    except _Refused as exc:
        at = Position(name, exc.at.line + 1, exc.at.column + 1) if exc.at is not None else Position(name, 1, 1)
        return None, [error(exc.code, at, exc.reason)]
    except yaml.MarkedYAMLError as exc:
        return None, [_syntax_error(exc, text, name)]
    except yaml.YAMLError as exc:
        return None, [error("E001", Position(name, 1, 1), str(exc))]
    finally:
        if parser is not None:
            parser.dispose()


def _syntax_error(exc: yaml.MarkedYAMLError, text: str, name: str) -> Diagnostic:
    mark = exc.problem_mark or exc.context_mark
    at = Position(name, mark.line + 1, mark.column + 1) if mark else Position(name, 1, 1)
    problem = exc.problem or exc.context or "invalid YAML"
    if "maximum nesting depth" in problem:  # libyaml's own limit, met while it scans ahead of us
        return error("E021", at, f"nesting is deeper than {MAX_DEPTH} levels")
    if mark is not None and _char_at(text, mark) == "\t":
        return error("E001", at, "a tab character cannot indent YAML", "indent with spaces")
    context = f" {exc.context}" if exc.context and exc.problem else ""
    return error("E001", at, f"invalid YAML:{context} {problem}".replace("  ", " "))


def _char_at(text: str, mark: yaml.Mark) -> str:
    lines = _LINE_BREAK.split(text)
    if mark.line < len(lines) and mark.column < len(lines[mark.line]):
        return lines[mark.line][mark.column]
    return ""


def _line_column(text: str, position: int) -> tuple[int, int]:
    """The 1-based line and column of ``text[position]``, lines broken as YAML breaks them."""
    line, column = _moved(0, 0, text[:position])
    return line + 1, column + 1
