"""Help: the bundled help.md, which lists every key.

help.md uses a small part of Markdown (headings, paragraphs, tables, `keys`
and **bold**), drawn here with Rich: the Markdown widget would add ~9 MiB and
~100 ms to a reading for one page of help (see benchmarks/tui_budget.py).
"""

from __future__ import annotations

import re
from pathlib import Path

from rich.console import Group, RenderableType
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

HELP_FILE = Path(__file__).with_name("help.md")
_INLINE = re.compile(r"`([^`]+)`|\*\*([^*]+)\*\*")
_RULE = re.compile(r"^[|\-: ]+$")


class HelpText(Static):
    """The help page; its look comes from the ``help--*`` component classes."""

    COMPONENT_CLASSES = {"help--title", "help--heading", "help--key", "help--bold"}

    def on_mount(self) -> None:
        self.update(self.draw(HELP_FILE.read_text(encoding="utf-8")))

    def draw(self, source: str) -> Group:
        title, heading, key, bold = (self.get_component_rich_style(f"help--{name}")
                                     for name in ("title", "heading", "key", "bold"))

        def inline(text: str) -> Text:
            out, position = Text(), 0
            for match in _INLINE.finditer(text):
                out.append(text[position:match.start()])
                out.append(match.group(1) or match.group(2), key if match.group(1) else bold)
                position = match.end()
            out.append(text[position:])
            return out

        parts: list[RenderableType] = []
        for block in re.split(r"\n\s*\n", source.strip()):
            lines = [line.strip() for line in block.splitlines()]
            if lines[0].startswith("#"):
                level = len(lines[0]) - len(lines[0].lstrip("#"))
                parts.append(Text(lines[0].lstrip("#").strip(), title if level == 1 else heading))
            elif lines[0].startswith("|"):
                rows = [[cell.strip() for cell in line.strip("|").split("|")] for line in lines
                        if not _RULE.match(line)]
                table = Table(box=None, pad_edge=False, header_style=Style(bold=True), padding=(0, 2, 0, 0))
                for name in rows[0]:
                    table.add_column(name)
                for row in rows[1:]:
                    table.add_row(*(inline(cell) for cell in row))
                parts.append(table)
            else:
                parts.append(inline(" ".join(lines)))
            parts.append(Text())
        return Group(*parts)


class HelpScreen(ModalScreen[None]):
    """A modal over whatever the reader was doing; Escape, F1, ? or q closes it."""

    CSS_PATH = "../help.tcss"
    BINDINGS = [Binding("escape,f1,q,question_mark", "dismiss(None)", "Close help", id="help-close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield HelpText(id="help-text")

    def on_mount(self) -> None:
        self.query_one("#help-box").focus()
