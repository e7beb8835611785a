"""Prose drawn by ProseRenderer, scrolled in place; a click on a link asks for its entry."""

from __future__ import annotations

from rich.console import RenderableType
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.scrollbar import ScrollBarRender
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

    It draws its own scrollbar, in its last columns, instead of Textual's
    scrollbar widget.  That widget is laid out beside the prose: showing it,
    hiding it or changing its height asked the screen for another layout pass,
    and every pass painted it again, so a move took two or three passes
    where one does.  The bar looks as Textual's does (its colours and width
    come from the ``scrollbar-*`` styles; it does not light up under the
    pointer), and a click pages and a drag scrolls as on Textual's.
    """

    DEFAULT_CSS = """
    ProseView {
        overflow: hidden hidden;
    }
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
        self._wrapped: dict[tuple[int, Style], list[Strip]] = {}
        """The prose wrapped to a width in a style: with the scrollbar's columns and without."""
        self._bar = 0
        """Columns the scrollbar takes at the right: 0 while the prose fits."""
        self._bar_rows: list[Segment] = []
        self._bar_drawn_for: tuple[int, int, bool] | None = None
        self._grabbed: tuple[int, float] | None = None
        """While the thumb is dragged: the screen row it was taken at and the scroll position then."""

    @property
    def allow_vertical_scroll(self) -> bool:
        """Scrolls when the prose is longer than the view (Textual would ask its own scrollbar)."""
        return not self.is_disabled and self.max_scroll_y > 0

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
        self._wrapped.clear()
        if self._lay_out():
            self.refresh()

    def on_resize(self) -> None:
        if self._lay_out():
            self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._bar_drawn_for = None
        if self.is_mounted:
            self.call_later(self.on_resize)  # the lines are drawn in the widget's colours

    def render_lines(self, crop: Region) -> list[Strip]:
        """Lay the prose out first if the widget has a size it has not been laid out for.

        A view that was hidden (an entry in a tab not on show) learns its size
        from the layout that shows it, and hears of it (``on_resize``) only after
        that frame is drawn: wrapping here puts the text in that first frame
        instead of the next one.
        """
        self._lay_out()
        return super().render_lines(crop)

    def _lay_out(self) -> bool:
        """Wrap the prose to the widget's size and style, unless it is wrapped for them already.

        The new height changes no layout (the widget's size is the stylesheet's),
        so it is set without asking for one: the caller repaints.  A new height
        alone (the choices under the scene are fewer or more) wraps nothing again.
        """
        size = self.content_region.size
        if (size, self.rich_style) == self._laid_out_for or not size.width:
            return False
        self._laid_out_for = (size, self.rich_style)
        self._bar = 0
        lines = self._wrap(size.width)
        bar = min(self.styles.scrollbar_size_vertical, size.width - 1)
        if len(lines) > size.height and bar > 0:
            self._bar = bar
            lines = self._wrap(size.width - bar)
        self._lines = lines
        self._bar_drawn_for = None
        self.set_reactive(ProseView.virtual_size, Size(size.width - self._bar, len(lines)))
        self.scroll_y = min(self.scroll_y, self.max_scroll_y)
        return True

    def _wrap(self, width: int) -> list[Strip]:
        """Lines drawn in the widget's own colours, so that showing one makes no other copy of it."""
        key = (width, self.rich_style)
        wrapped = self._wrapped.get(key)
        if wrapped is None:
            if len(self._wrapped) >= 2:  # a new width or style: what was wrapped before is of no more use
                self._wrapped.clear()
            options = self.app.console.options.update_width(max(width, 1))
            lines = self.app.console.render_lines(self._prose, options, style=self.rich_style, pad=True)
            wrapped = self._wrapped[key] = [Strip(line, width) for line in lines]
        return wrapped

    def render_line(self, y: int) -> Strip:
        index = self.scroll_offset.y + y
        text_width = self.content_region.width - self._bar
        line = self._lines[index] if index < len(self._lines) else Strip.blank(text_width, self.rich_style)
        if not self._bar:
            return line
        return Strip([*line, self._bar_row(y)], text_width + self._bar)

    def _bar_row(self, y: int) -> Segment:
        """Row ``y`` of the scrollbar, drawn for the whole height once per scroll position."""
        height = self.content_region.height
        key = (round(self.scroll_y), height, self._grabbed is not None)
        if key != self._bar_drawn_for:
            self._bar_drawn_for = key
            styles = self.styles
            back = styles.scrollbar_background_active if self._grabbed else styles.scrollbar_background
            bar = styles.scrollbar_color_active if self._grabbed else styles.scrollbar_color
            if back.a < 1:
                back = self.background_colors[0] + back
            drawn = ScrollBarRender.render_bar(
                size=height,
                virtual_size=len(self._lines),
                window_size=height,
                position=self.scroll_y,
                thickness=self._bar,
                back_color=back.rich_color,
                bar_color=(back + bar).rich_color,
            )
            # Textual's scrollbar widget reads actions from these styles; this widget reads the mouse itself.
            self._bar_rows = [
                Segment(row.text, row.style and row.style.clear_meta_and_links()) for row in drawn.segments
            ]
        return self._bar_rows[y] if y < len(self._bar_rows) else Segment(" " * self._bar)

    def _thumb(self) -> tuple[float, float]:
        """The rows the scrollbar's thumb spans, as ``ScrollBarRender`` draws it."""
        height = self.content_region.height
        total = max(len(self._lines), 1)
        size = max(1.0, height * height / total)
        start = (height - size) * self.scroll_y / max(self.max_scroll_y, 1)
        return start, start + size

    def on_mouse_down(self, event: events.MouseDown) -> None:
        offset = event.get_content_offset(self)
        if not self._bar or offset is None or offset.x < self.content_region.width - self._bar:
            return
        event.stop()
        start, end = self._thumb()
        if offset.y < int(start):
            self.scroll_page_up(animate=False)
        elif offset.y >= end:
            self.scroll_page_down(animate=False)
        else:
            self._grabbed = (event.screen_y, self.scroll_y)
            self.capture_mouse()
            self.refresh()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        if self._grabbed is None:
            return
        row, was = self._grabbed
        height = max(self.content_region.height, 1)
        self.scroll_to(y=was + (event.screen_y - row) * len(self._lines) / height, animate=False, immediate=True)

    def on_mouse_up(self, event: events.MouseUp) -> None:
        if self._grabbed is not None:
            self._grabbed = None
            self.release_mouse()
            self.refresh()

    def on_click(self, event: events.Click) -> None:
        ref = ref_at(event.style)
        if ref:
            event.stop()
            self.post_message(OpenRef(ref))
