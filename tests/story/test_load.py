"""Loading a story folder: the model it builds, and every problem at once, each at its place."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from engine.story.bundled import bundled_story_dir
from engine.story.lint import lint
from engine.story.load import load_story

EXAMPLE = Path(__file__).parents[1] / "fixtures" / "stories" / "example"


@pytest.fixture
def story_dir(tmp_path: Path) -> Path:
    """A copy of the example story to break."""
    folder = tmp_path / "story"
    shutil.copytree(EXAMPLE, folder)
    return folder


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, text: str) -> int:
    """The 1-based number of the first line of ``path`` holding ``text``."""
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def lines_of(folder: Path) -> list[str]:
    """Diagnostics as 'relative/file:line:col CODE', in the order lint reports them."""
    report = lint(load_story(folder))
    return [f"{Path(d.file).relative_to(folder).as_posix()}:{d.line}:{d.column} {d.code}" for d in report.diagnostics]


def test_the_example_loads_into_the_model(example_story) -> None:  # type: ignore[no-untyped-def]
    story = example_story
    assert (story.id, story.title, story.start) == ("example", "The Example", "overview")
    assert list(story.scenes) == ["overview", "embankment", "evacuation", "breakthrough", "embankment-later", "the-end"]
    assert [p.id for p in story.phases] == ["plan", "first-days"]
    overview = story.scenes["overview"]
    assert overview.phase == "plan" and story.scenes["the-end"].phase == "first-days"
    assert overview.date.approximate and overview.date.start == date(1993, 3, 1)
    assert [c.label for c in overview.choices] == ["Follow the column", "No: stay with the people leaving"]
    assert overview.unlocks == ("background/district",)
    assert overview.sources == ("the-battle/heavy-resistance/1", "lead/1")
    condition = story.scenes["breakthrough"].choices[0].condition
    assert condition is not None
    assert (condition.not_visited, condition.not_flag) == (("embankment",), ("saw-embankment",))
    evacuation = story.scenes["evacuation"]
    assert evacuation.content_note is not None and evacuation.content_note.summary.startswith("Civilians")
    assert evacuation.editor_note == "The article gives no exact date for the evacuation."
    assert story.scenes["embankment-later"].flashback and story.scenes["the-end"].ending
    assert story.entries["casualties/evacuated"].figure == "not given"
    assert story.terms["kelbajar"].names == ("Kelbajar", "Kalbajar", "Karvachar")
    assert story.places["kelbajar"].lat == pytest.approx(40.10667)
    assert story.lines[0].points == ("kelbajar", "charektar")
    assert story.fronts[0].held == ("charektar",)
    assert story.citations["wikipedia-kalbajar"].publisher == "Wikipedia"
    assert [p.id for p in story.article.paragraphs][:2] == ["lead/1", "lead/2"]


def test_every_loaded_value_knows_where_it_was_written(example_story) -> None:  # type: ignore[no-untyped-def]
    scene = example_story.scenes["embankment"]
    file = Path(scene.at.file)
    assert file.name == "02-first-days.yaml"
    lines = file.read_text(encoding="utf-8").splitlines()
    written = {
        "id": "embankment",
        "title": "The embankment",
        "date": "1993-03-27",
        "sources": "[the-battle/heavy-resistance/2]",
        "sets": "[saw-embankment]",
    }
    for name, text in written.items():
        at = scene.where(name)
        assert lines[at.line - 1][at.column - 1 :] == text
    assert (scene.at.line, scene.at.column) == (scene.where("id").line, 5)
    target = scene.choices[0].where("target")
    assert lines[target.line - 1][target.column - 1 :] == "breakthrough"
    start = example_story.where("start")
    assert (Path(start.file).name, start.line) == ("story.yaml", 5)


def test_every_problem_in_every_file_is_reported_at_once(story_dir: Path) -> None:
    edit(story_dir / "story.yaml", "subtitle:", "subtitel:")  # line 4: unknown field
    edit(
        story_dir / "scenes" / "01-plan.yaml", "    place: kelbajar\n", "    place: kelbajar\n    place: charektar\n"
    )  # line 7: duplicate key
    edit(
        story_dir / "scenes" / "02-first-days.yaml",
        "    choices:\n      - label: Go on to 28 March\n        target: breakthrough\n  - id: evacuation",
        "    choices: breakthrough\n  - id: evacuation",
    )  # line 12: wrong type
    edit(story_dir / "places.yaml", "lat: 40.14556", "lat: north")  # line 11: not a number
    edit(story_dir / "panels" / "casualties.yaml", "    title: Civilians evacuated\n", "")  # missing title
    edit(story_dir / "glossary.yaml", "[Kalbajar", "[Kalbajar:")  # invalid YAML
    assert lines_of(story_dir) == [
        "glossary.yaml:4:20 E001",  # the stray colon
        "panels/casualties.yaml:2:5 E006",
        "places.yaml:11:10 E007",
        "scenes/01-plan.yaml:7:5 E004",
        "scenes/02-first-days.yaml:13:14 E007",
        "story.yaml:4:1 E005",
    ]


def test_wrong_types_are_named(story_dir: Path) -> None:
    """Each message names the field, the type it needs and the type it got."""
    edit(
        story_dir / "scenes" / "02-first-days.yaml",
        "    choices:\n      - label: Go on to 28 March\n        target: breakthrough\n  - id: evacuation",
        "    choices: breakthrough\n  - id: evacuation",
    )
    edit(story_dir / "scenes" / "01-plan.yaml", "unlocks: [background/district]", "unlocks: {a: b}")
    edit(story_dir / "scenes" / "01-plan.yaml", "date: ~1993-03", "date: [1993]")
    found = [(Path(d.file).name, d.line, d.code, d.message) for d in load_story(story_dir).diagnostics]
    expected = [
        ("01-plan.yaml", 5, "'date'", "must be a single value, not a list"),
        ("01-plan.yaml", 12, "'unlocks'", "must be a name or a list of names, not a mapping"),
        ("02-first-days.yaml", 13, "'choices'", "must be a list, not a single value"),
    ]
    assert len(found) == len(expected)
    for (file, line, code, message), (want_file, want_line, field, wording) in zip(found, expected, strict=True):
        assert (file, line, code) == (want_file, want_line, "E007")
        assert field in message and wording in message


def test_a_record_missing_a_field_is_reported_once_not_as_broken_references(story_dir: Path) -> None:
    """Scenes that lead to a scene without a title are not reported as leading nowhere."""
    edit(story_dir / "scenes" / "02-first-days.yaml", "    title: Charektar\n", "")
    edit(story_dir / "story.yaml", "    name: The column\n", "")
    result = load_story(story_dir)
    assert result.unloaded == {"breakthrough", "column"}
    scenes, head = story_dir / "scenes" / "02-first-days.yaml", story_dir / "story.yaml"
    assert [(Path(d.file), d.line, d.code) for d in lint(result).diagnostics] == [
        (scenes, line_of(scenes, "id: breakthrough"), "E006"),
        (head, line_of(head, "id: column"), "E006"),
    ]


def test_a_thread_or_phase_missing_a_field_is_a_diagnostic_not_a_crash(story_dir: Path) -> None:
    edit(story_dir / "story.yaml", "    description: The people of the district.\n", "")
    edit(story_dir / "story.yaml", "    title: The plan\n", "")
    head = story_dir / "story.yaml"
    codes = [(Path(d.file), d.line, d.code) for d in lint(load_story(story_dir)).diagnostics]
    assert codes == [(head, line_of(head, "id: civilians"), "E006"), (head, line_of(head, "id: plan"), "E006")]


def test_duplicate_ids_across_files_name_the_first(story_dir: Path) -> None:
    edit(story_dir / "scenes" / "02-first-days.yaml", "  - id: the-end", "  - id: overview")
    edit(story_dir / "scenes" / "02-first-days.yaml", "target: the-end", "target: overview")
    problems = [d for d in load_story(story_dir).diagnostics if d.code == "E014"]
    assert [d.message for d in problems] == ["scene id 'overview' is already used at scenes/01-plan.yaml:3:9"]
    second = story_dir / "scenes" / "02-first-days.yaml"
    assert (Path(problems[0].file), problems[0].line, problems[0].column) == (
        second,
        line_of(second, "id: overview"),
        9,
    )


def test_the_article_is_found_in_seeds_beside_the_story(tmp_path: Path, story_dir: Path) -> None:
    (tmp_path / "seeds").mkdir()
    (story_dir / "article.txt").rename(tmp_path / "seeds" / "article.txt")
    result = load_story(story_dir)
    assert result.diagnostics == [] and result.story is not None
    assert len(result.story.article.paragraphs) == 5


def test_a_missing_article_is_one_problem(story_dir: Path) -> None:
    (story_dir / "article.txt").unlink()
    report = lint(load_story(story_dir))
    assert [(Path(d.file).name, d.line, d.column, d.code) for d in report.diagnostics] == [
        ("story.yaml", 6, 10, "E020")
    ]


def test_an_empty_article_is_reported(story_dir: Path) -> None:
    (story_dir / "article.txt").write_text(" = Title = \n", encoding="utf-8")
    report = lint(load_story(story_dir))
    assert [(d.code, d.message) for d in report.diagnostics] == [("E019", "article 'article.txt' has no paragraphs")]


def test_a_yml_file_is_not_silently_skipped(story_dir: Path) -> None:
    (story_dir / "scenes" / "03-later.yml").write_text("phase: plan\nscenes: []\n", encoding="utf-8")
    problems = load_story(story_dir).diagnostics
    assert [(Path(d.file).name, d.code) for d in problems] == [("03-later.yml", "E020")]


def test_a_file_that_cannot_be_read_stops_the_cross_file_checks(story_dir: Path) -> None:
    """With a scene file unreadable, every target into it would look dangling: only the real problem shows."""
    (story_dir / "scenes" / "02-first-days.yaml").write_text("scenes: [\n", encoding="utf-8")
    result = load_story(story_dir)
    report = lint(result)
    assert not result.complete
    assert [(Path(d.file).name, d.code) for d in report.diagnostics] == [("02-first-days.yaml", "E001")]
    assert report.statistics is not None and report.statistics.scenes == 1


def test_the_bundled_story_is_the_checkout_story_here() -> None:
    checkout = Path(__file__).parents[2] / "story"
    if (checkout / "story.yaml").is_file():
        assert bundled_story_dir() == checkout.resolve()
    else:
        assert bundled_story_dir().parts[-3:] == ("engine", "_bundled", "story")


def test_documents_and_recorded_quotations_load(example_story) -> None:
    document = example_story.documents["a-statement"]
    assert document.ref == "documents/a-statement" and example_story.entry(document.ref) is document
    assert document.date.label() == "6 April 1993" and "fighting to stop" in document.text
    (quote,) = example_story.citations["wikipedia-kalbajar"].quotes
    assert (quote.location, quote.voice) == ("the first sentence", "report")
