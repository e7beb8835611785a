"""What every full screen of the reader shares: the size notice, the footer, and the palette's commands."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from functools import partial
from typing import Any, TypeVar

from textual.app import App, ComposeResult, SystemCommand
from textual.binding import ActiveBinding, Binding
from textual.events import Resize
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import Static

from engine.i18n import SOURCE_LANGUAGE, _, current_language
from engine.tui.widgets.footer import KeysFooter

MIN_WIDTH, MIN_HEIGHT = 60, 16
"""The smallest terminal the reader lays out in; below it, only the size notice shows."""

PALETTE_KEY_FROM = 100
"""From this width the footer also shows Ctrl+P; narrower, it would cover the screen's own keys."""

ResultType = TypeVar("ResultType")


class SizeNotice(Static):
    """Shown by the stylesheet instead of everything else when the screen is too small."""

    DEFAULT_CSS = """
    SizeNotice {
        display: none;
    }
    """

    def __init__(self) -> None:
        super().__init__(
            _(
                "This reader needs a terminal of at least {width} × {height}.\n"
                "Make the window larger to go on reading. (F1 help, Ctrl+Q quit)"
            ).format(width=MIN_WIDTH, height=MIN_HEIGHT),
            markup=False,
        )


class SizeGuard:
    """For screens and dialogs: while the terminal is too small, nothing acts on what cannot be seen.

    Only the notice shows; the screen's own actions are refused (the app
    refuses its own, but help and quit), and the keyboard is taken from
    whatever had it, to be given back when the terminal grows.
    """

    _focus_before: Widget | None = None

    def compose_edges(self) -> ComposeResult:
        """The footer and the size notice, yielded last by every reader screen."""
        yield KeysFooter()
        yield SizeNotice()

    def on_resize(self, event: Resize) -> None:
        screen: Screen[object] = self  # type: ignore[assignment]
        for footer in screen.query(KeysFooter):  # on a narrow terminal the reader's keys come first
            footer.show_command_palette = event.size.width >= PALETTE_KEY_FROM
        small = event.size.width < MIN_WIDTH or event.size.height < MIN_HEIGHT
        if small and screen.focused is not None:
            self._focus_before = screen.focused
            screen.set_focus(None)
        elif not small and self._focus_before is not None:
            if self._focus_before.is_attached:
                screen.set_focus(self._focus_before)
            self._focus_before = None

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """Textual's active keys, their descriptions and tooltips in the reader's language.

        Keys are declared in English (marked with ``N_``) when a module is
        imported; translating them here, where the footer, the palette and help
        read them, lets a reader change language in the middle of a reading.
        """
        shown: dict[str, ActiveBinding] = super().active_bindings  # type: ignore[misc]
        if current_language() == SOURCE_LANGUAGE:
            return shown
        return {
            key: active._replace(
                binding=translated(active.binding), tooltip=_(active.tooltip) if active.tooltip else active.tooltip
            )
            for key, active in shown.items()
        }

    def on_screen_suspend(self) -> None:
        """A screen on its way out, or hidden behind an opaque one, lets go of what it painted.

        Textual keeps a small cache of colours per painted widget in a cache
        that outlives the widget (Textualize/textual#6665), and with it every
        line the widget last painted: a dialog opened once per scene would
        leave its lines behind each time, megabytes over a reading.  And a
        screen hidden behind another (the reading behind its history or map)
        would keep its lines while the other draws its own: both at once, the
        reader's peak.  Refreshing a widget discards its painted lines; they
        are drawn again when the screen shows.  A screen seen through a
        translucent dialog keeps them, to be shown dimmed behind it, and an
        installed opaque screen (the map, the content note) keeps them to be
        shown again at once; an installed translucent dialog (the look-up)
        does not, having little to draw.

        The screen just beneath an installed opaque one keeps its lines too.
        Textual paints the top screen again wherever the screen beneath it is
        refreshed, so letting them go drew the whole map a second time each
        time it opened.
        """
        screen: Screen[object] = self  # type: ignore[assignment]
        app = screen.app
        top = app.screen
        beneath = screen in app.screen_stack
        seen_through = beneath and top.styles.background.a < 1
        under_kept = beneath and top is not screen and installed_opaque(top)
        if seen_through or under_kept or installed_opaque(screen):
            return
        for widget in screen.query("*"):
            widget.refresh()
        screen.refresh()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.too_small:
            return False
        return self.action_state(action, parameters)

    def action_state(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Whether an action of this screen works now (True), shows greyed out (None) or hides (False)."""
        return True

    @property
    def too_small(self) -> bool:
        screen: Screen[object] = self  # type: ignore[assignment]
        return screen.has_class("-too-narrow") or screen.has_class("-too-short")


class ReaderModal(SizeGuard, ModalScreen[ResultType]):
    """A dialog over a reader screen, as safe as it when the terminal is too small."""


class ReaderScreen(SizeGuard, Screen[ResultType]):
    """A full screen of the reader: size-safe, with a footer, and its keys offered in the palette."""

    def commands(self) -> Iterator[SystemCommand]:
        """A palette command for every key of this screen that works now: what the footer and help list."""
        seen: set[str] = set()
        for binding in _bindings(self):
            if not binding.description or binding.action in seen:
                continue
            seen.add(binding.action)
            action, parameters = _split(binding.action)
            if self.check_action(action, parameters):
                shown = translated(binding)
                yield SystemCommand(
                    shown.description, shown.tooltip or shown.description, partial(self.run_action, binding.action)
                )


def translated(binding: Binding) -> Binding:
    """The binding with its description and tooltip in the reader's language, made once per language.

    The same object each time: the footer redraws only when the keys it shows change.
    """
    key = (current_language(), binding)
    found = _TRANSLATED.get(key)
    if found is None:
        found = _TRANSLATED[key] = replace(
            binding,
            description=_(binding.description) if binding.description else "",
            tooltip=_(binding.tooltip) if binding.tooltip else binding.tooltip,
        )
    return found


_TRANSLATED: dict[tuple[str, Binding], Binding] = {}
"""Bindings already translated, by language: a few dozen per language."""


def _bindings(screen: Screen[Any]) -> list[Binding]:
    return [binding for binding in screen.BINDINGS if isinstance(binding, Binding)]


def _split(action: str) -> tuple[str, tuple[object, ...]]:
    """``choose(1)`` -> (``choose``, (1,)), as Textual passes them to check_action."""
    name, _, rest = action.partition("(")
    if not rest:
        return name, ()
    from ast import literal_eval

    value = literal_eval(f"({rest.rstrip(')')},)")
    return name, tuple(value)


KeptScreen = TypeVar("KeptScreen", bound=Screen[Any])


def installed_opaque(screen: Screen[Any]) -> bool:
    """A screen installed to be shown again (``kept``, the map) that hides what is beneath it."""
    return screen.app.is_screen_installed(screen) and screen.styles.background.a == 1


def kept(app: App[Any], name: str, kind: type[KeptScreen], *made_with: Any) -> KeptScreen:
    """The one ``kind`` of screen installed under ``name``, made (``kind(*made_with)``) the first time it is asked for.

    A dialog pushed anew each time is composed and styled each time, and
    Textual removes it once it closes, then lays out and paints the whole screen
    beneath again: a kept one is only offered what to show.
    """
    if not app.is_screen_installed(name):
        app.install_screen(kind(*made_with), name)
    screen = app.get_screen(name)
    assert isinstance(screen, kind)
    return screen
