"""The side panel: tabs of background, casualties, politics, glossary and the scene's sources.

Entries link to each other; following a link remembers where the reader was,
so Backspace goes back, as in a browser.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Static, TabbedContent, TabPane
from textual.widgets.option_list import Option

from engine.reading.session import Session
from engine.story.model import PANELS, Scene, Story
from engine.tui.prose import ProseRenderer
from engine.tui.widgets.map_view import MapView
from engine.tui.widgets.prose_view import OpenRef, ProseView
from engine.tui.widgets.safe_option_list import SafeOptionList

TABS = (*PANELS, "glossary")
"""The panels that hold entries, in tab order; the Source tab follows them."""

NEW_MARK = "● "
"""Put before an entry the reader has not opened yet."""


class EntrySeen(Message):
    """The reader has had this entry in front of them."""

    def __init__(self, ref: str) -> None:
        super().__init__()
        self.ref = ref


class EntryBrowser(TabPane):
    """One panel's tab: its entries (new ones marked), the open entry, and the entry's links.

    The tab is empty until it is first needed (``build``): most readers open few
    of the tabs, and each built one costs memory for the whole reading.
    """

    def __init__(self, panel: str, title: str, renderer: ProseRenderer, *, built: bool = False) -> None:
        super().__init__(title, id=f"tab-{panel}", classes="entry-browser")
        self.panel = panel
        self.renderer = renderer
        self.built = built
        self.shown: str | None = None
        self._listed: tuple[tuple[str, ...], frozenset[str]] | None = None
        """What the list shows now: rebuilding an unchanged list costs a layout on every move."""
        self._ready = False
        """Built and mounted: until then what is asked for is kept, and done once it is."""
        self._wanted: tuple[tuple[str, ...], set[str]] | None = None
        self._pending: tuple[str | None, bool] = (None, False)
        """An entry to show and whether to take the keyboard, asked for before the tab was ready."""

    def compose(self) -> ComposeResult:
        if not self.built:
            return
        yield Static("Nothing here yet: entries appear as you read.", classes="empty", markup=False)
        yield SafeOptionList(id=f"{self.panel}-list", classes="entry-list")
        yield ProseView("Choose an entry above to read it.", id=f"{self.panel}-entry", classes="entry")
        yield Static("Links", classes="links-label", markup=False)
        yield SafeOptionList(id=f"{self.panel}-links", classes="entry-links")

    def build(self) -> None:
        """Make the tab's content, the first time it is needed."""
        if not self.built:
            self.built = True
            self.call_later(self._build)

    async def _build(self) -> None:
        if not self.children:  # asked for before it was mounted, it was composed with its content then
            await self.recompose()
            self._became_ready()

    def on_mount(self) -> None:
        if self.built:
            self._became_ready()

    def _became_ready(self) -> None:
        self._ready = True
        if self._wanted is not None:
            self.fill(*self._wanted)
        ref, focus = self._pending
        if ref is not None:
            self.show(ref)
        if focus:
            self.focus_list()

    def fill(self, refs: tuple[str, ...], new: set[str]) -> None:
        """List ``refs``, keeping the highlighted one where it was."""
        if not self._ready:
            self._wanted = (refs, new)
            return
        listing = (refs, frozenset(ref for ref in refs if ref in new))
        if listing == self._listed:
            return
        self._listed = listing
        entries = self.query_one(".entry-list", SafeOptionList)
        keep = entries.highlighted_option.id if entries.highlighted_option else self.shown
        entries.clear_options()
        entries.add_options(
            Option(Text.assemble((NEW_MARK, "bold") if ref in new else "  ", self.renderer.title_of(ref)), id=ref)
            for ref in refs)
        if refs:
            entries.highlighted = refs.index(keep) if keep in refs else 0
        self.set_class(not refs, "-no-entries")

    def show(self, ref: str) -> None:
        entry = self.renderer.story.entry(ref)
        if entry is None:
            return
        if not self._ready:
            self._pending = (ref, self._pending[1])
            return
        view = self.query_one(ProseView)
        drawn, links = self.renderer.entry(entry, view.prose_styles())
        view.update(drawn)
        view.scroll_home(animate=False)
        link_list = self.query_one(".entry-links", SafeOptionList)
        link_list.clear_options()
        link_list.add_options(Option(Text(self.renderer.title_of(link)), id=link) for link in links)
        link_list.highlighted = 0 if links else None
        self.set_class(bool(links), "-has-links")
        entries = self.query_one(".entry-list", SafeOptionList)
        index = next((i for i in range(entries.option_count) if entries.get_option_at_index(i).id == ref), None)
        if index is not None:
            entries.highlighted = index
        self.shown = ref
        self.add_class("-has-entry")
        self.post_message(EntrySeen(ref))

    def focus_list(self) -> None:
        """Put the keyboard in the list, and open its highlighted entry if none is open."""
        if not self._ready:
            self._pending = (self._pending[0], True)
            return
        entries = self.query_one(".entry-list", SafeOptionList)
        entries.focus()
        option = entries.highlighted_option
        if self.shown is None and option is not None and option.id:
            self.show(option.id)

    def on_option_list_option_highlighted(self, event: SafeOptionList.OptionHighlighted) -> None:
        if event.option_list.has_class("entry-list") and event.option_list.has_focus and event.option.id:
            event.stop()
            if event.option.id != self.shown:
                self.show(event.option.id)

    def on_option_list_option_selected(self, event: SafeOptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is None:
            return
        if event.option_list.has_class("entry-links"):
            self.post_message(OpenRef(event.option.id))
        elif event.option.id != self.shown:
            self.show(event.option.id)


class SourceView(ProseView):
    """The seed paragraphs and external sources the current scene cites."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: str | None = None
        self._wanted: tuple[Story, Scene] | None = None
        self._ready = False

    def on_mount(self) -> None:
        self._ready = True
        if self._wanted is not None:
            self.show(*self._wanted)

    def forget(self) -> None:
        """Draw again on the next show, even the same scene (the theme has changed)."""
        self._shown = None

    def show(self, story: Story, scene: Scene) -> None:
        """The sources of ``scene`` (nothing to do if they are on show already; drawn once mounted)."""
        self._wanted = (story, scene)
        if scene.id == self._shown or not self._ready:
            return
        self._shown = scene.id
        styles = self.prose_styles()
        section_title = {s.path: s.title for s in story.article.sections}
        parts: list[RenderableType] = [Text(f"Sources of “{scene.title}”", styles.title)]
        for source in scene.sources:
            parts.append(Text())
            paragraph = story.article.by_id.get(source)
            citation = story.citations.get(source)
            if paragraph is not None:
                where = section_title.get(paragraph.section, story.article.title)
                parts.append(Text(f"{story.article.title} · {where} · ¶{source.rsplit('/', 1)[-1]}", styles.meta))
                parts.append(Text(paragraph.text))
            elif citation is not None:
                parts.append(Text(citation.title, styles.emphasis))
                about = ", ".join(v for v in (citation.author, citation.publisher, citation.date) if v)
                for line in (about, citation.url, citation.note):
                    if line:
                        parts.append(Text(line, styles.meta if line is citation.url else ""))
            else:
                parts.append(Text(source, styles.meta))
        parts.append(Text())
        parts.append(Text(story.attribution, styles.note))
        self.update(Group(*parts))
        self.scroll_home(animate=False)


class SidePanel(TabbedContent):
    """The tabs beside the scene, and the back stack of links followed in them.

    The panel is the TabbedContent itself, and each entry tab its own pane:
    every container level drew and kept its own lines for the whole reading.
    """

    BINDINGS = [
        Binding("backspace", "back", "Back in panel", tooltip="Return to the entry you followed a link from",
                id="panel-back"),
    ]

    TAB_TITLES = {"background": "Background", "casualties": "Casualties", "politics": "Politics",
                  "glossary": "Glossary", "source": "Source", "map": "Map"}

    def __init__(self, renderer: ProseRenderer, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.renderer = renderer
        self._session: Session | None = None
        self.trail: list[str] = []
        """Entries the reader followed links from, most recent last."""

    def compose(self) -> ComposeResult:
        for name, title in self.TAB_TITLES.items():
            if name in TABS:  # the first is open first: built with the screen, so it is never drawn empty
                self.compose_add_child(EntryBrowser(name, title, self.renderer, built=name == TABS[0]))
            else:
                self.compose_add_child(TabPane(title, id=f"tab-{name}"))
        yield from super().compose()

    def content(self, name: str) -> Widget:
        """A tab's content, made the first time it is needed (the Source and Map tabs hold one widget)."""
        pane = self.get_pane(f"tab-{name}")
        if isinstance(pane, EntryBrowser):
            pane.build()
            return pane
        if pane.children:
            return pane.children[0]
        widget = SourceView(id="source-view") if name == "source" else MapView(id="map-view")
        pane.mount(widget)
        return widget

    def update_for(self, session: Session) -> None:
        """Show what this moment of the reading has unlocked, and the scene's sources and map.

        Only the open tab is drawn (the others when they open): drawing a map
        nobody sees on every move cost time and memory.
        """
        self._session = session
        self.refresh_entries(session)
        self._draw_open_tab()

    def _draw_open_tab(self) -> None:
        session = self._session
        if session is None:
            return
        widget = self.content(self.open_tab)
        if isinstance(widget, (SourceView, MapView)):
            widget.show(session.story, session.scene)

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        self._draw_open_tab()

    @staticmethod
    def _refs(panel: str, session: Session) -> tuple[str, ...]:
        if panel == "glossary":
            return tuple(t.ref for t in session.story.terms_in_order())
        return session.unlocked_in(panel)

    def refresh_entries(self, session: Session) -> None:
        """List the unlocked entries and mark the ones not opened yet, in the lists and the tab labels."""
        new = set(session.new_entries)
        for panel in TABS:
            refs = self._refs(panel, session)
            browser = self.get_pane(f"tab-{panel}")
            if isinstance(browser, EntryBrowser):  # kept until the tab is built
                browser.fill(refs, new)
            marked = any(ref in new for ref in refs)
            label = self.TAB_TITLES[panel] + (f" {NEW_MARK.strip()}" if marked else "")
            tab = self.get_tab(f"tab-{panel}")
            if str(tab.label) != label:  # a new label lays the tabs out again: only when it changes
                tab.label = label

    def redraw(self, session: Session) -> None:
        """Draw everything again in the current theme's colours."""
        for source in self.query(SourceView):
            source.forget()
        self.update_for(session)
        for browser in self.query(EntryBrowser):
            if browser.shown:
                browser.show(browser.shown)

    @property
    def open_tab(self) -> str:
        """The name of the tab on show (``background``, ``source``…)."""
        return self.active.removeprefix("tab-")

    def show_tab(self, name: str) -> None:
        self.active = f"tab-{name}"

    def focus_active(self) -> None:
        """Put the keyboard in the open tab: its entry list, or the tab's own content."""
        widget = self.content(self.open_tab)
        if isinstance(widget, EntryBrowser):
            widget.focus_list()
        else:
            focusable = [child for child in widget.query("*") if child.focusable]
            if focusable:
                focusable[0].focus()

    def open(self, ref: str, *, remember: bool = True) -> bool:
        """Open an entry or term in its tab; False when the story has no such entry."""
        panel = ref.partition("/")[0]
        if panel not in TABS or self.renderer.story.entry(ref) is None:
            return False
        current = self._current()
        if remember and current and current != ref:
            self.trail.append(current)
        browser = self.content(panel)
        assert isinstance(browser, EntryBrowser)
        self.show_tab(panel)
        browser.show(ref)
        focused = self.screen.focused
        if focused is not None and self in focused.ancestors:
            # Focus left in the tab just hidden would switch TabbedContent back to it.
            browser.focus_list()
        self.refresh_bindings()
        return True

    def _current(self) -> str | None:
        browser = self.active_pane
        return browser.shown if isinstance(browser, EntryBrowser) else None

    def action_back(self) -> None:
        if self.trail:
            self.open(self.trail.pop(), remember=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "back":
            return bool(self.trail)
        return True
