"""Reading one YAML file into nodes, safely: no code, no implicit types, no surprises.

Files are composed, never constructed: the result is a tree of YAML nodes that
still knows where every value was written.  Every plain scalar stays the text
the author wrote (``No``, ``1993-04-01`` and ``12:30`` are strings); the schema
in ``fields`` decides what is a number or a boolean.  Tags are refused there;
here we refuse what cannot be composed safely.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml
from yaml.nodes import Node

from engine.story.diagnostics import Diagnostic, error
from engine.story.model import Position

MAX_FILE_BYTES = 5 * 1024 * 1024
"""Story files larger than this are refused before parsing."""

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
USING_LIBYAML = _Base is not yaml.SafeLoader


class _Composer(_Base):  # type: ignore[misc, valid-type]
    """The safe loader, with every implicit type resolver removed."""

    yaml_implicit_resolvers: dict = {}


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
        data = path.read_bytes()
    except OSError as exc:
        return None, [error("E020", Position(name, 1, 1), f"cannot read file: {exc.strerror}")]
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
    loader = _Composer(text)
    try:
        return YamlFile(name, loader.get_single_node()), []
    except yaml.reader.ReaderError as exc:
        line, column = _line_column(text, exc.position)
        return None, [error("E010", Position(name, line, column),
                            f"character U+{exc.character:04X} is not allowed in a story file",
                            "control characters and terminal escape sequences can never reach the reader")]
    except yaml.MarkedYAMLError as exc:
        return None, [_syntax_error(exc, text, name)]
    except yaml.YAMLError as exc:
        return None, [error("E001", Position(name, 1, 1), str(exc))]
    except RecursionError:
        return None, [error("E021", Position(name, 1, 1), "nesting is too deep to read")]
    finally:
        loader.dispose()


def _syntax_error(exc: yaml.MarkedYAMLError, text: str, name: str) -> Diagnostic:
    mark = exc.problem_mark or exc.context_mark
    at = Position(name, mark.line + 1, mark.column + 1) if mark else Position(name, 1, 1)
    problem = exc.problem or exc.context or "invalid YAML"
    if "maximum nesting depth" in problem:
        return error("E021", at, "nesting is too deep (more than 1000 levels)")
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
