"""The strip of days under the header: where the reader is in the offensive, and what they have read."""

from __future__ import annotations

from datetime import date

from rich.style import Style
from rich.text import Text
from textual.widgets import Static

from engine.i18n import pgettext
from engine.i18n.dates import month_name
from engine.reading.days import AFTER, BEFORE, ReadingDays, days, reading_days
from engine.reading.session import Session


class TimelineStrip(Static):
    """One line of the story's days: before │ 27 … 31 March │ 1 … 3 April │ after."""

    COMPONENT_CLASSES = {
        "strip--current",
        "strip--read",
        "strip--told",
        "strip--quiet",
        "strip--label",
    }

    shown: tuple[ReadingDays, tuple[date, ...]] | None = None

    def show(self, session: Session) -> None:
        """Mark the days (drawn again only when the marks change: one line, no layout)."""
        strip = tuple(days(session.story))
        self.set_class(not strip, "-no-days")  # a story dated only by month or year has no strip of days
        marks = reading_days(session)
        if strip and (marks, strip) != self.shown:
            self.shown = (marks, strip)
            self.update(self.render_days(marks, list(strip)), layout=False)

    def forget(self) -> None:
        """Draw again on the next show (the theme's colours changed)."""
        self.shown = None

    def render_days(self, marks: ReadingDays, strip: list[date]) -> Text:
        style = {
            name: self.get_component_rich_style(f"strip--{name}")
            for name in ("current", "read", "told", "quiet", "label")
        }

        def mark(slot: object, label: str) -> tuple[str, Style]:
            if slot in marks.current:
                return f"▸{label}", style["current"]
            if slot in marks.read:
                return f" {label}", style["read"]
            return f" {label}", style["told"] if slot in marks.told else style["quiet"]

        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(*mark(BEFORE, pgettext("strip of days", "before")))
        month = None
        for day in strip:
            if day.month != month:
                month = day.month
                text.append(" │ " + month_name(day.month), style["label"])
            text.append(*mark(day, str(day.day)))
        text.append(" │", style["label"])
        text.append(*mark(AFTER, pgettext("strip of days", "after")))
        return text
