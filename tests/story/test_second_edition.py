"""The second edition of the bundled story keeps its editorial promises (docs/editorial-policy.md).

These tests read the story as shipped: who is heard and how, how often the
narrator talks about its source, what every reading must pass through, which
words the narrator keeps to quotations, and which scenes warn before they tell
of civilian deaths.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest

from engine.reading.randomtest import Report, run_walks
from engine.story.bundled import bundled_story_dir
from engine.story.lint import load_checked
from engine.story.markup import plain_text, quotations
from engine.story.model import Story
from engine.story.quotes import MAX_QUOTE_WORDS, quoted_in

MUST_SEE = (
    "the-enclave",
    "stepanakert-shelling",
    "khojaly",
    "shusha-lachin",
    "the-district",
    "four-directions",
    "march-27",
    "charektar",
    "evacuation",
    "refugee-column",
    "tunnel",
    "capital-falls",
    "omar-pass",
    "camps",
    "hrw-findings",
    "fallout",
    "resolution-822",
    "resolutions-1993",
    "ceasefire-1994",
    "war-2020",
    "handover-2020",
    "blockade",
    "september-2023",
    "exodus-2023",
    "return-kalbajar",
    "ending",
)
"""The chronicle every reader walks: the must-see scenes of the brief, and the steps that join them."""

CIVILIAN_DEATHS = (
    "sumgait-baku",
    "stepanakert-shelling",
    "khojaly",
    "evacuation",
    "tunnel",
    "hospital",
    "defenders-april",
    "omar-pass",
    "camps",
    "hrw-findings",
    "september-2023",
    "ending",
)
"""Scenes whose text tells of civilians killed, dying or left to die."""

FORBIDDEN = re.compile(
    r"\b(liberat\w*|occup\w*|terroris\w*|genocid\w*|massacre\w*|heroic\w*|brutal\w*|tragic\w*|martyr\w*"
    r"|invasion\w*|invade\w*|aggression\w*|aggressor\w*|separatis\w*|artsakh)\b",
    re.IGNORECASE,
)
"""Words the narrator never uses in its own voice (policy, section 6)."""

_ATTRIBUTED = re.compile(r"“[^”]+”\{[a-z0-9][a-z0-9/_-]*\}")
_NAMED_TERM = re.compile(r'"[^"]{1,80}"')
"""A short term in plain quotation marks, attributed in its sentence to its users (policy, sections 4 and 6)."""

SEED_FIGURES = (
    "five years",
    "several dozen",
    "128th",
    "7th Russian Army",
    "3 April 1993",
    "75 per cent",
    "February 1988",
    "1991",
    "9 May 1992",
    "four directions",
    "1,900",
    "second “corridor”",
    "45,000",
    "60,000",
    "seventy years",
    "several hundred",
    "fifty",
    "27 March",
    "eight-hour",
    "twenty-nine kilometres",
    "31 March",
    "By March 29",
    "twenty kilometres",
    "two days",
    "1 April",
    "GAZ-52",
    "twenty-five",
    "Four were killed",
    "as many as eleven",
    "fifteen kilometres",
    "forty hours",
    "2 pm",
    "2 April",
    "sixty-eight",
    "709th",
    "3,000 square kilometres",
    "39,000",
    "15,000",
    "four Azerbaijani Mi-8",
    "Resolution 822",
    "30 April",
    "on April 14",
    "three days before his death",
    "6 May",
)
"""Every figure in the seed article, as the scenes write it: in the text, or in the editor's note where the
sources disagree over it (the writing guide keeps that talk out of the scene's prose)."""


@pytest.fixture(scope="module")
def story() -> Story:
    loaded, errors = load_checked(bundled_story_dir())
    assert loaded is not None, errors
    return loaded


@pytest.fixture(scope="module")
def walks(story: Story) -> Report:
    return run_walks(story, 2000, 0)


def _voice(story: Story, words: str, source: str) -> str:
    citation = story.citations.get(source)
    if citation is None:
        return "seed"
    return next(q.voice for q in citation.quotes if quoted_in(words, q.text))


def test_at_least_twelve_quotations_from_at_least_four_kinds_of_voice_none_over_forty_words(story: Story) -> None:
    texts = [scene.text for scene in story.scenes.values()] + [entry.text for entry in story.entries.values()]
    found = [(words, source) for text in texts for words, source in quotations(text)]
    voices = Counter(_voice(story, words, source) for words, source in found)
    assert len(found) >= 12
    assert len(set(voices) - {"seed"}) >= 4, voices
    assert {"civilian", "military", "official", "international", "report"} <= set(voices), voices
    assert [words for words, _ in found if len(words.split()) > MAX_QUOTE_WORDS] == []


def test_the_article_is_named_at_most_eight_times_and_at_most_fifteen_scenes_carry_a_note(story: Story) -> None:
    mentions = [
        (scene.id, len(re.findall(r"\barticle\b", scene.text, re.IGNORECASE))) for scene in story.scenes.values()
    ]
    notes = [scene.id for scene in story.scenes.values() if scene.editor_note.strip()]
    assert sum(count for _, count in mentions) <= 8, [named for named in mentions if named[1]]
    assert len(notes) <= 15, notes


def test_a_front_tells_where_the_attackers_stood_and_its_note_what_the_sources_leave_unclear(story: Story) -> None:
    """The map's caption for a day is what happened; talk of the article goes to the front's note."""
    assert [f.date.text for f in story.fronts if re.search(r"\barticle\b", f.text, re.IGNORECASE)] == []
    assert any(f.note for f in story.fronts)


def test_the_must_see_scenes_are_essential(story: Story) -> None:
    assert [sid for sid in MUST_SEE if not story.scenes[sid].essential] == []


@pytest.mark.parametrize("scene_id", MUST_SEE)
def test_every_reading_reaches_the_must_see_scenes(walks: Report, scene_id: str) -> None:
    assert walks.share(scene_id) == 1.0


def test_random_readings_meet_no_failure_and_reach_every_scene(walks: Report) -> None:
    assert walks.ok, walks.as_text()


def _narration(story: Story) -> list[tuple[str, str]]:
    """Everything the narrator says: scene texts and titles, notes, content notes, choices, panels, glossary."""
    said: list[tuple[str, str]] = []
    for scene in story.scenes.values():
        said += [(scene.id, scene.text), (scene.id, scene.title), (scene.id, scene.editor_note)]
        if scene.content_note is not None:
            said.append((scene.id, f"{scene.content_note.note} {scene.content_note.summary}"))
        said += [(scene.id, choice.label) for choice in scene.choices]
    said += [(entry.ref, f"{entry.title} {entry.text}") for entry in story.entries.values()]
    said += [(term.ref, term.text) for term in story.terms.values()]
    said += [(thread.id, thread.description) for thread in story.threads.values()]
    return said


def test_the_narrator_s_forbidden_words_stand_only_inside_quotations(story: Story) -> None:
    slips = []
    for where, text in _narration(story):
        own_words = _NAMED_TERM.sub(" ", _ATTRIBUTED.sub(" ", text))
        slips += [f"{where}: {m.group(0)}" for m in FORBIDDEN.finditer(own_words)]
    assert slips == []


def test_every_scene_that_tells_of_civilian_deaths_has_a_content_note(story: Story) -> None:
    assert [sid for sid in CIVILIAN_DEATHS if story.scenes[sid].content_note is None] == []
    deaths = re.compile(r"\b(killed|died|froze to death|dead)\b", re.IGNORECASE)
    civilians = re.compile(r"\b(civilian|civilians|refugees|survivor|driver|daughter|sister|children)\b", re.IGNORECASE)
    unnoted = [
        scene.id
        for scene in story.scenes.values()
        if deaths.search(plain_text(scene.text))
        and civilians.search(plain_text(scene.text))
        and scene.content_note is None
    ]
    assert unnoted == []


def test_every_figure_in_the_seed_appears_in_scene_text(story: Story) -> None:
    told = "\n".join(plain_text(f"{scene.text}\n{scene.editor_note or ''}") for scene in story.scenes.values())
    assert [figure for figure in SEED_FIGURES if figure not in told] == []


def test_there_is_one_ending_and_the_documents_say_where_they_come_from(story: Story) -> None:
    assert [scene.id for scene in story.scenes.values() if scene.ending] == ["ending"]
    assert set(story.documents) == {"unsc-822", "unsc-s-25539", "trilateral-statement-2020"}
    for document in story.documents.values():
        assert (
            "stored copy" in document.origin and "undocs.org" in document.origin + document.note
        ) or "official" in document.origin
