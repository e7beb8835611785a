"""At an ending: what the reading covered, and where to go next.

Read another thread (back to the last moment where one branches off), write
the reading edition of the whole story to a file, or go to the title screen.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from engine.i18n import N_, _, ngettext
from engine.reading.reading import Reading
from engine.reading.wrap_up import WrapUp, wrap_up
from engine.story.controls import printable
from engine.tui.screens.base import ReaderScreen

ANOTHER, EDITION, STAY = "another", "edition", "stay"


class EndingScreen(ReaderScreen[int | str | None]):
    """Dismisses with a moment to go back to, TITLE for the title screen, or None to stay."""

    CSS_PATH = "../dialogs.tcss"

    TITLE = "title"
    BINDINGS = [Binding("escape", "dismiss(None)", N_("Back to the scene"), id="ending-close")]

    def __init__(self, reading: Reading) -> None:
        super().__init__()
        self.reading = reading
        self.summary: WrapUp = wrap_up(reading.session)

    def compose(self) -> ComposeResult:
        with Vertical(id="ending-box"):
            yield Static(_("This reading ends here"), id="ending-title", markup=False)
            with VerticalScroll(id="ending-summary"):
                yield Static(self._told(), id="ending-told", markup=False)
            yield OptionList(*self._options(), id="ending-options")
        yield from self.compose_edges()

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def _told(self) -> Text:
        s = self.summary
        names = ", ".join(t.name for t in s.followed) or _("none")
        lines = [
            _("You read {read} of the story's {total} scenes, following: {threads}.").format(
                read=s.scenes_read, total=s.scenes_total, threads=names
            )
        ]
        if s.not_followed:
            lines.append(
                _("Threads you did not follow: {threads}.").format(threads=", ".join(t.name for t in s.not_followed))
            )
        if s.unopened:
            entries = (self.reading.story.entry(ref) for ref in s.unopened)
            titles = "; ".join(entry.title for entry in entries if entry is not None)
            lines.append(_("Entries waiting in the side panel, not opened yet: {titles}.").format(titles=titles))
        if s.not_reached:
            lines.append(
                ngettext(
                    "{count} entry of the side panels waits in scenes this reading did not reach.",
                    "{count} entries of the side panels wait in scenes this reading did not reach.",
                    s.not_reached,
                ).format(count=s.not_reached)
            )
        return Text("\n\n".join(lines))

    def _options(self) -> list[Option]:
        options = []
        another = self.summary.another
        if another is not None:
            thread = f" ({another.thread.name})" if another.thread else ""
            words = _("Read another thread: back to “{scene}”, to choose “{choice}”").format(
                scene=another.scene.title, choice=another.choice.label
            )
            options.append(Option(Text(words + thread), id=ANOTHER))
        options.append(Option(_("Write the reading edition of the whole story (HTML) to a file"), id=EDITION))
        options.append(Option(_("Go to the title screen"), id=self.TITLE))
        options.append(Option(_("Stay with this scene"), id=STAY))
        return options

    @on(OptionList.OptionSelected)
    def chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id == ANOTHER and self.summary.another is not None:
            self.dismiss(self.summary.another.moment)
        elif event.option.id == EDITION:
            self.write_edition()
        elif event.option.id == self.TITLE:
            self.dismiss(self.TITLE)
        else:
            self.dismiss(None)

    @work(group="edition", exclusive=True)
    async def write_edition(self) -> None:
        """Run ``kalbajar export`` for this story; the reader reads on while it writes."""
        story = self.reading.story
        target = self.reading.store.directory / "edition.html"
        self.notify(_("Writing the reading edition…"), timeout=3)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            process = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "engine",
                "export",
                "--format",
                "html",
                "--story",
                str(Path(story.root)),
                "-o",
                str(target),
                stdout=asyncio.subprocess.DEVNULL,
                stderr=asyncio.subprocess.PIPE,
            )
            _out, err = await process.communicate()
        except OSError as error:
            self.notify(
                _("The edition could not be written: {reason}").format(reason=error), severity="error", markup=False
            )
            return
        if process.returncode:
            reason = printable(err.decode("utf-8", "replace")).strip().splitlines()[-1:] or [_("unknown error")]
            self.notify(
                _("The edition could not be written: {reason}").format(reason=reason[0]), severity="error", markup=False
            )
        else:
            self.notify(
                _("The reading edition is at {path}").format(path=target), title=_("Written"), timeout=30, markup=False
            )
