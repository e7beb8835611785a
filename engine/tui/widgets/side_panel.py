"""The side panel: tabs of background, casualties, politics, the glossary, the scene's sources and its map.

It shows what the reading has reached and nothing beyond it.  On arriving at
a scene that unlocks something, the panel turns to it; following links
remembers where the reader was, so Backspace goes back, as in a browser.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Vertical
from textual.widget import Widget
from textual.widgets import ContentSwitcher

from engine.i18n import N_
from engine.reading.session import Session
from engine.story.labels import panel_name
from engine.story.model import PANELS
from engine.tui.prose import ProseRenderer
from engine.tui.widgets.entry_browser import NEW_MARK, EntryBrowser, EntryOpened
from engine.tui.widgets.panel_tabs import PanelTabs
from engine.tui.widgets.source_view import SourceView

ENTRY_TABS = (*PANELS, "glossary", "documents")
"""The tabs that hold entries, in order; Source and Map follow them."""

TABS = (*ENTRY_TABS, "source", "map")
"""Every tab of the panel, in order; each is titled by ``panel_name``."""


def listed(panel: str, session: Session) -> tuple[str, ...]:
    """What a tab lists now: the entries unlocked, the glossary terms met, the documents linked so far."""
    met = set(session.met)
    if panel == "glossary":
        return tuple(t.ref for t in session.story.terms_in_order() if t.ref in met)
    if panel == "documents":
        return tuple(d.ref for d in session.story.documents.values() if d.ref in met)
    return session.unlocked_in(panel)


class SidePanel(Vertical):
    """The tabs beside the scene, and the trail of entries followed by links.

    A strip of tab names (``PanelTabs``) over a ``ContentSwitcher`` of the tabs'
    contents, each a container named ``tab-NAME``.
    """

    BINDINGS = [
        Binding(
            "backspace",
            "panel_back",
            N_("Back in panel"),
            tooltip=N_("The entry you came from, or the list"),
            id="panel-back",
        ),
    ]

    def __init__(self, renderer: ProseRenderer, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.renderer = renderer
        self.session: Session | None = None
        self.trail: list[str] = []
        """Entries the reader followed links from, most recent last."""
        self.waiting: str | None = None
        """A new entry to open when the panel is next seen (it is unread until then)."""

    def compose(self) -> ComposeResult:
        yield PanelTabs([(name, panel_name(name)) for name in TABS], id="panel-tabs")
        with ContentSwitcher(initial=f"tab-{TABS[0]}"):
            for name in TABS:
                if name in ENTRY_TABS:
                    yield EntryBrowser(name, self.renderer)
                else:
                    yield Container(id=f"tab-{name}", classes="panel-tab")

    def pane(self, name: str) -> Widget:
        """The contents of tab ``name``."""
        return self.query_one(ContentSwitcher).get_child_by_id(f"tab-{name}")

    def browser(self, panel: str) -> EntryBrowser:
        pane = self.pane(panel)
        assert isinstance(pane, EntryBrowser)
        return pane

    def tab_label(self, name: str) -> str:
        """The label the strip shows for tab ``name`` (its title, and ``●`` when it holds something unread)."""
        return self.query_one(PanelTabs).label(name)

    def content(self, name: str) -> Widget:
        """The Source or Map tab's one widget, made the first time it is needed."""
        pane = self.pane(name)
        if pane.children:
            return pane.children[0]
        if name == "source":
            widget: Widget = SourceView(id="source-view")
        else:
            from engine.tui.widgets.map_view import MapView

            widget = MapView(id="map-view")
        pane.mount(widget)
        return widget

    def update_for(self, session: Session, *, visible: bool) -> str | None:
        """Show what this moment has reached; turn to what this scene unlocks, opening it if it can be seen.

        Returns the entry opened (the caller marks it read), if any.
        """
        self.session = session
        fresh = [ref for ref in session.scene.unlocks if ref in session.new_entries]
        self.waiting = fresh[0] if fresh else None
        if self.waiting and visible:
            return self.seen()
        self._draw_open_tab()
        return None

    def seen(self) -> str | None:
        """The panel is in view: open the entry that was waiting for the reader, if any; returns it."""
        if self.waiting is not None:
            ref, self.waiting = self.waiting, None
            self.open(ref, remember=False, announce=False)
            return ref
        self._draw_open_tab()
        return None

    def _draw_open_tab(self) -> None:
        if self.open_tab in ENTRY_TABS:
            self.browser(self.open_tab).build()
            return
        if self.session is None:
            return
        widget = self.content(self.open_tab)
        show = getattr(widget, "show", None)
        if show is not None:
            show(self.session.story, self.session.scene)

    @on(PanelTabs.Chosen)
    def tab_chosen(self, event: PanelTabs.Chosen) -> None:
        event.stop()
        self.show_tab(event.name)

    def on_mount(self) -> None:
        self._draw_open_tab()

    def refresh_entries(self, session: Session) -> None:
        """List what is open and mark what is unread, in the lists and the tab labels."""
        new = frozenset(session.new_entries)
        tabs = self.query_one(PanelTabs)
        for panel in ENTRY_TABS:
            refs = listed(panel, session)
            self.browser(panel).fill(refs, new)
            marked = any(ref in new for ref in refs)
            tabs.set_label(panel, panel_name(panel) + (f" {NEW_MARK}" if marked else ""))

    def redraw(self) -> None:
        """Draw everything again in the current theme's colours."""
        for source in self.query(SourceView):
            source.forget()
        if self.session is not None:
            for panel in ENTRY_TABS:
                browser = self.browser(panel)
                if browser.shown:
                    browser.show(browser.shown, self.session)
        self._draw_open_tab()

    @property
    def open_tab(self) -> str:
        """The name of the tab on show (``background``, ``source``…)."""
        return self.query_one(PanelTabs).active

    def show_tab(self, name: str) -> None:
        self.query_one(PanelTabs).show(name)
        self.query_one(ContentSwitcher).current = f"tab-{name}"
        self._draw_open_tab()

    def focus_active(self) -> None:
        """Put the keyboard in the open tab: its list, its open entry, or the tab's own content."""
        if self.open_tab in ENTRY_TABS:
            browser = self.browser(self.open_tab)
            browser.build()
            if browser.shown:
                browser.focus_entry()
            else:
                browser.focus_list()
        else:
            widget = self.content(self.open_tab)
            if widget.focusable:
                self.screen.set_focus(widget)

    def open(self, ref: str, *, remember: bool = True, announce: bool = True) -> bool:
        """Open an entry or term in its tab; False when it is not there or not reached yet.

        ``announce`` tells the screen (a message) that the entry is read; the screen's own
        redraw, which knows already, opens without it.
        """
        panel = ref.partition("/")[0]
        session = self.session
        if panel not in ENTRY_TABS or self.renderer.story.entry(ref) is None:
            return False
        if session is None or not session.is_open(ref):
            return False
        self.waiting = None  # the reader chose what to read
        current = self.current()
        if remember and current and current != ref:
            self.trail.append(current)
        self.show_tab(panel)
        browser = self.browser(panel)
        browser.show(ref, session)
        focused = self.screen.focused
        if focused is not None and self in focused.ancestors:
            browser.focus_entry()  # focus left in the tab just hidden would turn the panel back to it
            self.refresh_bindings()  # Backspace's footer entry follows the trail, seen only from in here
        if announce:
            self.post_message(EntryOpened(ref))
        return True

    def current(self) -> str | None:
        """The entry open in the tab on show, if any."""
        pane = self.pane(self.open_tab)
        return pane.shown if isinstance(pane, EntryBrowser) else None

    @on(EntryBrowser.Chosen)
    def entry_chosen(self, event: EntryBrowser.Chosen) -> None:
        event.stop()
        self.open(event.ref)
        self.browser(event.ref.partition("/")[0]).focus_entry()

    def action_panel_back(self) -> None:
        """Back along the links followed; with none left, from the open entry to its list."""
        if self.trail:
            self.open(self.trail.pop(), remember=False)
            return
        pane = self.pane(self.open_tab)
        if isinstance(pane, EntryBrowser) and pane.shown:
            pane.close_entry()
            pane.focus_list()
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "panel_back":
            return bool(self.trail) or self.current() is not None
        return True

    def summary(self, session: Session) -> list[tuple[str, int]]:
        """For the folded panel's line: each entry tab and how many unread entries it holds."""
        new = set(session.new_entries)
        return [(panel_name(p), sum(ref in new for ref in listed(p, session))) for p in ENTRY_TABS]
