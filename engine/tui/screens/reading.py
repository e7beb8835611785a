"""The reading screen: header, the strip of days, the scene and its choices, and the side panel."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Header

from engine.tui.screens.content_note import ContentNoteScreen
from engine.tui.screens.look_up import LookUpScreen
from engine.tui.screens.transcript import TranscriptScreen
from engine.tui.widgets.choice_list import RESTART, ChoiceList
from engine.tui.widgets.prose_view import OpenRef, ProseView
from engine.tui.widgets.reader_footer import ReaderFooter
from engine.tui.widgets.side_panel import EntrySeen, SidePanel
from engine.tui.widgets.size_notice import SizeNotice
from engine.tui.widgets.timeline_strip import TimelineStrip

if TYPE_CHECKING:
    from engine.tui.app import KalbajarApp

class ReadingScreen(Screen[None]):
    """Where the reading happens; every move goes through the session and is saved at once."""

    CSS_PATH = ["../reading.tcss", "../map.tcss", "../timeline.tcss"]

    BINDINGS = [
        Binding("1", "choose(1)", "Choose", key_display="1-9", tooltip="Take the choice with that number",
                id="choose-1"),
        *[Binding(str(n), f"choose({n})", f"Choice {n}", show=False, id=f"choose-{n}") for n in range(2, 10)],
        Binding("b", "back", "Back", tooltip="Undo the last choice", id="back"),
        Binding("f", "forward", "Forward", tooltip="Redo a choice you went back on", id="forward"),
        Binding("h", "transcript", "History", tooltip="The transcript: the whole reading so far; go back to any moment",
                id="transcript"),
        Binding("g", "look_up", "Look up", tooltip="Open a glossary term or entry named in this scene",
                id="look-up"),
        Binding("p,f2", "toggle_panel", "Panel", tooltip="Show or hide the side panel", id="toggle-panel"),
        Binding("t", "timeline", "Timeline", tooltip="The days of the offensive; go back to a moment",
                id="timeline"),
        Binding("m", "map", "Map", tooltip="The map of this scene, on the whole screen", id="map"),
        Binding("r", "read_in_full", "Read in full", tooltip="Read the scene you passed with a summary",
                id="read-in-full"),
        Binding("escape", "close_panel", "Close panel", show=False, id="close-panel"),
        Binding("pageup", "scroll_scene(-1)", "Scroll up", show=False, id="scene-page-up"),
        Binding("pagedown", "scroll_scene(1)", "Scroll down", show=False, id="scene-page-down"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.scene_refs: tuple[str, ...] = ()
        """The terms and entries named in the scene on screen, for Look up."""
        self._keys_shown: tuple[bool, bool, str | None] | None = None

    @property
    def reader(self) -> KalbajarApp:
        return cast("KalbajarApp", self.app)

    def compose(self) -> ComposeResult:
        # No containers for rows and columns: the stylesheet splits the screen's edges off in this
        # order (header, strip, footer, panel), and the scene and its choices fill what is left.
        # Every container level kept its own lines, and their pieces, in memory.
        yield Header(icon="≡")
        yield TimelineStrip(id="strip")
        yield ReaderFooter(show_command_palette=False)
        yield SidePanel(self.reader.renderer, id="side")
        yield ProseView(id="scene")
        yield ChoiceList(id="choices")
        yield SizeNotice()

    def on_mount(self) -> None:
        self.title = self.reader.story.title
        self.arrive()
        self.query_one(ChoiceList).focus()
        self.reader.theme_changed_signal.subscribe(self, lambda _theme: self.call_after_refresh(self.redraw))

    # showing a moment

    def arrive(self) -> None:
        """Show the current moment; a scene with a content note asks the reader first."""
        self.draw()
        scene = self.reader.session.scene
        if scene.content_note and scene.id not in self.reader.note_answers:
            def answered(answer: str | None) -> None:
                self.reader.note_answers[scene.id] = answer or ContentNoteScreen.SUMMARY
                self.draw()
                # The choices were hidden behind the note, and focus moved on: bring it back.
                self.query_one(ChoiceList).focus()

            self.app.push_screen(ContentNoteScreen(scene.content_note), answered)

    def draw(self) -> None:
        session = self.reader.session
        scene = session.scene
        answer = self.reader.note_answers.get(scene.id) if scene.content_note else ContentNoteScreen.FULL
        view = self.query_one("#scene", ProseView)
        summary = scene.content_note.summary if scene.content_note and answer == ContentNoteScreen.SUMMARY else None
        drawn, self.scene_refs = self.reader.renderer.scene(scene, view.prose_styles(), body=summary,
                                                            hidden=answer is None)
        view.update(drawn)
        view.scroll_home(animate=False)
        self.sub_title = scene.date.label()
        choices = self.query_one(ChoiceList)
        choices.show(session.options() if answer else [], ending=session.at_ending and answer is not None)
        if self.focused is None and not choices.has_class("-none"):
            choices.focus()
        self.query_one(TimelineStrip).show(session)
        self.query_one(SidePanel).update_for(session)
        keys = (session.can_go_back, session.can_go_forward, answer)
        if keys != self._keys_shown:  # the footer is rebuilt on every refresh: only when keys change
            self._keys_shown = keys
            self.refresh_bindings()

    def redraw(self) -> None:
        """Prose is drawn with the theme's colours, so a new theme means drawing it again."""
        self.draw()
        self.query_one(SidePanel).redraw(self.reader.session)

    def moved(self) -> None:
        self.reader.save()
        self.arrive()
        self.reader.collect_garbage_soon()

    def on_screen_resume(self) -> None:
        """Back from a dialog or another screen: what it was made of is garbage now, and a
        transcript or look-up opened next would add itself to it (the reading's peak memory)."""
        self.reader.collect_garbage_soon()

    # moving through the reading

    def action_choose(self, number: int) -> None:
        if number > len(self.reader.session.options()):
            self.app.bell()
            return
        self.reader.session.choose(number)
        self.moved()

    @on(ChoiceList.OptionSelected, "#choices")
    def choice_taken(self, event: ChoiceList.OptionSelected) -> None:
        event.stop()
        if event.option.id == RESTART:
            self.reader.session.restart()
            self.reader.note_answers.clear()
            self.moved()
        elif event.option.id:
            self.action_choose(int(event.option.id))

    def action_back(self) -> None:
        self.reader.session.back()
        self.moved()

    def action_forward(self) -> None:
        self.reader.session.forward()
        self.moved()

    def action_transcript(self) -> None:
        self.app.push_screen(TranscriptScreen(self.reader.session), self.jump_to)

    def jump(self, index: int) -> None:
        """Go to any moment of the reading (from the transcript, the timeline or the palette)."""
        self.reader.session.go(index)
        self.moved()

    def jump_to(self, index: int | None) -> None:
        """The answer of a screen that picks a moment: None leaves the reader where they were."""
        if index is not None:
            self.jump(index)

    def action_timeline(self) -> None:
        from engine.tui.screens.timeline import TimelineScreen

        self.app.push_screen(TimelineScreen(self.reader.session), self.jump_to)

    def action_map(self) -> None:
        from engine.tui.screens.map_screen import MapScreen

        self.app.push_screen(MapScreen(self.reader.story, self.reader.session.scene))

    def action_read_in_full(self) -> None:
        self.reader.note_answers[self.reader.session.scene.id] = ContentNoteScreen.FULL
        self.draw()

    def action_scroll_scene(self, direction: int) -> None:
        scroll = self.query_one("#scene", ProseView)
        if direction < 0:
            scroll.scroll_page_up()
        else:
            scroll.scroll_page_down()

    # the side panel

    def action_look_up(self) -> None:
        if not self.scene_refs:
            self.notify("Nothing in this scene has a glossary or panel entry.", timeout=3)
            return
        renderer = self.reader.renderer

        def chosen(ref: str | None) -> None:
            if ref:
                self.open_ref(ref, focus=True)

        self.app.push_screen(LookUpScreen([(ref, renderer.title_of(ref)) for ref in self.scene_refs]), chosen)

    def open_ref(self, ref: str, *, focus: bool = False) -> None:
        panel = self.query_one(SidePanel)
        if not panel.open(ref):
            self.notify(f"The story has no entry '{ref}'.", severity="warning", timeout=4, markup=False)
            return
        self.unfold_panel(focus=focus)

    def open_panel(self, name: str) -> None:
        """Show a tab of the side panel (from the command palette)."""
        self.query_one(SidePanel).show_tab(name)
        self.unfold_panel(focus=True)

    def unfold_panel(self, *, focus: bool) -> None:
        self.remove_class("-panel-closed")
        if self.has_class("-narrow"):
            self.add_class("-panel-open")
        if focus or self.has_class("-narrow"):
            self.query_one(SidePanel).focus_active()
        self.refresh_bindings()

    def action_toggle_panel(self) -> None:
        fold = "-panel-open" if self.has_class("-narrow") else "-panel-closed"
        self.toggle_class(fold)
        if self.panel_visible:
            self.query_one(SidePanel).focus_active()
        else:
            self.query_one(ChoiceList).focus()
        self.refresh_bindings()

    def action_close_panel(self) -> None:
        self.remove_class("-panel-open")
        self.query_one(ChoiceList).focus()
        self.refresh_bindings()

    @property
    def panel_visible(self) -> bool:
        if self.has_class("-narrow"):
            return self.has_class("-panel-open")
        return not self.has_class("-panel-closed")

    @on(OpenRef)
    def ref_opened(self, event: OpenRef) -> None:
        event.stop()
        self.open_ref(event.ref)

    @on(EntrySeen)
    def entry_seen(self, event: EntrySeen) -> None:
        event.stop()
        session = self.reader.session
        if event.ref in session.seen:
            return
        session.mark_seen(event.ref)
        self.reader.save()
        self.query_one(SidePanel).refresh_entries(session)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        session = self.reader.session
        scene = session.scene
        if action == "back":
            return session.can_go_back
        if action == "forward":
            return session.can_go_forward
        if action == "read_in_full":
            return bool(scene.content_note) and self.reader.note_answers.get(scene.id) == ContentNoteScreen.SUMMARY
        if action == "close_panel":
            return self.has_class("-narrow") and self.has_class("-panel-open")
        return True
