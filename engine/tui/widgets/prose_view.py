"""A Static that shows prose drawn by ProseRenderer, and asks for an entry when a link is clicked."""

from __future__ import annotations

from textual import events
from textual.message import Message
from textual.widgets import Static

from engine.tui.prose import ProseStyles, ref_at


class OpenRef(Message):
    """Open a panel entry or glossary term (``background/district``, ``glossary/kelbajar``)."""

    def __init__(self, ref: str) -> None:
        super().__init__()
        self.ref = ref


class ProseView(Static):
    """Story prose; its look comes from the ``prose--*`` component classes in the stylesheet."""

    COMPONENT_CLASSES = {
        "prose--title",
        "prose--meta",
        "prose--emphasis",
        "prose--link",
        "prose--term",
        "prose--quote",
        "prose--note",
    }

    def prose_styles(self) -> ProseStyles:
        def style(name: str):
            return self.get_component_rich_style(f"prose--{name}")

        return ProseStyles(title=style("title"), meta=style("meta"), emphasis=style("emphasis"),
                           link=style("link"), term=style("term"), quote=style("quote"), note=style("note"))

    def on_click(self, event: events.Click) -> None:
        ref = ref_at(event.style)
        if ref:
            event.stop()
            self.post_message(OpenRef(ref))
