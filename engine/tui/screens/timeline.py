"""The timeline: every dated event of the story by phase, and a way back to any scene already read.

Unread scenes are listed, so the reader sees the shape of the whole battle,
but cannot be jumped to: the timeline never skips the reading ahead.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from engine.i18n import N_, _, pgettext
from engine.reading.session import Session
from engine.reading.timeline import TimelineEvent, TimelinePhase, timeline_events
from engine.story.labels import panel_name, source_titles
from engine.tui.screens.base import ReaderScreen

READ, UNREAD, DISPUTED = "✓", "○", "‡"
"""Marks that read without colour: read, not read yet, and disputed (the editor notes the sources)."""


def legend() -> str:
    """The timeline's legend: one line above the list (the detail under it says the rest)."""
    return _("{read} read · {unread} not read yet · {disputed} disputed · c. approximate").format(
        read=READ, unread=UNREAD, disputed=DISPUTED
    )


class TimelineScreen(ReaderScreen[int | None]):
    """Dismisses with the index of the moment to go back to, or None.

    The reading screen keeps one (installed) and offers it the reading each
    time it opens: made anew, its hundred-odd events were composed, styled and
    laid out on every opening, and Textual laid out and painted the new screen
    two or three times over.
    """

    CSS_PATH = "../timeline.tcss"

    BINDINGS = [
        Binding("escape,t", "close", N_("Back to the reading"), id="timeline-close", tooltip=N_("Back to the story")),
    ]
    """The keys of the timeline."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.phases: list[TimelinePhase] = []
        self.events: dict[str, TimelineEvent] = {}

    def offer(self, session: Session) -> None:
        """The reading to show the next time the screen opens, written into it now."""
        self.session = session
        if self.is_mounted:
            self.fill()

    def compose(self) -> ComposeResult:
        with Vertical(id="timeline-box"):
            yield Static(id="timeline-title", markup=False)
            yield Static(id="timeline-legend", markup=False)
            yield OptionList(id="timeline-list")
            yield Static(id="timeline-detail", markup=False)
        yield from self.compose_edges()

    def on_mount(self) -> None:
        self.fill()

    def fill(self) -> None:
        """Every event as the reading stands, in today's language, the current scene highlighted."""
        session = self.session
        self.phases = timeline_events(session.story, session)
        self.events = {}
        self.query_one("#timeline-title", Static).update(_("Timeline — {title}").format(title=session.story.title))
        self.query_one("#timeline-legend", Static).update(legend())
        timeline = self.query_one(OptionList)
        timeline.set_options(self._options())
        current = session.scene.id
        here = next(
            (i for i, option in enumerate(timeline.options) if option.id and self.events[option.id].ref == current),
            None,
        )
        timeline.highlighted = here
        if here is None:
            self.query_one("#timeline-detail", Static).update("")
        self.set_focus(timeline)

    def _options(self) -> list[Option]:
        width = max((len(e.date.label()) for g in self.phases for e in g.events), default=0)
        kinds = max((len(_kind_name(e)) for g in self.phases for e in g.events), default=0)
        options: list[Option] = []
        for group in self.phases:
            options.append(Option(Text(_phase_heading(group), style="bold"), disabled=True))
            for event in group.events:
                key = f"event-{len(self.events)}"
                self.events[key] = event
                options.append(Option(_event_line(event, width, kinds), id=key))
        return options

    @on(OptionList.OptionHighlighted, "#timeline-list")
    def show_detail(self, event: OptionList.OptionHighlighted) -> None:
        chosen = self.events.get(event.option.id or "")
        self.query_one("#timeline-detail", Static).update(_detail(chosen, self.session) if chosen else "")
        # The detail's new height can push the highlight out of a short list: bring it back once laid out.
        timeline = self.query_one(OptionList)
        timeline.call_after_refresh(timeline.scroll_to_highlight)

    @on(OptionList.OptionSelected, "#timeline-list")
    def jump(self, event: OptionList.OptionSelected) -> None:
        chosen = self.events.get(event.option.id or "")
        if chosen is not None and chosen.moment is not None:
            self.dismiss(chosen.moment)
        elif chosen is not None:
            self.notify(_why_not(chosen), title=_("Cannot go there"), severity="warning")

    def action_close(self) -> None:
        self.dismiss(None)


def _phase_heading(group: TimelinePhase) -> str:
    if group.phase is None:
        return _("Before the first phase")
    epilogue = " " + _("(epilogue)") if group.phase.epilogue else ""
    return f"{group.phase.title} — {group.phase.date.label()}{epilogue}"


def _kind_name(event: TimelineEvent) -> str:
    if event.kind == "scene":
        return pgettext("timeline", "Scene")
    if event.kind == "front":
        return pgettext("timeline", "Front")
    return panel_name(event.panel or event.kind)


def _event_line(event: TimelineEvent, width: int, kinds: int) -> Text:
    """One event: its mark, date and kind in columns as wide as the longest of each (names differ by language)."""
    mark = " " if event.kind == "front" else READ if event.read else UNREAD
    line = Text(f" {mark} {event.date.label():<{width}}  {_kind_name(event):<{kinds}}  ")
    line.append(" ".join(event.title.split()), style="" if event.read else "dim")
    if event.disputed:
        line.append(f" {DISPUTED}", style="bold")
    return line


def _why_not(event: TimelineEvent) -> str:
    if event.kind == "scene":
        return _("Not read yet: the timeline only goes back to scenes you have read.")
    if event.kind == "front":
        return _("A front is shown on the map, not a scene to go to.")
    where = panel_name(event.panel)
    return (
        _("An entry of the {panel} panel, not a scene to go to.").format(panel=where)
        if event.read
        else _("An entry of the {panel} panel that no scene you have read has opened yet.").format(panel=where)
    )


def _detail(event: TimelineEvent, session: Session) -> Text:
    lines = [
        _("{kind}: {title}").format(kind=_kind_name(event), title=" ".join(event.title.split())),
        _("Date: {date}").format(date=event.date.label()),
    ]
    if event.moment is not None:
        lines.append(_("Enter goes back to this scene (the last time you were there)."))
    else:
        lines.append(_why_not(event))
    if event.disputed:
        lines.append(f"{DISPUTED} " + _("Editor's note: {note}").format(note=" ".join(event.note.split())))
    if event.sources:
        lines.append(_("Sources: ") + source_titles(session.story, event.sources))
    return Text("\n".join(lines))
