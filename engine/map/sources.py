"""Where every mark on the map comes from: places, lines and fronts with their sources."""

from __future__ import annotations

from engine.i18n import _
from engine.story.labels import source_titles
from engine.story.model import Story


def source_list(story: Story) -> list[str]:
    """One line per place, line and front, naming its sources; estimated positions say so."""
    lines = [_("Places")]
    for place in story.places.values():
        estimate = ", " + _("position estimated") if place.approximate else ""
        lines.append(
            f"  {place.name} ({place.kind}{estimate}): {place.lat:.5f} N, {place.lon:.5f} E"
            f" — {source_titles(story, place.sources)}"
        )
    if story.lines:
        lines.append(_("Lines (straight between known points)"))
        for line in story.lines:
            names = " → ".join(story.places[p].name if p in story.places else p for p in line.points)
            lines.append(f"  {line.name} ({line.kind}): {names} — {source_titles(story, line.sources)}")
    if story.fronts:
        lines.append(_("Fronts (places held by the attacking forces)"))
        for front in story.fronts:
            held = ", ".join(story.places[p].name if p in story.places else p for p in front.held)
            lines.append(f"  {front.date.label()}: {held} — {source_titles(story, front.sources)}")
    return lines
