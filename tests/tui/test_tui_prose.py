"""Story text drawn for the screen: literal always, terms found on word boundaries, longest first."""

from __future__ import annotations

from dataclasses import replace

import pytest
from rich.console import Console
from rich.padding import Padding
from rich.text import Text

from engine.story.model import Term
from engine.tui.prose import QUOTE_INDENT, ProseRenderer, ProseStyles, TermFinder, ref_at


def plain(renderable, width: int = 80) -> str:
    console = Console(width=width, record=True, color_system=None)
    console.print(renderable)
    return console.export_text()


def term(id: str, name: str, *also: str) -> Term:
    return Term(id=id, term=name, text="", sources=(), also=also)


def test_terms_match_whole_words_and_the_longest_name_first() -> None:
    finder = TermFinder([term("nk", "Karabakh"), term("nkao", "Nagorno-Karabakh Autonomous Oblast", "NKAO")])
    text = "The Nagorno-Karabakh Autonomous Oblast, NKAO, Karabakhi and Karabakh."
    names = [(ref, start) for start, _, ref in finder.find(text)]
    assert names == [
        ("glossary/nkao", 4),
        ("glossary/nkao", text.index("NKAO")),
        ("glossary/nk", text.rindex("Karabakh")),
    ]


@pytest.mark.parametrize(
    "text", ["a [/] b", "[b]bold[/b]", "[@click=app.quit]x[/]", "[0] \\", "[[not closed", "[link=https://x]y[/link]"]
)
def test_story_text_is_never_parsed_as_markup(example_story, text: str) -> None:
    scene = replace(example_story.scenes["the-end"], text=text)
    drawn, _ = ProseRenderer(example_story).scene(scene, ProseStyles())
    assert text in plain(drawn)
    assert not any(seg.style and seg.style.meta for seg in Console().render(drawn))


def test_links_and_terms_carry_their_ref_as_data(example_story) -> None:
    drawn, refs = ProseRenderer(example_story).scene(example_story.scenes["overview"], ProseStyles())
    assert refs == ("glossary/kelbajar", "background/district")
    linked = {
        (seg.text, ref_at(seg.style)) for seg in Console(width=200).render(drawn) if seg.style and ref_at(seg.style)
    }
    assert linked == {("Kelbajar", "glossary/kelbajar"), ("the district", "background/district")}


def test_a_quotation_is_indented_and_the_editors_note_set_apart(example_story) -> None:
    scene = example_story.scenes["evacuation"]
    drawn, _ = ProseRenderer(example_story).scene(scene, ProseStyles())
    quotes = [r for r in drawn.renderables if isinstance(r, Padding)]
    assert quotes and quotes[0].left == QUOTE_INDENT
    lines = plain(drawn).splitlines()
    quote_line = next(line for line in lines if "Defeats" in line)
    assert quote_line.startswith(" " * QUOTE_INDENT + "Defeats")
    note_at = lines.index("Editor's note")
    assert lines[note_at - 1] == "" and "no exact date" in lines[note_at + 1]


def test_a_summary_replaces_the_text_and_hidden_leaves_only_the_heading(example_story) -> None:
    renderer = ProseRenderer(example_story)
    scene = example_story.scenes["evacuation"]
    summary, _ = renderer.scene(scene, ProseStyles(), body=scene.content_note.summary)
    assert "evacuated north" in plain(summary) and "Defeats" not in plain(summary)
    hidden, refs = renderer.scene(scene, ProseStyles(), hidden=True)
    assert "Leaving the district" in plain(hidden) and "Defeats" not in plain(hidden) and refs == ()


def test_an_entry_shows_its_particulars_and_links(example_story) -> None:
    drawn, links = ProseRenderer(example_story).entry(example_story.entries["background/district"], ProseStyles())
    assert links == ("glossary/kelbajar", "casualties/evacuated")
    assert isinstance(drawn.renderables[0], Text)
