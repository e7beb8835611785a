"""What each mark looks like, so the map reads without colour, and what the legend says of it.

Every style a drawing uses has one legend item; ``chars`` lists every
character drawn in that style (an attack arrow turns with its line).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from engine.i18n import N_


@dataclass(frozen=True, slots=True)
class LegendItem:
    """One line of the legend: the symbol, the style it is drawn in, and what it means."""

    style: str
    chars: str
    meaning: str

    @property
    def symbol(self) -> str:
        return self.chars[0]

    @property
    def sample(self) -> str:
        """What the legend shows: the symbol, or two cells of a line drawn in braille."""
        return self.chars[:2] if self.chars[0] in _BRAILLE_SAMPLE_CHARS else self.symbol


PLACE_STYLES = {
    "city": "city",
    "town": "town",
    "village": "village",
    "pass": "height",
    "peak": "height",
    "river": "river",
    "lake": "lake",
    "junction": "junction",
    "tunnel": "tunnel",
    "monastery": "monastery",
}
"""The style of each place kind drawn as a mark; ranges and areas get a label only, waypoints nothing."""

LABEL_ONLY_KINDS = ("range", "area")
UNDRAWN_KINDS = ("waypoint",)

ARROWS = "→↗↑↖←↙↓↘"
"""Attack arrows, by direction: east first, turning anticlockwise in steps of 45 degrees."""

ROUTE_HEADS = "⇒⇗⇑⇖⇐⇙⇓⇘"
"""The arrowhead at a route's end, by direction, as ``ARROWS``."""

ROUTE_BODY = "╌╱╎╲"
"""A route's dashes: across, rising to the right, up and down, falling to the right."""

UNCERTAIN_BODY = "╍⋰┇⋱"
"""An attack or route whose date the sources leave vague: heavier dashes, in ``ROUTE_BODY``'s order."""

UNCERTAIN_HEADS = "⇢⇢⇡⇠⇠⇠⇣⇢"
"""Its arrowhead by direction, as ``ARROWS``; dashed arrows come in four directions only."""

LINE_ORDER = ("border", "ridge", "river", "road", "route", "uncertain", "attack")
"""Line kinds from the bottom layer to the top: a later kind wins a shared cell."""

LINE_CHARS = {"border": "+", "ridge": "^", "river": "≈", "road": "·"}
"""Line kinds drawn with one character; routes and attacks turn with their direction."""

LEGEND = (
    LegendItem("current", "★", N_("this scene's place")),
    LegendItem("city", "■", N_("city")),
    LegendItem("town", "●", N_("town")),
    LegendItem("village", "○", N_("village")),
    LegendItem("approximate", "◎", N_("position estimated")),
    LegendItem("height", "▲", N_("pass or peak")),
    LegendItem("lake", "◌", N_("lake or reservoir")),
    LegendItem("junction", "┼", N_("road junction")),
    LegendItem("tunnel", "∩", N_("tunnel")),
    LegendItem("monastery", "†", N_("monastery")),
    LegendItem("held", "×", N_("after a name: held by the attackers")),
    LegendItem("held-uncertain", "?", N_("after a name: held, on a date the sources leave vague")),
    LegendItem("river", "≈", N_("river")),
    LegendItem("ridge", "^", N_("mountain ridge")),
    LegendItem("road", "·", N_("road (schematic)")),
    LegendItem("route", ROUTE_BODY + ROUTE_HEADS, N_("route; ⇑ shows the way")),
    LegendItem("attack", ARROWS, N_("attack; arrows point the way")),
    LegendItem("uncertain", UNCERTAIN_BODY + "⇢⇡⇠⇣", N_("attack or route on a date the sources leave vague")),
    LegendItem("border", "+", N_("border")),
    LegendItem("footnote", "1234567890", N_("number: see the footnotes")),
)
"""Every symbol the map can draw, in the order the legend lists them."""

MARKS = {item.style: item.symbol for item in LEGEND}

TEXT_STYLES = ("label", "current-label", "area", "furniture")
"""Styles of words, the north arrow and the scale bar: they explain themselves, so no legend item."""

HELD_MARK = MARKS["held"]
HELD_UNCERTAIN_MARK = MARKS["held-uncertain"]

BRAILLE_SAMPLES = {
    "border": "⠤⠤",
    "ridge": "⣀⣀",
    "river": "⠒⠒",
    "road": "⠐⠂",
    "route": "⠒⠂",
    "uncertain": "⠂⠐",
    "attack": "⠶⠶",
}
"""How each kind of line looks in braille, for the legend; the patterns are ``braille.PATTERNS``'."""

_BRAILLE_SAMPLE_CHARS = frozenset("".join(BRAILLE_SAMPLES.values()))

BRAILLE_PATTERNS = {"road": "dotted", "route": "dashed", "uncertain": "dashed"}
"""The dash pattern of each kind of line in braille; the rest are solid."""


def legend_for(styles: set[str], braille: bool = False) -> tuple[LegendItem, ...]:
    """The legend items for the styles a drawing used, in legend order.

    In braille a line's sample comes first, then the arrowheads drawn on the
    character grid at its end: every character a style draws is still listed.
    """
    items = [item for item in LEGEND if item.style in styles]
    if not braille:
        return tuple(items)
    heads = {"route": ROUTE_HEADS, "attack": ARROWS, "uncertain": "⇢⇡⇠⇣"}
    return tuple(
        LegendItem(item.style, BRAILLE_SAMPLES[item.style] + heads.get(item.style, "") + item.chars, item.meaning)
        if item.style in BRAILLE_SAMPLES
        else item
        for item in items
    )


def direction(dx: float, dy: float) -> int:
    """One of eight directions (0 = east, 2 = north, as ``ARROWS``) for a step of dx km east, dy km north."""
    return round(math.atan2(dy, dx) / (math.pi / 4)) % 8
