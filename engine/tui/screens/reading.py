"""The reading screen: the scene and its choices, laid out for the prose, and the side panel beside it.

From 80 columns the scene is set 60 to 76 characters wide and the panel takes
the rest; closed, or on a narrower terminal, the panel folds to one line that
still says what is new.  Whether the panel is open is the reader's choice and
outlives any resize.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, runtime_checkable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.events import Resize
from textual.message import Message
from textual.reactive import var
from textual.widgets import Header

from engine.i18n import N_, _
from engine.reading.reading import FULL, SUMMARY, Reading
from engine.reading.session import Session
from engine.story.labels import thread_name
from engine.tui.prose import ProseRenderer
from engine.tui.screens.base import ReaderScreen, kept
from engine.tui.screens.content_note import ContentNoteScreen
from engine.tui.widgets.choice_list import WRAP_UP, ChoiceList
from engine.tui.widgets.entry_browser import EntryOpened
from engine.tui.widgets.panel_line import PanelLine
from engine.tui.widgets.prose_view import OpenRef, ProseView
from engine.tui.widgets.side_panel import SidePanel
from engine.tui.widgets.timeline_strip import TimelineStrip

if TYPE_CHECKING:
    from engine.story.model import Scene, Story

BESIDE = 100
"""From this width an open side panel sits beside the scene (at least 30 columns of it); below it,
an open panel covers the scene, and a closed one is one line under it."""

MEASURE = (60, 76)
"""The narrowest and widest line of scene text, in characters, when the panel is beside it."""

PANEL_ROOM = 60
"""Columns the scene leaves for the panel before it narrows towards the shortest measure."""

PROSE_PADDING = 6
"""The scene's padding (two columns each side) and its scrollbar (two), around its lines of text."""

LOOK_UP = "look-up"
"""The name the look-up dialog is installed under: one dialog, offered the scene's names each time."""

CONTENT_NOTE = "content-note"
"""The name the content note is installed under: one note screen, offered each scene's note."""

TIMELINE = "timeline"
"""The name the timeline is installed under: one timeline screen, offered the reading each time."""


@runtime_checkable
class MapKeeper(Protocol):
    """An app that keeps one map screen and shows it for a scene (the reader's app does)."""

    def open_map(self, story: Story, scene: Scene | None) -> None: ...


def scene_width(width: int, panel_open: bool) -> int:
    """The width of the scene's column: the text's measure plus its padding."""
    low, high = MEASURE
    if panel_open and width >= BESIDE:
        return max(low, min(high, width - PANEL_ROOM)) + PROSE_PADDING
    return min(high + PROSE_PADDING, width)


def beside(width: int) -> bool:
    """Whether an open panel sits beside the scene at this width (rather than over it)."""
    return width >= BESIDE


class ReadingScreen(ReaderScreen[None]):
    """Where the reading happens; every move goes through the Reading, which saves it at once."""

    CSS_PATH = ["../reading.tcss", "../map.tcss"]

    BINDINGS = [
        Binding(
            "1",
            "choose(1)",
            N_("Choose"),
            key_display="1-9",
            tooltip=N_("Take the choice with that number"),
            id="choose-1",
        ),
        *[Binding(str(n), f"choose({n})", N_("Take a choice"), show=False, id=f"choose-{n}") for n in range(2, 10)],
        Binding("b", "back", N_("Back"), tooltip=N_("Undo the last choice"), id="back"),
        Binding("f", "forward", N_("Forward"), tooltip=N_("Redo a choice you went back on"), id="forward"),
        Binding(
            "h",
            "history",
            N_("History"),
            tooltip=N_("The transcript of your reading: search it, save it, go back"),
            id="history",
        ),
        Binding(
            "t",
            "timeline",
            N_("Timeline"),
            show=False,
            tooltip=N_("Every dated event by phase; go back to a scene"),
            id="timeline",
        ),
        Binding("m", "map", N_("Map"), show=False, tooltip=N_("The map of this scene, on the whole screen"), id="map"),
        Binding("g", "look_up", N_("Look up"), tooltip=N_("Open a term or entry named in this scene"), id="look-up"),
        Binding("p,f2", "toggle_panel", N_("Panel"), tooltip=N_("Show or hide the side panel"), id="toggle-panel"),
        Binding(
            "s",
            "sources",
            N_("Sources"),
            show=False,
            tooltip=N_("The sources of this scene, in the side panel"),
            id="sources",
        ),
        Binding(
            "r",
            "read_in_full",
            N_("Read in full"),
            tooltip=N_("Read the scene you passed with a summary"),
            id="read-in-full",
        ),
        Binding(
            "q",
            "quit_reading",
            N_("Quit"),
            show=False,
            tooltip=N_("Quit; the reading is already saved"),
            id="quit-reading",
        ),
        Binding("escape", "close_panel", N_("Close panel"), show=False, id="close-panel"),
        Binding("pageup", "scroll_scene(-1)", N_("Scroll up"), show=False, id="scene-page-up"),
        Binding("pagedown", "scroll_scene(1)", N_("Scroll down"), show=False, id="scene-page-down"),
    ]

    panel_open: var[bool] = var(True)
    """The reader's choice: the panel shown (beside, or over the scene on a narrow terminal) or folded."""

    def __init__(self, reading: Reading, renderer: ProseRenderer) -> None:
        super().__init__()
        self.reading = reading
        self.renderer = renderer
        self.scene_refs: tuple[str, ...] = ()
        """The terms and entries named in the scene on screen, for Look up."""
        self._keys_shown: tuple[object, ...] | None = None
        self.choices_offered = 0
        """How many choices the scene offers (the number keys ask on every look at the keys).  Behind a
        content note they stay as they are: the note has the keys, and they are not looked at twice."""

    class ToTitle(Message):
        """The reader asked for the title screen (from the ending)."""

    @property
    def session(self) -> Session:
        return self.reading.session

    def compose(self) -> ComposeResult:
        # Before anything is styled: a change of the screen's classes later restyles everything in it.
        self.set_reactive(ReadingScreen.panel_open, beside(self.app.size.width))
        self.update_classes(self.layout_classes(self.app.size.width), update=False)
        yield Header(icon="≡")
        yield TimelineStrip(id="strip")
        with Horizontal(id="body"):
            with Vertical(id="column"):
                yield ProseView(id="scene")
                yield ChoiceList(id="choices")
            yield SidePanel(self.renderer, id="side")
        yield PanelLine(id="panel-line")
        yield from self.compose_edges()

    def on_mount(self) -> None:
        self.title = self.reading.story.title
        self._lay_out(self.app.size.width)
        self.arrive()
        self.query_one(ChoiceList).focus()
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self.call_after_refresh(self.redraw))

    # the layout

    def on_resize(self, event: Resize) -> None:
        super().on_resize(event)
        self._lay_out(event.size.width)

    def watch_panel_open(self) -> None:
        self._lay_out(self.size.width)
        if self.panel_open:
            self.read_entry(self.query_one(SidePanel).seen())

    def layout_classes(self, width: int) -> dict[str, bool]:
        """The screen's classes on a terminal ``width`` wide, with the panel as the reader left it."""
        classes = {"-panel-open": self.panel_open, "-panel-closed": not self.panel_open}
        if width:
            classes["-over"] = not beside(width)
        return classes

    def _lay_out(self, width: int) -> None:
        if width:
            self.query_one("#column").styles.width = scene_width(width, self.panel_open)
        self.update_classes(
            self.layout_classes(width)
        )  # at once: each change of a screen's classes restyles all it holds
        self.refresh_bindings()

    # showing a moment

    def arrive(self) -> None:
        """Show the current moment; a scene with a content note asks the reader first.

        Behind the note (it covers the screen) the moment before stays as it
        was until the reader answers: drawn there, the new scene's choices,
        hidden, took the keyboard's focus away, and every change beneath the
        note painted the note again.
        """
        scene = self.reading.scene
        if scene.content_note is not None and self.reading.note_answer(scene) is None:

            def answered(answer: str) -> None:
                self.reading.answer_note(scene.id, answer)
                with self.app.batch_update():
                    self.draw()

            note = kept(self.app, CONTENT_NOTE, ContentNoteScreen)
            note.offer(scene.content_note, scene.title, answered)
            self.app.push_screen(note)
            return
        with self.app.batch_update():  # one paint for the whole moment
            self.draw()

    def draw(self) -> None:
        reading, session = self.reading, self.reading.session
        scene = session.scene
        answer = reading.note_answer(scene)
        view = self.query_one("#scene", ProseView)
        summary = scene.content_note.summary if scene.content_note and answer == SUMMARY else None
        thread = thread_name(reading.story, scene.thread)
        drawn, self.scene_refs = self.renderer.scene(
            scene, view.prose_styles(), body=summary, hidden=answer is None, where=thread, is_open=session.is_open
        )
        view.update(drawn)
        view.scroll_home(animate=False, immediate=True)
        choices = self.query_one(ChoiceList)
        options = session.options()
        self.choices_offered = len(options)
        choices.show(options if answer else [], session.read, ending=session.at_ending and answer is not None)
        if self.focused is None and not choices.has_class("-none") and not self.too_small:
            choices.focus()
        self.query_one(TimelineStrip).show(session)
        opened = self.query_one(SidePanel).update_for(session, visible=self.panel_open and answer is not None)
        self.read_entry(opened)
        keys = (session.can_go_back, session.can_go_forward, answer)
        if keys != self._keys_shown:  # the keys can change only when these do: look again only then
            self._keys_shown = keys
            self.refresh_bindings()

    def read_entry(self, ref: str | None) -> None:
        """The panel showed ``ref`` to the reader: it is read now (saved only if that is news)."""
        if ref is not None:
            self.reading.mark_seen(ref)
        self.session_marks()

    def session_marks(self) -> None:
        """What is new, on the panel's tabs and on its folded line."""
        panel = self.query_one(SidePanel)
        panel.refresh_entries(self.session)
        self.query_one(PanelLine).show(panel.summary(self.session))

    def redraw(self) -> None:
        """Prose is drawn with the theme's colours, so a new theme means drawing it again."""
        self.query_one(TimelineStrip).forget()
        self.query_one(PanelLine).shown = ()
        self.draw()
        self.query_one(SidePanel).redraw()

    # moving through the reading

    def action_choose(self, number: int) -> None:
        if number > self.choices_offered:
            return
        self.reading.choose(number)
        self.arrive()

    @on(ChoiceList.OptionSelected, "#choices")
    def choice_taken(self, event: ChoiceList.OptionSelected) -> None:
        event.stop()
        if event.option.id == WRAP_UP:
            self.wrap_up()
        elif event.option.id:
            self.action_choose(int(event.option.id))

    def action_back(self) -> None:
        self.reading.back()
        self.arrive()

    def action_forward(self) -> None:
        self.reading.forward()
        self.arrive()

    def jump(self, index: int) -> None:
        """Go to any moment of the reading (from the history, the timeline or the palette)."""
        self.reading.go(index)
        self.arrive()

    def jump_to(self, index: int | None) -> None:
        """The answer of a screen that picks a moment: None leaves the reader where they were."""
        if index is not None:
            self.jump(index)

    def wrap_up(self) -> None:
        """At an ending: what the reader read, and where to go next."""
        from engine.tui.screens.ending import EndingScreen

        def chosen(where: int | str | None) -> None:
            if isinstance(where, int):
                self.jump(where)
            elif where == EndingScreen.TITLE:
                self.post_message(self.ToTitle())

        self.app.push_screen(EndingScreen(self.reading), chosen)

    def action_history(self) -> None:
        from engine.tui.screens.transcript import TranscriptScreen

        self.app.push_screen(TranscriptScreen(self.reading), self.jump_to)

    def action_timeline(self) -> None:
        from engine.tui.screens.timeline import TimelineScreen

        timeline = kept(self.app, TIMELINE, TimelineScreen, self.session)
        timeline.offer(self.session)  # made before, for another moment of the reading
        self.app.push_screen(timeline, self.jump_to)

    def action_map(self) -> None:
        if isinstance(self.app, MapKeeper):  # a call, not a message: the map opens in the key's own turn
            self.app.open_map(self.reading.story, self.session.scene)

    def action_read_in_full(self) -> None:
        self.reading.answer_note(self.session.scene.id, FULL)
        self.draw()

    def action_scroll_scene(self, direction: int) -> None:
        scroll = self.query_one("#scene", ProseView)
        if direction < 0:
            scroll.scroll_page_up()
        else:
            scroll.scroll_page_down()

    def action_quit_reading(self) -> None:
        self.app.exit()

    # the side panel

    def action_look_up(self) -> None:
        from engine.tui.screens.look_up import LookUpScreen

        refs = dict.fromkeys(self.scene_refs)
        shown = self.query_one(SidePanel).current()
        if shown is not None and self.panel_open:
            entry = self.reading.story.entry(shown)
            if entry is not None:
                _drawn, links = self.renderer.entry(
                    entry, self.query_one("#scene", ProseView).prose_styles(), self.session.is_open
                )
                refs.update(dict.fromkeys(links))
        if not refs:
            self.notify(_("Nothing in this scene has a glossary or panel entry."), timeout=3)
            return

        dialog = kept(self.app, LOOK_UP, LookUpScreen)
        dialog.offer([(ref, self.renderer.title_of(ref)) for ref in refs], lambda ref: self.open_ref(ref, focus=True))
        self.app.push_screen(dialog)

    def open_ref(self, ref: str, *, focus: bool = False) -> None:
        panel = self.query_one(SidePanel)
        if not panel.open(ref):
            self.notify(_("That entry opens once your reading reaches it."), timeout=4, markup=False)
            return
        self.panel_open = True
        if focus:
            panel.focus_active()

    def open_panel(self, name: str) -> None:
        """Show a tab of the side panel (from the command palette or ``s``)."""
        self.panel_open = True
        panel = self.query_one(SidePanel)
        panel.show_tab(name)
        panel.focus_active()

    def action_sources(self) -> None:
        self.open_panel("source")

    def action_toggle_panel(self) -> None:
        self.panel_open = not self.panel_open
        if self.panel_open:
            self.query_one(SidePanel).focus_active()
        else:
            self.query_one(ChoiceList).focus()

    def action_close_panel(self) -> None:
        self.panel_open = False
        self.query_one(ChoiceList).focus()

    @on(PanelLine.Clicked)
    def panel_line_clicked(self) -> None:
        self.action_toggle_panel()

    @on(OpenRef)
    def ref_opened(self, event: OpenRef) -> None:
        event.stop()
        self.open_ref(event.ref)

    @on(EntryOpened)
    def entry_opened(self, event: EntryOpened) -> None:
        event.stop()
        self.read_entry(event.ref)

    def action_state(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        session = self.session
        if action == "back":
            return session.can_go_back
        if action == "forward":
            return session.can_go_forward
        if action == "read_in_full":
            return self.reading.note_answer(session.scene) == SUMMARY
        if action == "close_panel":
            return self.panel_open and not beside(self.size.width)
        if action == "choose":
            return bool(parameters) and isinstance(parameters[0], int) and parameters[0] <= self.choices_offered
        return True
