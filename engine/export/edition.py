"""What every printed form of a story shares: the reading order, names for ids, citations as text.

The plain reader, the Markdown and HTML editions and the graph all ask these
questions of a Story; answering them once keeps the forms in agreement.
"""

from __future__ import annotations

from engine.story.model import Citation, Condition, PanelEntry, Scene, Story, Term


def reading_order(story: Story) -> list[Scene]:
    """Every scene once, chronologically: by phase order, then date, then as written."""
    rank = {phase.id: n for n, phase in enumerate(story.phases)}
    written = {scene_id: n for n, scene_id in enumerate(story.scenes)}
    return sorted(story.scenes.values(),
                  key=lambda s: (rank.get(s.phase, len(rank)), s.date.start, s.date.end, written[s.id]))


def scenes_by_phase(story: Story) -> list[tuple[str, list[Scene]]]:
    """The reading order cut into phases, in phase order (a phase with no scene is left out)."""
    groups: dict[str, list[Scene]] = {}
    for scene in reading_order(story):
        groups.setdefault(scene.phase, []).append(scene)
    return list(groups.items())


def place_name(story: Story, place_id: str) -> str:
    place = story.places.get(place_id)
    return place.name if place else place_id


def thread_name(story: Story, thread_id: str) -> str:
    thread = story.threads.get(thread_id)
    return thread.name if thread else thread_id


def phase_title(story: Story, phase_id: str) -> str:
    phase = story.phase(phase_id)
    return phase.title if phase else phase_id


def citation_reference(citation: Citation) -> str:
    """Author, title, publisher and date, as far as they are known."""
    return ". ".join(p for p in (citation.author, citation.title, citation.publisher, citation.date) if p)


def citation_text(citation: Citation) -> str:
    """One line a reader can look up: the reference and the address."""
    reference = citation_reference(citation)
    return f"{reference}. {citation.url}" if citation.url else reference


def is_seed_paragraph(source: str) -> bool:
    """Sources with a ``/`` are paragraphs of the seed article; the others are citations."""
    return "/" in source


def condition_text(story: Story, condition: Condition) -> str:
    """When a choice is offered, in words: 'if you have not read "The embankment"'."""

    def titles(ids: tuple[str, ...]) -> str:
        return ", ".join(f"“{story.scenes[i].title}”" if i in story.scenes else i for i in ids)

    parts = []
    if condition.visited:
        parts.append(f"you have read {titles(condition.visited)}")
    if condition.not_visited:
        parts.append(f"you have not read {titles(condition.not_visited)}")
    if condition.flag:
        parts.append(f"the reading has set {', '.join(condition.flag)}")
    if condition.not_flag:
        parts.append(f"the reading has not set {', '.join(condition.not_flag)}")
    return "only if " + " and ".join(parts)


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


def entry_facts(item: PanelEntry | Term) -> list[str]:
    """The short facts printed under an entry's title: other names, date, actor, figure."""
    if isinstance(item, Term):
        return [f"Also: {', '.join(item.also)}"] if item.also else []
    facts = []
    if item.date is not None:
        facts.append(item.date.label())
    if item.actor:
        facts.append(f"Actor: {item.actor}")
    if item.figure:
        facts.append(f"Figure: {item.figure}; counts {item.counts}; {item.qualifier}")
    return facts
