"""Checking composed YAML nodes against a schema, collecting every problem with its place.

A schema is a mapping of field name to ``Field``.  The reader walks only the
fields the schema knows, so unknown content is reported but never traversed.
The nodes form a tree (``yamlfile`` refuses anchors and aliases), so each is
read once.  No text with a control character is ever used, not even in a
message: it is reported by its code point instead.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, TypeGuard, TypeVar

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from engine.story.controls import UNSAFE, printable
from engine.story.diagnostics import Diagnostic, did_you_mean, error
from engine.story.model import StoryDate
from engine.story.position import Position

_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_FLOAT = re.compile(r"^[-+]?(?:\d+(?:\.\d*)?|\.\d+)$")

MAX_ID = 64
"""The longest id: the story's id names its save file, and file names are short (255 bytes at most)."""


@dataclass(frozen=True, slots=True)
class Field:
    """What a field holds.

    kinds: ``line`` (one line of text), ``text`` (prose), ``id``, ``date``,
    ``bool``, ``float``, ``names`` (a name or a list of names), ``record``
    (a nested mapping), ``records`` (a list of nested mappings) and ``table``
    (a mapping whose keys are names the author chooses, each matching ``key``,
    to nested mappings: a translation's string ids).
    """

    kind: str
    required: bool = False
    schema: Mapping[str, Field] | None = None
    allowed: tuple[str, ...] = ()
    low: float | None = None
    high: float | None = None
    key: re.Pattern[str] | None = None
    key_name: str = "a key"
    """What a ``table``'s keys are, for a message about one that does not match ``key``."""


@dataclass(slots=True)
class Record:
    """A checked mapping: its values, where each was written, and where it starts."""

    at: Position
    values: dict[str, Any] = field(default_factory=dict)
    spans: dict[str, Position] = field(default_factory=dict)

    def get(self, name: str, default: Any = None) -> Any:
        return self.values.get(name, default)


_TYPE_NAMES = {ScalarNode: "a single value", SequenceNode: "a list", MappingNode: "a mapping"}

_Kind = TypeVar("_Kind", bound=Node)


class NodeReader:
    """Reads nodes of one file; problems accumulate in ``problems``."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Diagnostic] = []

    def position(self, node: Node) -> Position:
        return Position(self.file, node.start_mark.line + 1, node.start_mark.column + 1)

    def record(self, node: Node, schema: Mapping[str, Field], what: str) -> Record | None:
        """Check a mapping node against ``schema``; None when it is not a mapping at all."""
        if not self._expect(node, MappingNode, what):
            return None
        result = Record(self.position(node))
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self._fail("E007", key_node, f"a key in {what} must be a plain name")
                continue
            if not self._untagged(key_node) or not self._safe_text(key_node, key_node.value, f"a key in {what}"):
                continue
            key = key_node.value
            if self._repeated(key, key_node, first_line, what):
                continue
            spec = schema.get(key)
            if spec is None:
                if key == "<<":
                    self._fail("E008", key_node, "merge keys ('<<') are not allowed; write the fields out")
                else:
                    self._fail(
                        "E005",
                        key_node,
                        f"unknown field '{key}' in {what}{did_you_mean(key, schema)}",
                        "known fields: " + ", ".join(schema),
                    )
                continue
            value = self._value(value_node, spec, f"'{key}' in {what}")
            if value is not None:
                result.values[key] = value
                result.spans[key] = self.position(value_node)
        for name, spec in schema.items():
            if spec.required and name not in first_line:
                self._fail("E006", node, f"{what} has no '{name}'")
        return result

    def records(self, node: Node, schema: Mapping[str, Field], what: str) -> list[Record]:
        if not self._expect(node, SequenceNode, f"the list in {what}"):
            return []
        found = (self.record(item, schema, what) for item in node.value)
        return [r for r in found if r is not None]

    def _value(self, node: Node, spec: Field, what: str) -> Any:
        if spec.kind == "record":
            assert spec.schema is not None
            return self.record(node, spec.schema, what)
        if spec.kind == "records":
            assert spec.schema is not None
            return self.records(node, spec.schema, what)
        if spec.kind == "names":
            return self._names(node, what)
        if spec.kind == "table":
            return self._table(node, spec, what)
        if not self._expect(node, ScalarNode, what) or not self._safe_text(node, node.value, what):
            return None
        return self._scalar(node, spec, what)

    def _scalar(self, node: ScalarNode, spec: Field, what: str) -> Any:
        raw: str = node.value
        if spec.kind == "bool":
            if raw not in ("true", "false"):
                return self._fail("E007", node, f"{what} must be true or false, not '{raw}'")
            return raw == "true"
        if spec.kind == "float":
            if not _FLOAT.match(raw):
                return self._fail("E007", node, f"{what} must be a number, not '{raw}'")
            number = float(raw)
            if (spec.low is not None and number < spec.low) or (spec.high is not None and number > spec.high):
                return self._fail("E011", node, f"{what} must lie between {spec.low:g} and {spec.high:g}, not {raw}")
            return number
        if spec.kind == "id":
            if not _ID.match(raw):
                return self._fail("E011", node, f"{what}: '{raw}' is not an id (lower case letters, digits, hyphens)")
            if len(raw) > MAX_ID:
                return self._fail(
                    "E011",
                    node,
                    f"{what}: '{raw[:24]}…' is {len(raw)} characters long; an id may have at most {MAX_ID}",
                )
        elif spec.kind == "date":
            try:
                return StoryDate.parse(raw)
            except ValueError as exc:
                return self._fail("E011", node, f"{what}: {exc}")
        elif spec.kind == "line" and "\n" in raw.strip():
            return self._fail("E007", node, f"{what} must be one line")
        if spec.allowed and raw not in spec.allowed:
            return self._fail(
                "E011",
                node,
                f"{what} must be one of {', '.join(spec.allowed)}, not '{raw}'{did_you_mean(raw, spec.allowed)}",
            )
        return raw.strip()

    def _table(self, node: Node, spec: Field, what: str) -> dict[str, Record] | None:
        """Each key (checked like a field name, and against ``spec.key``) to its record; each record's
        ``at`` is its key, where an author looks for it."""
        assert spec.schema is not None
        if not self._expect(node, MappingNode, what):
            return None
        found: dict[str, Record] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self._fail("E007", key_node, f"a key in {what} must be a single value")
                continue
            if not self._untagged(key_node) or not self._safe_text(key_node, key_node.value, f"a key in {what}"):
                continue
            key = key_node.value.strip()
            if self._repeated(key, key_node, first_line, what):
                continue
            if spec.key is not None and not spec.key.fullmatch(key):
                self._fail("E011", key_node, f"'{key[:80]}' in {what} is not {spec.key_name}")
                continue
            record = self.record(value_node, spec.schema, f"'{key}' in {what}")
            if record is not None:
                record.at = self.position(key_node)
                found[key] = record
        return found

    def _names(self, node: Node, what: str) -> tuple[str, ...] | None:
        if not self._untagged(node):
            return None
        items = [node] if isinstance(node, ScalarNode) else node.value if isinstance(node, SequenceNode) else None
        if items is None:
            self._fail("E007", node, f"{what} must be a name or a list of names, not a mapping")
            return None
        names: list[str] = []
        for item in items:
            if item is not node and not self._untagged(item):
                continue
            if not isinstance(item, ScalarNode):
                self._fail("E007", item, f"each item of {what} must be a single name, not {_TYPE_NAMES[type(item)]}")
            elif self._safe_text(item, item.value, what):
                names.append(item.value.strip())
        return tuple(names)

    def _safe_text(self, node: ScalarNode, raw: str, what: str) -> bool:
        bad = UNSAFE.search(raw)
        if bad is None:
            return True
        char = bad.group()
        name = unicodedata.name(char, "control character")
        self._fail(
            "E010",
            node,
            f"{what} holds U+{ord(char):04X} ({name}) at character {bad.start() + 1}",
            "control characters and terminal escape sequences can never reach the reader",
        )
        return False

    def _untagged(self, node: Node) -> bool:
        if node.tag in (_STR, _SEQ, _MAP):
            return True
        self._fail(
            "E009",
            node,
            f"YAML tags such as '{printable(node.tag)}' are not allowed",
            "a story is data: nothing in it is ever constructed or run",
        )
        return False

    def _expect(self, node: Node, kind: type[_Kind], what: str) -> TypeGuard[_Kind]:
        """True when ``node`` is an untagged ``kind``; otherwise the problem is reported (a tag first)."""
        if not self._untagged(node):
            return False
        if isinstance(node, kind):
            return True
        self._fail("E007", node, f"{what} must be {_TYPE_NAMES[kind]}, not {_TYPE_NAMES[type(node)]}")
        return False

    def _repeated(self, key: str, key_node: ScalarNode, first_line: dict[str, int], what: str) -> bool:
        """Whether ``key`` came before in this mapping (E004, told here); else it is noted as met."""
        if key in first_line:
            self._fail(
                "E004",
                key_node,
                f"'{key}' appears twice in {what} (first on line {first_line[key]})",
                "a later value would silently replace the first; keep one",
            )
            return True
        first_line[key] = key_node.start_mark.line + 1
        return False

    def _fail(self, code: str, node: Node, message: str, hint: str = "") -> None:
        self.problems.append(error(code, self.position(node), message, hint))
        return None
