"""The title screen: continue a kept reading, begin a new one, or open a chapter, as in any game's title screen.

It is drawn from the story's cover before the story has loaded; the menu fills
in once the app hands it the shelf of kept readings.  Nothing here loses a
reading: a new reading is a new one beside the others, and deleting one asks
first.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from engine.i18n import N_, _, current_language, language_name, ngettext
from engine.i18n.dates import day_label
from engine.story.cover import Cover
from engine.tui.screens.base import ReaderScreen

if TYPE_CHECKING:  # the title screen is drawn before the story has loaded: these modules load with it
    from engine.reading.readings import Kept, Shelf
    from engine.story.model import Story

CONTINUE, NEW, READINGS, CHAPTERS, LANGUAGE = "continue", "new", "readings", "chapters", "language"
"""The menu's entries."""


def when(stamp: str) -> str:
    """A saved time for a reader: '2 December 2026, 14:03' (or nothing for a save that does not say)."""
    try:
        moment = (
            datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%S%z")
            if "+" in stamp or stamp[-5:-4] == "-"
            else datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%S")
        )
    except ValueError:
        return ""
    return f"{day_label(moment.day, moment.month, str(moment.year))}, {moment:%H:%M}"


class TitleScreen(ReaderScreen[None]):
    """The first screen: a menu, and under it the kept readings or the chapters when asked for."""

    AUTO_FOCUS = "#title-menu"
    BINDINGS = [
        Binding("n", "new", N_("New reading"), tooltip=N_("Begin a new reading; the others are kept"), id="title-new"),
        Binding(
            "r",
            "readings",
            N_("Readings"),
            tooltip=N_("Every kept reading: continue one, or delete one"),
            id="title-readings",
        ),
        Binding(
            "c",
            "chapters",
            N_("Chapters"),
            tooltip=N_("The chapters of your last reading; open one"),
            id="title-chapters",
        ),
        Binding(
            "d,delete",
            "delete",
            N_("Delete"),
            tooltip=N_("Delete the highlighted reading (asks first)"),
            id="title-delete",
        ),
        Binding("escape", "menu", N_("Menu"), tooltip=N_("Back to the menu"), id="title-menu"),
    ]

    class Continue(Message):
        """Open a kept reading, at its own moment or at ``moment`` (a chapter's start)."""

        def __init__(self, kept: Kept, moment: int | None = None) -> None:
            super().__init__()
            self.kept, self.moment = kept, moment

    class Begin(Message):
        """Begin a new reading."""

    class ChooseLanguage(Message):
        """Ask which language to read in."""

    class Delete(Message):
        """Delete a kept reading (the reader has confirmed it)."""

        def __init__(self, kept: Kept) -> None:
            super().__init__()
            self.kept = kept

    def __init__(self, cover: Cover, *, readings_found: int, languages: Sequence[str]) -> None:
        super().__init__()
        self.cover = cover
        self.readings_found = readings_found
        """Before the shelf arrives: how many reading files the folder holds, so the menu offers what the
        shelf will (a menu that changed length when the story loaded would move every entry under a
        reader's pointer, and a click aimed at "New reading" would land on the line above)."""
        self.languages = languages
        """English and every language the story is translated into: more than one offers a choice."""
        self.story: Story | None = None
        self.shelf: Shelf | None = None
        self.listing = ""
        """What the list under the menu shows: READINGS, CHAPTERS or nothing."""
        self._waiting: str | None = None
        """A menu entry taken before the story had loaded: it is done once it has."""

    def compose(self) -> ComposeResult:
        with Vertical(id="title-box"):
            yield Static(self.cover.title, id="title-name", markup=False)
            yield Static(self.cover.subtitle, id="title-subtitle", markup=False)
            yield OptionList(*self._menu(), id="title-menu")
            yield OptionList(id="title-list")
            yield Static(self.cover.attribution, id="title-attribution", markup=False)
        yield from self.compose_edges()

    def _menu(self) -> list[Option]:
        latest = self.shelf.latest if self.shelf else None
        kept = len(self.shelf.kept) if self.shelf else self.readings_found
        entries: list[Option] = []
        if latest is not None:
            entries.append(Option(Text.assemble(_("Continue: "), (latest.where, "bold")), id=CONTINUE))
        elif kept and self.shelf is None:
            entries.append(Option(_("Continue"), id=CONTINUE))
        entries.append(Option(_("New reading"), id=NEW))
        if kept > 1:
            entries.append(Option(_("Your readings") + f" ({kept})", id=READINGS))
        if kept:
            entries.append(Option(_("Chapters"), id=CHAPTERS))
        if len(self.languages) > 1:
            entries.append(
                Option(Text.assemble(_("Language: "), (language_name(current_language()), "bold")), id=LANGUAGE)
            )
        return entries

    def show_shelf(self, story: Story, shelf: Shelf) -> None:
        """The story has loaded: its cover as loaded, and the readings kept of it."""
        shown = self.cover
        self.story, self.shelf = story, shelf
        self.cover = Cover.of(story)
        if not self.is_mounted:
            return
        # Only what changed is drawn again: the cover and menu usually read as before the story loaded.
        for name in ("title", "subtitle", "attribution"):
            if getattr(self.cover, name) != getattr(shown, name):
                self.query_one(f"#title-{'name' if name == 'title' else name}", Static).update(
                    getattr(self.cover, name)
                )
        menu = self.query_one("#title-menu", OptionList)
        entries = self._menu()
        if [(o.id, str(o.prompt)) for o in entries] != [(o.id, str(o.prompt)) for o in menu.options]:
            chosen = menu.highlighted_option.id if menu.highlighted_option else None
            menu.set_options(entries)
            ids = [entry.id for entry in entries]
            menu.highlighted = ids.index(chosen) if chosen in ids else 0
        if self.listing:
            self._list(self.listing)
        self.refresh_bindings()
        if self._waiting is not None:
            entry, self._waiting = self._waiting, None
            self._take(entry)

    @on(OptionList.OptionSelected, "#title-menu")
    def menu_taken(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self._take(event.option.id)

    def _take(self, entry: str) -> None:
        if self.shelf is None:  # the story is still loading: the choice waits for it
            self._waiting = entry
            return
        latest = self.shelf.latest
        if entry == CONTINUE and latest is not None:
            self.post_message(self.Continue(latest))
        elif entry in (NEW, CONTINUE):  # Continue with nothing left to continue: a new reading
            self.action_new()
        elif entry in (READINGS, CHAPTERS):
            self._list(entry)
        elif entry == LANGUAGE:
            self.post_message(self.ChooseLanguage())

    @on(OptionList.OptionSelected, "#title-list")
    def listed_taken(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self.shelf is None or event.option.id is None:
            return
        kind, _, key = event.option.id.partition(":")
        if kind == "reading":
            kept = self._kept(int(key))
            if kept is not None:
                self.post_message(self.Continue(kept))
        elif kind == "chapter" and self.shelf.latest is not None:
            latest = self.shelf.latest
            self.post_message(self.Continue(latest, latest.session.chapter_starts()[key]))

    def _kept(self, number: int) -> Kept | None:
        return next((k for k in self.shelf.kept if k.number == number), None) if self.shelf else None

    def _list(self, listing: str) -> None:
        """Show the readings or the chapters under the menu, and give them the keyboard."""
        if self.shelf is None or self.story is None:
            return
        self.listing = listing
        options = self._readings() if listing == READINGS else self._chapters()
        shown = self.query_one("#title-list", OptionList)
        shown.set_options(options)
        shown.highlighted = 0 if options else None
        self.query_one("#title-box").set_class(True, "-listing")
        shown.border_title = _("Your readings") if listing == READINGS else _("Chapters of your last reading")
        shown.focus()
        self.refresh_bindings()

    def _readings(self) -> list[Option]:
        assert self.shelf is not None and self.story is not None
        total = len(self.story.scenes)
        options = []
        for kept in sorted(self.shelf.kept, key=lambda k: k.number):
            began = when(kept.started)
            read = ngettext("{read} of {total} scene read", "{read} of {total} scenes read", total).format(
                read=kept.scenes_read, total=total
            )
            line = Text.assemble(
                (_("Reading {number}").format(number=kept.number), "bold"),
                f" · {kept.where}\n",
                (f"  {read}", "dim"),
                (" · " + _("began {when}").format(when=began) if began else "", "dim"),
                (" · " + _("last read {when}").format(when=when(kept.last_read)) if kept.last_read else "", "dim"),
            )
            options.append(Option(line, id=f"reading:{kept.number}"))
        return options

    def _chapters(self) -> list[Option]:
        assert self.shelf is not None and self.story is not None
        latest = self.shelf.latest
        starts = latest.session.chapter_starts() if latest else {}
        options = []
        for phase in self.story.phases:
            read = phase.id in starts
            label = Text.assemble(
                phase.title,
                (f"  · {phase.date.label()}", "dim"),
                ("" if read else "  " + _("(not read yet)"), "italic"),
            )
            options.append(Option(label, id=f"chapter:{phase.id}", disabled=not read))
        return options

    def action_new(self) -> None:
        if self.shelf is None:  # pressed before the story has loaded: done once it has, like a menu entry
            self._waiting = NEW
            return
        self.post_message(self.Begin())

    def action_readings(self) -> None:
        self._list(READINGS)

    def action_chapters(self) -> None:
        self._list(CHAPTERS)

    def action_menu(self) -> None:
        self.listing = ""
        self.query_one("#title-box").set_class(False, "-listing")
        self.query_one("#title-menu", OptionList).focus()
        self.refresh_bindings()

    def action_delete(self) -> None:
        listed = self.query_one("#title-list", OptionList)
        option = listed.highlighted_option
        if self.listing != READINGS or option is None or option.id is None:
            return
        kept = self._kept(int(option.id.partition(":")[2]))
        if kept is None:
            return
        from engine.tui.screens.confirm import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if yes:
                self.post_message(self.Delete(kept))

        question = _(
            "Delete reading {number}? It stands at {where}, with {read} scenes read. "
            "A deleted reading cannot be brought back."
        ).format(number=kept.number, where=kept.where, read=kept.scenes_read)
        self.app.push_screen(
            ConfirmScreen(question, yes=_("Delete reading {number}").format(number=kept.number)), answered
        )

    def action_state(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        loaded = self.shelf is not None
        if action == "delete":
            return self.listing == READINGS and loaded and bool(self.shelf and self.shelf.kept)
        if action == "menu":
            return bool(self.listing)
        if action == "readings":
            return loaded and bool(self.shelf and self.shelf.kept)
        if action == "chapters":
            return loaded and bool(self.shelf and self.shelf.latest)
        return True
