"""One tab of the side panel: its entries (new ones marked ●), and the entry opened from the list.

Moving through the list only moves the highlight; an entry counts as read when
it is opened (Enter, a click, a link, or the panel opening on what is new).
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.containers import Container
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from engine.i18n import _
from engine.reading.session import Session
from engine.tui.prose import ProseRenderer
from engine.tui.widgets.more_list import MoreList
from engine.tui.widgets.prose_view import ProseView

NEW_MARK = "●"
"""Put before an entry the reader has not opened yet."""


class EntryOpened(Message):
    """The reader has opened this entry: it is read now."""

    def __init__(self, ref: str) -> None:
        super().__init__()
        self.ref = ref


class EntryBrowser(Container):
    """A panel's entries and the open one; on a short terminal the open entry takes the list's place.

    Its widgets are made the first time the tab is shown: until then it only
    remembers what it would list, so a move does not lay out tabs nobody sees.
    """

    def __init__(self, panel: str, renderer: ProseRenderer) -> None:
        super().__init__(id=f"tab-{panel}", classes="panel-tab entry-browser")
        self.panel = panel
        self.renderer = renderer
        self.shown: str | None = None
        """The entry open in the tab, if any."""
        self.refs: tuple[str, ...] = ()
        self.new: frozenset[str] = frozenset()
        self._listed: tuple[tuple[str, ...], frozenset[str]] | None = None
        """What the list shows: listing an unchanged list again costs a layout on every move."""

    def build(self) -> None:
        """Make the tab's widgets (once) and list what it holds."""
        if not self.children:
            self.mount(
                Static(_("Nothing here yet: entries appear as you read."), classes="empty", markup=False),
                MoreList(id=f"{self.panel}-list", classes="entry-list"),
                ProseView(id=f"{self.panel}-entry", classes="entry"),
            )
        self._list()

    def fill(self, refs: tuple[str, ...], new: frozenset[str]) -> None:
        """What the tab lists: ``refs`` (those in ``new`` marked); drawn now only if the tab is built."""
        self.refs, self.new = refs, new & frozenset(refs)
        if self.children:
            self._list()

    def _list(self) -> None:
        refs, new = self.refs, self.new
        listing = (refs, new)
        if listing == self._listed:
            return
        self._listed = listing
        entries = self.query_one(".entry-list", OptionList)
        keep = entries.highlighted_option.id if entries.highlighted_option else self.shown
        entries.set_options(
            Option(Text.assemble((f"{NEW_MARK} ", "bold") if ref in new else "  ", self.renderer.title_of(ref)), id=ref)
            for ref in refs
        )
        if refs:
            entries.highlighted = refs.index(keep) if keep in refs else 0
        self.set_class(not refs, "-no-entries")
        if self.shown is not None and self.shown not in refs:
            self.close_entry()

    def show(self, ref: str, session: Session) -> None:
        """Draw ``ref`` in this tab (the panel, which opened it, tells the screen it is read)."""
        entry = self.renderer.story.entry(ref)
        if entry is None:
            return
        self.build()
        view = self.query_one(ProseView)
        drawn, _links = self.renderer.entry(entry, view.prose_styles(), session.is_open)
        view.update(drawn)
        view.scroll_home(animate=False, immediate=True)
        if ref in self.refs:
            self.query_one(".entry-list", OptionList).highlighted = self.refs.index(ref)
        self.shown = ref
        self.add_class("-reading")

    def close_entry(self) -> None:
        """Back to the list."""
        self.shown = None
        self.remove_class("-reading")

    def focus_list(self) -> None:
        self.screen.set_focus(self.query_one(".entry-list", OptionList))

    def focus_entry(self) -> None:
        """Focus the open entry now, not after the next refresh as ``Widget.focus`` does: the footer's
        keys then change in the frame that shows the entry, not in a frame of their own."""
        self.screen.set_focus(self.query_one(ProseView))

    @on(OptionList.OptionSelected, ".entry-list")
    def entry_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.Chosen(event.option.id))

    class Chosen(Message):
        """The reader chose an entry from the list (the panel opens it)."""

        def __init__(self, ref: str) -> None:
            super().__init__()
            self.ref = ref
