"""Reading one YAML file into nodes, safely: no code, no implicit types, no surprises.

Files are composed, never constructed: the result is a tree of YAML nodes that
still knows where every value was written.  Every plain scalar stays the text
the author wrote (``No``, ``1993-04-01`` and ``12:30`` are strings); the schema
in ``fields`` decides what is a number or a boolean.  Tags are refused there;
here we refuse what cannot be composed safely: anchors and aliases (the
"billion laughs"), nesting deeper than any story needs, and files so large or
so fragmented that reading them would cost more than a story ever should.

Most files are composed by libyaml in C.  A cheap scan of the text first
decides whether the file could hold an anchor, an alias, deep nesting or too
many values; only then is it composed by our own checking composer (PyYAML's
Python ``Composer`` over either parser), which reports each of those at its
place.  The scan may send an innocent file the slow way, never a guilty one
the fast way: every limit holds on both paths.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from yaml.composer import Composer
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import BaseResolver

from engine.story.diagnostics import Diagnostic, error
from engine.story.position import Position

MAX_FILE_BYTES = 5 * 1024 * 1024
"""Story files larger than this are refused before parsing."""

MAX_DEPTH = 50
"""Deepest nesting of lists and mappings; a story file needs about eight."""

MAX_NODES = 100_000
"""Most values in one file; each costs a few hundred bytes once composed."""


class _Refused(yaml.MarkedYAMLError):
    """Something we refuse to compose, with the diagnostic code that names it."""

    def __init__(self, code: str, problem: str, mark: yaml.Mark) -> None:
        super().__init__(problem=problem, problem_mark=mark)
        self.code = code


def _plain_tag(self: object, kind: type, value: object, implicit: object) -> str:
    """Every untagged value is text, a list or a mapping: the schema, not YAML, decides types."""
    return _DEFAULT_TAGS[kind]


_DEFAULT_TAGS = {ScalarNode: BaseResolver.DEFAULT_SCALAR_TAG, SequenceNode: BaseResolver.DEFAULT_SEQUENCE_TAG,
                 MappingNode: BaseResolver.DEFAULT_MAPPING_TAG}


class _Composer(Composer, BaseResolver):
    """Composition with no implicit types (every plain scalar is a string), no aliases and bounded size."""

    resolve = _plain_tag

    def __init__(self) -> None:
        Composer.__init__(self)
        BaseResolver.__init__(self)
        self._depth = 0
        self._nodes = 0

    def compose_node(self, parent: Node | None, index: object) -> Node:
        event = self.peek_event()
        if isinstance(event, AliasEvent):
            raise _Refused("E008", f"aliases ('*{event.anchor}') are not allowed; write the value out",
                           event.start_mark)
        if event.anchor is not None:
            raise _Refused("E008", f"anchors ('&{event.anchor}') are not allowed; write the value out",
                           event.start_mark)
        self._nodes += 1
        if self._nodes > MAX_NODES:
            raise _Refused("E003", f"the file holds more than {MAX_NODES} values", event.start_mark)
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise _Refused("E021", f"nesting is deeper than {MAX_DEPTH} levels", event.start_mark)
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


class _PureComposer(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser, _Composer):
    """Our composer over PyYAML's pure-Python parser (used when libyaml is missing)."""

    def __init__(self, text: str) -> None:
        yaml.reader.Reader.__init__(self, text)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        _Composer.__init__(self)


_CParser = getattr(yaml, "cyaml", None) and getattr(yaml.cyaml, "CParser", None)

if _CParser is not None:
    class _FastComposer(_Composer, _CParser):  # type: ignore[misc, valid-type]
        """Our composer over libyaml's parser: about six times faster to scan."""

        def __init__(self, text: str) -> None:
            _CParser.__init__(self, text)
            _Composer.__init__(self)

    COMPOSER: type = _FastComposer
else:  # pragma: no cover - depends on how PyYAML was built
    COMPOSER = _PureComposer

USING_LIBYAML = COMPOSER is not _PureComposer


_CSafeLoader = getattr(yaml, "CSafeLoader", None)

if _CSafeLoader is not None:
    class _TrustedComposer(_CSafeLoader):  # type: ignore[misc, valid-type]
        """libyaml composing in C, with every implicit type resolver removed: for files the scan cleared."""

        resolve = _plain_tag

# An anchor or alias can only start a node: at the start of a line, after an
# indicator ("- ", "? ", ": ") or after a flow bracket or comma.
_ANCHOR_SIGN = re.compile(r"[&*]")
# Nesting comes from indentation, compact indicators ("- - - x") and flow brackets.
_DEEP_INDENT = re.compile(r"^ {20}", re.MULTILINE)
_COMPACT_RUN = re.compile(r"(?:[-?:] +){10}")
_BRACKET = re.compile(r"[\[\]{}]")


def _clearly_plain(text: str) -> bool:
    """True when the text cannot hold an anchor, an alias, nesting near MAX_DEPTH or too many values.

    Depth is at most 20 levels of indentation, plus 10 compact indicators, plus
    10 open flow brackets; values at most lines, commas and indicators.  Every
    bound over-counts, so a False only costs speed.
    """
    if any(_may_start_node(text, sign.start()) for sign in _ANCHOR_SIGN.finditer(text)):
        return False
    compact = "- -" in text or "? -" in text or ": -" in text
    if _DEEP_INDENT.search(text) or (compact and _COMPACT_RUN.search(text)):
        return False
    values = 2 * text.count("\n") + text.count(",") + text.count("- ") + text.count("[") + text.count("{") + 2
    if values > MAX_NODES:
        return False
    depth = 0
    for bracket in _BRACKET.finditer(text):
        depth = depth + 1 if bracket.group() in "[{" else max(0, depth - 1)
        if depth >= 10:
            return False
    return True


def _may_start_node(text: str, at: int) -> bool:
    """Whether the & or * at ``at`` could begin a node: after a line start, an indicator, a bracket or a comma."""
    i = at - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    if i < 0 or text[i] in "\n[{,":
        return True
    return text[i] in "-?:" and i < at - 1  # an indicator needs white space after it


@dataclass(frozen=True, slots=True)
class YamlFile:
    """A composed file: its root node (None when empty) and the name used in diagnostics."""

    name: str
    root: Node | None


def read_yaml(path: Path, name: str) -> tuple[YamlFile | None, list[Diagnostic]]:
    """Compose ``path``; on any failure return None and the reasons, never raise."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return None, [error("E003", Position(name, 1, 1),
                                f"file is {size / 1_048_576:.1f} MB; story files may be at most "
                                f"{MAX_FILE_BYTES // 1_048_576} MB",
                                "split the content into several files")]
        with path.open("rb") as handle:  # read at most the limit, even if the file grew meanwhile
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        return None, [error("E020", Position(name, 1, 1), f"cannot read file: {exc.strerror}")]
    if len(data) > MAX_FILE_BYTES:
        return None, [error("E003", Position(name, 1, 1),
                            f"file is larger than {MAX_FILE_BYTES // 1_048_576} MB")]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = data[: exc.start].decode("utf-8", "replace")
        line, column = _line_column(before, len(before))
        return None, [error("E002", Position(name, line, column),
                            f"byte 0x{data[exc.start]:02x} is not UTF-8 text",
                            "save the file as UTF-8")]
    return compose_text(text, name)


def compose_text(text: str, name: str) -> tuple[YamlFile | None, list[Diagnostic]]:
    """Compose YAML text into nodes; on any failure return None and one diagnostic, never raise."""
    loader = None
    try:
        fast = _CSafeLoader is not None and COMPOSER is _FastComposer and _clearly_plain(text)
        loader = _TrustedComposer(text) if fast else COMPOSER(text)
        return YamlFile(name, loader.get_single_node()), []
    except yaml.reader.ReaderError as exc:  # its position counts bytes with libyaml, characters without
        line, column = _line_column(text, text.find(chr(exc.character)))
        return None, [error("E010", Position(name, line, column),
                            f"character U+{exc.character:04X} is not allowed in a story file",
                            "control characters and terminal escape sequences can never reach the reader")]
    except _Refused as exc:
        mark = exc.problem_mark
        return None, [error(exc.code, Position(name, mark.line + 1, mark.column + 1), exc.problem)]
    except yaml.MarkedYAMLError as exc:
        return None, [_syntax_error(exc, text, name)]
    except yaml.YAMLError as exc:
        return None, [error("E001", Position(name, 1, 1), str(exc))]
    except RecursionError:  # our depth limit comes first; this guards a parser we do not know
        return None, [error("E021", Position(name, 1, 1), "nesting is too deep to read")]
    finally:
        if loader is not None:
            loader.dispose()


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
    lines = text.splitlines()
    if mark.line < len(lines) and mark.column < len(lines[mark.line]):
        return lines[mark.line][mark.column]
    return ""


def _line_column(text: str, position: int) -> tuple[int, int]:
    before = text[:position]
    line = before.count("\n") + 1
    return line, position - (before.rfind("\n") + 1) + 1
