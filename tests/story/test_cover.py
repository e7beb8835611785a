"""The cover, read from story.yaml without PyYAML: what it accepts must read exactly as PyYAML reads it."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from yaml.nodes import MappingNode, ScalarNode

from engine.story.cover import COVER_KEYS, Cover, cover_values, read_cover
from engine.story.yamlfile import compose_text


def composed(text: str) -> dict[str, str] | None:
    """The cover keys as PyYAML composes them (scalars only), or None when YAML refuses the text."""
    document, problems = compose_text(text, "story.yaml")
    if problems or document is None or not isinstance(document.root, MappingNode):
        return None
    found: dict[str, str] = {}
    for key, value in document.root.value:
        if key.value in COVER_KEYS:
            if not isinstance(value, ScalarNode):
                return None
            found[key.value] = value.value.strip()
    return found


TITLES = [
    "title: Kalbajar 1993",
    "title: Kalbajar 1993   ",
    "title: 1993, in Kəlbəcər",
    "title: Melkonian's column",
    'title: The "other" columns',
    "title: A: B",
    "title: A #1",
    "title: 'Quoted'",
    'title: "Quoted"',
    "title: &a Anchored",
    "title: !!str Tagged",
    "title: [Flow]",
    "title: - dash",
    "title:\n  Indented",
    "title: Runs\n  on",
    "title: Runs\n\n  on after a gap",
    "title: >-\n  Folded\n  title",
    "title: >\n  Folded\n  kept",
    "title: |\n  Literal\n  title",
    "title: >-\n  Folded\n\n  paragraphs",
    "title: >-\n  Folded\n    deeper",
    "title: >-\n  Trailing \n  space",
    "title: >-\n\n  Leading blank",
    "title: >2\n  Indicator",
    "title: null",
    "title: ~",
    "title: true",
]
SUBTITLES = ["", "subtitle: March–April 1993", "subtitle: >-\n  Two\n  lines\n", "subtitle: x # comment"]
ATTRIBUTIONS = [
    'attribution: >-\n  Drawn from "Battle of Kalbajar" (CC BY-SA 3.0);\n  every scene cites it.',
    "attribution: Short and plain.",
    "attribution: >-\n  # not a comment here\n  but text",
]
OTHERS = [
    "",
    "start: the-enclave\nthreads:\n  - id: a\n    name: A",
    "# a comment\n",
    "---\n",
    'note: "quoted\n  over lines"',
    "phases: [a, b]",
    "title: Again",
]


def heads() -> list[str]:
    cases = []
    for title, subtitle, attribution, other in itertools.product(TITLES, SUBTITLES, ATTRIBUTIONS, OTHERS):
        lines = [
            line
            for line in (
                other if other == "---\n" else "",
                "id: kalbajar-1993",
                title,
                subtitle,
                attribution,
                "" if other == "---\n" else other,
            )
            if line
        ]
        cases.append("\n".join(lines) + "\n")
    return cases


def test_what_the_cover_reader_accepts_reads_as_pyyaml_reads_it() -> None:
    cases = heads()
    read = {text: cover_values(text.split("\n")) for text in cases}
    wrong = [text for text, mine in read.items() if mine is not None and mine != composed(text)]
    assert not wrong, f"read differently from PyYAML:\n{wrong[0]}"
    accepted = [text for text, mine in read.items() if mine is not None]
    assert len(accepted) > len(cases) // 10  # ordinary heads are read here, not sent the slow way
    assert any(">-\n  Folded\n  title" in text for text in accepted)


@pytest.mark.parametrize(
    "title",
    [
        "title: 'Quoted'",
        "title: &a Anchored",
        "title: !!str Tagged",
        "title: Runs\n  on",
        "title: >-\n  Folded\n\n  paragraphs",
        "title: A #1",
        "title: A: B",
        "title: |\n  Literal",
    ],
)
def test_anything_less_plain_is_declined(title: str) -> None:
    assert cover_values(f"id: x\n{title}\nattribution: A.\n".split("\n")) is None


def test_every_story_here_has_a_cover_equal_to_what_loading_finds(bundled_story, example_story, map_story) -> None:
    for story in (bundled_story, example_story, map_story):
        assert read_cover(Path(story.root)) == Cover.of(story)


def test_no_cover_when_a_value_holds_a_control_character(tmp_path: Path) -> None:
    (tmp_path / "story.yaml").write_text("id: x\ntitle: Bell\x07 title\nattribution: A.\n", encoding="utf-8")
    assert read_cover(tmp_path) is None


def test_no_cover_without_a_readable_story_yaml(tmp_path: Path) -> None:
    assert read_cover(tmp_path) is None
    (tmp_path / "story.yaml").write_bytes(b"id: x\ntitle: \xff\nattribution: A.\n")
    assert read_cover(tmp_path) is None
    (tmp_path / "story.yaml").write_text("id: x\nattribution: A.\n", encoding="utf-8")
    assert read_cover(tmp_path) is None  # a title is required


def test_no_cover_from_a_story_yaml_that_is_not_a_regular_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A FIFO story.yaml once hung the Textual reader before it drew anything: it is never opened now."""
    import os

    from engine.story import files

    opened: list[str] = []
    real_open = os.open
    monkeypatch.setattr(files.os, "open", lambda path, *rest: opened.append(str(path)) or real_open(path, *rest))
    os.mkfifo(tmp_path / "story.yaml")
    assert read_cover(tmp_path) is None
    os.unlink(tmp_path / "story.yaml")
    (tmp_path / "story.yaml").mkdir()
    assert read_cover(tmp_path) is None
    assert opened == []


def test_no_cover_from_a_story_yaml_that_leads_out_of_the_folder(tmp_path: Path) -> None:
    (tmp_path / "elsewhere.yaml").write_text("id: x\ntitle: Elsewhere\nattribution: A.\n", encoding="utf-8")
    (tmp_path / "story").mkdir()
    (tmp_path / "story" / "story.yaml").symlink_to(tmp_path / "elsewhere.yaml")
    assert read_cover(tmp_path / "story") is None
