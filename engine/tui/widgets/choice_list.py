"""The choices under the scene: numbered, chosen by number key, arrows and Enter, or a click.

A choice that leads to a scene this reading has already read is marked, as
Ink's and ChoiceScript's readers mark them, so the reader sees the paths
already taken.
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.binding import Binding
from textual.widgets.option_list import Option

from engine.i18n import N_, _
from engine.reading.session import Option as SessionOption
from engine.tui.widgets.more_list import MoreList

WRAP_UP = "wrap-up"
"""The id of the option offered at an ending: what you read, and where next."""

TAKEN = "  ✓ read"
"""After a choice whose scene this reading has already read."""


class ChoiceList(MoreList, inherit_bindings=False):
    """The ways on from this scene; PageUp/PageDown are left to the scene's scrolling.

    A ``MoreList``: the box grows with its choices, up to the height the
    stylesheet allows, and says on its bottom edge when there are more.
    """

    BINDINGS = [
        Binding("up", "cursor_up", N_("Previous choice"), show=False, id="choice-up"),
        Binding("down", "cursor_down", N_("Next choice"), show=False, id="choice-down"),
        Binding("home", "first", N_("First choice"), show=False, id="choice-first"),
        Binding("end", "last", N_("Last choice"), show=False, id="choice-last"),
        Binding("enter", "select", N_("Take the choice"), show=False, id="choice-take"),
    ]

    def show(self, options: list[SessionOption], read: frozenset[str], *, ending: bool) -> None:
        prompts = []
        for option in options:
            label = Text(option.choice.label)
            if option.choice.target in read:
                label.append(TAKEN, "dim")
            prompts.append(Option(hanging(f"{option.number}. ", label), id=str(option.number)))
        if ending:
            prompts.append(Option(Text(_("The end of this reading: what you read, and where to go next")), id=WRAP_UP))
        self.set_options(prompts)
        self.highlighted = 0 if prompts else None
        self.set_class(not prompts, "-none")  # a class, not display: the size notice must still hide it


def hanging(number: str, label: Text) -> Table:
    """A choice laid out with a hanging indent: a wrapped line starts under the words, not the number."""
    grid = Table.grid()
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_row(Text(number, "bold"), label)
    return grid
