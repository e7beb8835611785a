"""What the printed forms share beyond the story's own labels: link anchors, thread colours, a phase's places."""

from __future__ import annotations

from collections.abc import Sequence

from engine.story.labels import is_seed_paragraph
from engine.story.model import Scene, Story

# Fragment ids for the editions' links.  Story ids never hold "_", so the kinds cannot collide.


def scene_anchor(scene_id: str) -> str:
    return f"scene-{scene_id}"


def entry_anchor(ref: str) -> str:
    """A panel entry (``casualties-evacuated``) or a glossary term (``glossary-kelbajar``)."""
    return ref.replace("/", "-")


def source_anchor(source: str) -> str:
    """A seed paragraph (``article-lead_2``) or a citation (``source-hrw-1994``)."""
    return f"article-{source.replace('/', '_')}" if is_seed_paragraph(source) else f"source-{source}"


THREAD_COLOURS = ("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#8c6d31", "#666666")
"""Okabe and Ito's palette, told apart by colour-blind readers too; cycled when threads outnumber it."""


def thread_colours(story: Story) -> dict[str, str]:
    """A colour for each thread, in the order the story lists them."""
    return {t: THREAD_COLOURS[n % len(THREAD_COLOURS)] for n, t in enumerate(story.threads)}


def ink_on(colour: str) -> str:
    """Black or white, whichever reads better on ``colour`` (a ``#rrggbb`` fill)."""
    red, green, blue = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return "#000000" if 0.299 * red + 0.587 * green + 0.114 * blue > 0.55 else "#ffffff"


def phase_places(story: Story, scenes: Sequence[Scene]) -> list[str]:
    """The names of the places a phase's scenes happen at, each once, in the order the phase reaches them."""
    seen: dict[str, str] = {}
    for scene in scenes:
        if scene.place not in seen:
            place = story.places.get(scene.place)
            seen[scene.place] = place.name if place else scene.place
    return list(seen.values())
