"""Names for ids, and the order a story is read in: what every front end asks of a Story.

The plain reader, the Textual reader, the reading editions and the scene graph
all need a scene's place by name, a citation as a line of text, the reading
order; answering here, once, keeps them in agreement.  The words around the
story's own (``Figure``, ``only if you have read``) are the interface's, in
its language (``engine.i18n``).
"""

from __future__ import annotations

from collections.abc import Iterable

from engine.i18n import _, pgettext
from engine.story.model import Citation, Condition, Document, PanelEntry, Scene, Story, Term


def reading_order(story: Story) -> list[Scene]:
    """Every scene once: phase by phase, and inside a phase in the order a reader meets them.

    That order is the story graph's, followed from the start scene choice by
    choice (depth first, so a thread's scenes stay together and a hub comes
    before its spokes); scenes no choice leads to come last, as written.
    """
    met: dict[str, int] = {}
    stack = [story.start] if story.start in story.scenes else []
    while stack:
        scene_id = stack.pop()
        if scene_id in met or scene_id not in story.scenes:
            continue
        met[scene_id] = len(met)
        stack.extend(reversed([c.target for c in story.scenes[scene_id].choices]))
    written = {scene_id: n for n, scene_id in enumerate(story.scenes)}
    rank = {phase.id: n for n, phase in enumerate(story.phases)}
    return sorted(
        story.scenes.values(),
        key=lambda s: (rank.get(s.phase, len(rank)), s.id not in met, met.get(s.id, 0), written[s.id]),
    )


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


def panel_name(panel: str) -> str:
    """A side panel's name, as a heading or a tab: ``Background``, ``Casualties``, ``Politics``, ``Source``."""
    names = {
        "background": pgettext("side panel", "Background"),
        "casualties": pgettext("side panel", "Casualties"),
        "politics": pgettext("side panel", "Politics"),
        "documents": pgettext("side panel", "Documents"),
        "glossary": pgettext("side panel", "Glossary"),
        "source": pgettext("side panel", "Source"),
        "map": pgettext("side panel", "Map"),
    }
    return names.get(panel, panel.capitalize())


def place_kind(kind: str) -> str:
    """What kind of place it is, in words (the story writes one of load.PLACE_KINDS)."""
    kinds = {
        "city": pgettext("kind of place", "city"),
        "town": pgettext("kind of place", "town"),
        "village": pgettext("kind of place", "village"),
        "pass": pgettext("kind of place", "pass"),
        "peak": pgettext("kind of place", "peak"),
        "river": pgettext("kind of place", "river"),
        "lake": pgettext("kind of place", "lake"),
        "junction": pgettext("kind of place", "junction"),
        "tunnel": pgettext("kind of place", "tunnel"),
        "monastery": pgettext("kind of place", "monastery"),
        "waypoint": pgettext("kind of place", "waypoint"),
        "area": pgettext("kind of place", "area"),
        "range": pgettext("kind of place", "range"),
    }
    return kinds.get(kind, kind)


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


def source_title(story: Story, source: str) -> str:
    """A source as a reader names it: the article and its section, or the citation's title."""
    if is_seed_paragraph(source):
        paragraph = story.article.by_id.get(source)
        if paragraph is None:
            return source
        sections = {s.path: s.title for s in story.article.sections}
        where = sections.get(paragraph.section, "")
        return f"{story.article.title}, {where}" if where and where != story.article.title else story.article.title
    citation = story.citations.get(source)
    return citation.title if citation else source


def source_titles(story: Story, sources: Iterable[str]) -> str:
    """Sources as a reader names them (``source_title``), each named once, in the order given."""
    return "; ".join(dict.fromkeys(source_title(story, source) for source in sources))


def condition_text(story: Story, condition: Condition) -> str:
    """When a choice is offered, in words: 'if you have not read "The embankment"'."""

    def titles(ids: tuple[str, ...]) -> str:
        return ", ".join(f"“{story.scenes[i].title}”" if i in story.scenes else i for i in ids)

    parts = []
    if condition.visited:
        parts.append(_("you have read {scenes}").format(scenes=titles(condition.visited)))
    if condition.not_visited:
        parts.append(_("you have not read {scenes}").format(scenes=titles(condition.not_visited)))
    if condition.flag:
        parts.append(_("the reading has set {flags}").format(flags=", ".join(condition.flag)))
    if condition.not_flag:
        parts.append(_("the reading has not set {flags}").format(flags=", ".join(condition.not_flag)))
    joined = f" {pgettext('between two conditions', 'and')} ".join(parts)
    return _("only if {conditions}").format(conditions=joined)


def particulars(item: PanelEntry | Term | Document) -> list[tuple[str, str]]:
    """The labelled facts shown above an entry's text: a casualty's figure, a politician's actor,
    a document's date and where its text was taken from."""
    if isinstance(item, Term):
        return [(_("Also"), ", ".join(item.also))] if item.also else []
    if isinstance(item, Document):
        return [(_("Date"), item.date.label()), (_("Text taken from"), " ".join(item.origin.split()))]
    rows = [
        (_("Figure"), item.figure),
        (_("Counts"), item.counts),
        (_("Qualifier"), item.qualifier),
        (_("Actor"), item.actor),
    ]
    if item.date is not None:
        rows.append((_("Date"), item.date.label()))
    return [(label, value) for label, value in rows if value]


def entry_facts(item: PanelEntry | Term | Document) -> list[str]:
    """The particulars as lines of text, for the plain reader and the editions."""
    return [f"{label}: {value}" for label, value in particulars(item)]
