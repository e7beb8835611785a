"""Prose drawn by ProseRenderer, scrolled in place; a click on a link asks for its entry."""

from __future__ import annotations

from rich.console import RenderableType
from rich.style import Style
from rich.text import Text
from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from engine.tui.prose import ProseStyles, ref_at


class OpenRef(Message):
    """Open a panel entry or glossary term (``background/district``, ``glossary/kelbajar``)."""

    def __init__(self, ref: str) -> None:
        super().__init__()
        self.ref = ref


class ProseView(ScrollView):
    """Story prose; its look comes from the ``prose--*`` component classes in the stylesheet.

    One widget that scrolls its own lines, not a Static in a scrolling container:
    each container level drew and kept a copy of its lines for the whole reading.
    The prose is laid out again only when it or the widget's size changes.
    """

    COMPONENT_CLASSES = {
        "prose--title",
        "prose--meta",
        "prose--emphasis",
        "prose--link",
        "prose--term",
        "prose--quote",
        "prose--note",
    }

    def __init__(self, prose: RenderableType = "", *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._prose: RenderableType = Text(prose) if isinstance(prose, str) else prose
        self._lines: list[Strip] = []
        self._laid_out_for: tuple[Size, Style] | None = None

    def prose_styles(self) -> ProseStyles:
        def style(name: str) -> Style:
            return self.get_component_rich_style(f"prose--{name}")

        return ProseStyles(
            title=style("title"),
            meta=style("meta"),
            emphasis=style("emphasis"),
            link=style("link"),
            term=style("term"),
            quote=style("quote"),
            note=style("note"),
        )

    def update(self, prose: RenderableType) -> None:
        self._prose = prose
        self._laid_out_for = None
        self._lay_out()

    def on_resize(self) -> None:
        self._lay_out()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        if self.is_mounted:
            self.call_later(self._lay_out)  # the lines are drawn in the widget's colours

    def _lay_out(self) -> None:
        size = self.content_region.size
        if (size, self.rich_style) == self._laid_out_for or not size.width:
            return
        self._laid_out_for = (size, self.rich_style)
        lines = self._wrap(size.width)
        if len(lines) > size.height and self.styles.overflow_y == "auto":
            lines = self._wrap(size.width - self.styles.scrollbar_size_vertical)  # room for the scrollbar
        self._lines = lines
        self.virtual_size = Size(max((line.cell_length for line in lines), default=0), len(lines))
        self.refresh()

    def _wrap(self, width: int) -> list[Strip]:
        """Lines drawn in the widget's own colours, so that showing one makes no other copy of it."""
        options = self.app.console.options.update_width(max(width, 1))
        lines = self.app.console.render_lines(self._prose, options, style=self.rich_style, pad=True)
        return [Strip(line, width) for line in lines]

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.scrollable_content_region.width
        index = scroll_y + y
        if index >= len(self._lines):
            return Strip.blank(width, self.rich_style)
        line = self._lines[index]
        return (
            line
            if (scroll_x, line.cell_length) == (0, width)
            else line.crop_extend(scroll_x, scroll_x + width, self.rich_style)
        )

    def on_click(self, event: events.Click) -> None:
        ref = ref_at(event.style)
        if ref:
            event.stop()
            self.post_message(OpenRef(ref))
