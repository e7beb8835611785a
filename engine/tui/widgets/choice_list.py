"""The choices under the scene: numbered, chosen by number key, arrows and Enter, or a click."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.widgets.option_list import Option

from engine.reading.session import Option as SessionOption
from engine.tui.widgets.safe_option_list import SafeOptionList

RESTART = "restart"
"""The id of the option offered at an ending: begin a new reading."""


class ChoiceList(SafeOptionList, inherit_bindings=False):
    """The ways on from this scene; PageUp/PageDown are left to the scene's scrolling."""

    BINDINGS = [
        Binding("up", "cursor_up", "Previous choice", show=False, id="choice-up"),
        Binding("down", "cursor_down", "Next choice", show=False, id="choice-down"),
        Binding("home", "first", "First choice", show=False, id="choice-first"),
        Binding("end", "last", "Last choice", show=False, id="choice-last"),
        Binding("enter", "select", "Take the choice", show=False, id="choice-take"),
    ]

    def show(self, options: list[SessionOption], *, ending: bool) -> None:
        self.clear_options()
        prompts = [Option(Text.assemble((f"{o.number}. ", "bold"), o.choice.label), id=str(o.number))
                   for o in options]
        if ending:
            prompts.append(Option(Text("Begin a new reading"), id=RESTART))
        self.add_options(prompts)
        self.highlighted = 0 if prompts else None
        self.set_class(not prompts, "-none")  # a class, not display: the size notice must still hide it
