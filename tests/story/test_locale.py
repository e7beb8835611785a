"""Translations of a story: stable ids, fingerprints of the English, and the checks a translation must pass."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from engine.i18n import use_language
from engine.story.languages import available_languages
from engine.story.load import load_story
from engine.story.locale import (
    check_translation,
    extract,
    fingerprint,
    in_language,
    load_translation,
    numbers,
    strings,
    template,
    translate,
)
from engine.story.markup import Span, parse
from engine.story.model import Story

EXAMPLE = Path(__file__).parents[1] / "fixtures" / "stories" / "example"
RU = Path("locales") / "ru" / "strings.yaml"


def loaded(folder: Path) -> Story:
    result = load_story(folder)
    assert result.story is not None and not result.diagnostics, result.diagnostics
    return result.story


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """A copy of the example story and its Russian translation, to change."""
    return Path(shutil.copytree(EXAMPLE, tmp_path / "example"))


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def codes(folder: Path, lang: str = "ru") -> list[tuple[str, str]]:
    """(code, message) of every problem of the translation."""
    report = check_translation(loaded(folder), load_translation(folder, lang))
    return [(d.code, d.message) for d in report.diagnostics]


# ids and fingerprints


def test_every_string_a_reader_reads_has_an_id(example_story: Story) -> None:
    english = extract(example_story)
    assert english["story.title"] == "The Example"
    assert english["scene.overview.choice.evacuation.label"] == "No: stay with the people leaving"
    assert english["scene.evacuation.content_note.summary"].startswith("Civilians were being evacuated")
    assert english["entry.casualties/evacuated.figure"] == "not given"
    assert english["term.kelbajar.also"] == "Kalbajar, Karvachar"
    assert english["place.charektar.name"] == "Charektar"
    assert english["front.1993-03-28.text"] == "The column broke through at Charektar."
    assert english["document.a-statement.origin"].startswith("Written for the example story")
    assert not any(key.startswith("story.article") or ".sources" in key for key in english)
    assert "scene.overview.editor_note" not in english  # an empty optional field is not a string


def test_ids_survive_reordering(copy: Path, example_story: Story) -> None:
    """Choices are named by where they lead and scenes by their id, so moving them keeps every translation."""
    edit(
        copy / "scenes" / "01-plan.yaml",
        """      - label: Follow the column
        target: embankment
      - label: "No: stay with the people leaving"
        target: evacuation
""",
        """      - label: "No: stay with the people leaving"
        target: evacuation
      - label: Follow the column
        target: embankment
""",
    )
    assert extract(loaded(copy)) == extract(example_story)


def test_two_choices_to_one_scene_are_told_apart(copy: Path) -> None:
    edit(
        copy / "scenes" / "02-first-days.yaml",
        """      - label: End the reading
        target: the-end
  - id: embankment-later""",
        """      - label: End the reading
        target: the-end
      - label: Stop here
        target: the-end
  - id: embankment-later""",
    )
    english = extract(loaded(copy))
    assert english["scene.breakthrough.choice.the-end.label"] == "End the reading"
    assert english["scene.breakthrough.choice.the-end.2.label"] == "Stop here"


def test_a_fingerprint_changes_with_the_words_not_the_wrapping() -> None:
    text = "On 28 March an eight-hour battle\nended in a breakthrough.\n\nA second paragraph."
    assert fingerprint(text) == fingerprint(
        "On 28 March an eight-hour battle ended in a breakthrough.\n\nA second   paragraph.\n"
    )
    assert fingerprint(text) != fingerprint(text.replace("28", "29"))
    assert fingerprint(text) != fingerprint(text.replace("\n\n", " "))
    assert len(fingerprint(text)) == 12 and int(fingerprint(text), 16) >= 0


# reading a translation


def test_the_example_has_a_russian_translation_that_passes_every_check(example_story: Story) -> None:
    assert available_languages(EXAMPLE) == ("en", "ru")
    translation = load_translation(EXAMPLE, "ru")
    assert translation.name == "Русский" and not translation.problems
    report = check_translation(example_story, translation)
    assert report.diagnostics == []
    assert report.statistics.as_dict() == {
        "language": "ru",
        "strings": 54,
        "translated": 54,
        "stale": 0,
        "missing": 0,
        "translated_share": 100.0,
    }


def test_a_translation_is_laid_over_the_english(example_story: Story) -> None:
    russian = translate(example_story, load_translation(EXAMPLE, "ru"))
    assert russian.lang == "ru" and example_story.lang == "en"
    assert russian.title == "Пример" and example_story.title == "The Example"
    scene = russian.scenes["overview"]
    assert scene.title == "Четыре направления"
    assert [c.label for c in scene.choices] == ["Пойти за колонной", "Нет: остаться с уходящими людьми"]
    assert [c.target for c in scene.choices] == ["embankment", "evacuation"]
    assert russian.scenes["evacuation"].content_note.summary.startswith("Перед наступлением")  # type: ignore[union-attr]
    assert russian.terms["kelbajar"].also == ("Кялбаджар", "Карвачар")
    assert russian.entries["casualties/evacuated"].figure == "не указано"
    assert russian.fronts[0].text == "Колонна прорвалась у Чаректара."
    # what is not a reader's string is the English story's own
    assert russian.scenes["overview"].date == scene.date and russian.start == example_story.start
    assert russian.citations["wikipedia-kalbajar"].title == "Kalbajar"
    assert russian.article is example_story.article


def test_a_place_named_as_a_glossary_term_takes_the_terms_translation(example_story: Story) -> None:
    """The Russian file names no place: Kelbajar and Charektar are named as the glossary names them."""
    assert "place.kelbajar.name" not in load_translation(EXAMPLE, "ru").strings
    russian = translate(example_story, load_translation(EXAMPLE, "ru"))
    assert russian.places["kelbajar"].name == "Кельбаджар" and russian.places["charektar"].name == "Чаректар"


def test_a_quotation_keeps_its_original_words_with_its_translation_beside_it(example_story: Story) -> None:
    russian = translate(example_story, load_translation(EXAMPLE, "ru"))
    spans = parse(russian.scenes["embankment-later"].text)[0].spans
    assert Span("quote", "“a city in the Kalbajar District of Azerbaijan”", "wikipedia-kalbajar") in spans
    assert Span("translation", "город в Кельбаджарском районе Азербайджана", "wikipedia-kalbajar") in spans


def test_english_is_the_story_itself(example_story: Story) -> None:
    localised = in_language(example_story, "en")
    assert localised.story is example_story and localised.problems == []


def test_untranslated_strings_stay_english(copy: Path) -> None:
    edit(copy / RU, "    text: Четыре направления\n", "    text: ''\n")
    report = check_translation(loaded(copy), load_translation(copy, "ru"))
    assert [(d.code, d.message) for d in report.diagnostics] == [
        ("W107", "'scene.overview.title' has no ru translation")
    ]
    assert report.statistics.missing == 1 and report.statistics.translated == 53
    assert in_language(loaded(copy), "ru").story.scenes["overview"].title == "Four directions"


# what the checker finds


def test_a_stale_translation_is_reported_and_not_shown(copy: Path) -> None:
    edit(copy / "scenes" / "01-plan.yaml", "title: Four directions", "title: Four roads")
    found = codes(copy)
    assert [code for code, _ in found] == ["W108"]
    assert "the English of 'scene.overview.title' has changed" in found[0][1]
    localised = in_language(loaded(copy), "ru")
    assert localised.story.scenes["overview"].title == "Four roads"
    assert localised.report is not None and localised.report.statistics.stale == 1


def test_a_number_left_out_is_an_error_and_the_english_is_shown(copy: Path) -> None:
    edit(copy / RU, "      28 марта восьмичасовой бой", "      27 марта восьмичасовой бой")
    assert codes(copy) == [("E026", "the translation of 'scene.breakthrough.text' leaves out 28 of the English")]
    localised = in_language(loaded(copy), "ru")
    assert localised.story.scenes["breakthrough"].text.startswith("On 28 March")
    assert [d.code for d in localised.problems] == ["E026"]


def test_a_date_keeps_its_month(copy: Path) -> None:
    edit(copy / RU, "    text: Дальше, к 28 марта\n", "    text: Дальше, к 28 апреля\n")
    assert codes(copy) == [
        (
            "E026",
            "the translation of 'scene.embankment.choice.breakthrough.label' leaves out "
            "the month of a date of the English (March)",
        )
    ]


def test_a_month_in_another_case_is_still_its_month(copy: Path) -> None:
    """The checker looks for the start every form of the month's name shares: «в марте» is March."""
    edit(copy / RU, "    text: Дальше, к 28 марта\n", "    text: Дальше, к 28-му, в марте\n")
    assert codes(copy) == []


def test_numbers_in_other_scripts_and_groupings_count() -> None:
    assert numbers("between 1,500 and 2,000 men on 28 March 1993") == {1500, 2000, 28, 1993}
    assert {1500, 2000, 28, 1993} <= numbers("от 1 500 до 2.000 человек, ٢٨ марта 1993", grouped=True)
    assert numbers("“words”{lead/2} and [[a link|background/x-1]]") == {2, 1}  # markup is removed first


def test_a_quotations_words_may_not_change(copy: Path) -> None:
    edit(
        copy / RU,
        "“a city in the Kalbajar District of Azerbaijan”{wikipedia-kalbajar|",
        "“город в Кельбаджарском районе”{wikipedia-kalbajar|",
    )
    found = codes(copy)
    assert [code for code, _ in found] == ["E027", "E027"]
    assert "does not keep the quotation “a city in the Kalbajar District of Azerbaijan”" in found[0][1]
    assert "quotes “город в Кельбаджарском районе” from 'wikipedia-kalbajar', which the English does not" in found[1][1]


def test_a_title_stays_one_line(copy: Path) -> None:
    edit(copy / RU, "    text: Четыре направления\n", "    text: |\n      Четыре\n      направления\n")
    assert codes(copy) == [("E007", "the translation of 'scene.overview.title' must be one line, as its English is")]


def test_a_link_must_lead_somewhere(copy: Path) -> None:
    edit(copy / RU, "[[районе|background/district]]", "[[районе|background/districts]]")
    assert [code for code, _ in codes(copy)] == ["E013"]


def test_an_unknown_id_is_an_error(copy: Path) -> None:
    edit(copy / RU, "  story.title:\n", "  story.titel:\n")
    found = codes(copy)
    assert ("E025", "'story.titel' is not a string of the story (did you mean 'story.title'?)") in found
    assert ("W107", "'story.title' has no ru translation") in found


def test_an_id_translated_twice_is_an_error(copy: Path) -> None:
    (copy / "locales" / "ru" / "more.yaml").write_text(
        "strings:\n  story.title:\n    text: Ещё пример\n    source: 5d1e9828921e\n", encoding="utf-8"
    )
    found = codes(copy)
    assert [code for code, _ in found] == ["E014"]
    assert found[0][1].startswith("'story.title' is already translated at ")


def test_a_fingerprint_is_twelve_hex_digits(copy: Path) -> None:
    edit(copy / RU, "    source: 5d1e9828921e\n", "    source: latest\n")
    found = codes(copy)
    assert found[0] == ("E011", "the source of 'story.title' is not a fingerprint (12 hex digits): 'latest'")


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("strings: &a\n  story.title: {text: x, source: 5d1e9828921e}\n", "E008"),
        ("strings:\n  story.title: !!python/object/apply:os.system [ls]\n", "E009"),
        ('strings:\n  story.title:\n    text: "\\e[31mred"\n    source: 5d1e9828921e\n', "E010"),
        ("strings:\n  story.title:\n    text: x\n    text: y\n    source: 5d1e9828921e\n", "E004"),
        ("strings:\n  story.title:\n    txt: x\n    source: 5d1e9828921e\n", "E005"),
        ("strings:\n  Story Title:\n    text: x\n    source: 5d1e9828921e\n", "E011"),
        ("strings: [\n", "E001"),
    ],
)
def test_translation_files_are_read_as_safely_as_story_files(tmp_path: Path, text: str, code: str) -> None:
    folder = tmp_path / "story" / "locales" / "hy"
    folder.mkdir(parents=True)
    (folder / "strings.yaml").write_text(text, encoding="utf-8")
    assert code in [d.code for d in load_translation(tmp_path / "story", "hy").problems]


def test_a_language_is_a_code_never_a_path(tmp_path: Path) -> None:
    translation = load_translation(EXAMPLE, "../../../etc")
    assert [d.code for d in translation.problems] == ["E020"] and not translation.strings


# a translator's starting file


def test_the_template_holds_every_string_with_its_english_and_fingerprint(tmp_path: Path, example_story: Story) -> None:
    """Saved as it is, the template is a translation with every string missing; filled in, none."""
    folder = Path(shutil.copytree(EXAMPLE, tmp_path / "story"))
    shutil.rmtree(folder / "locales" / "ru")
    (folder / "locales" / "hy").mkdir()
    text = template(example_story, "hy")
    assert text.startswith('# Strings of "The Example" to translate into Հայերեն (hy): 54.')
    (folder / "locales" / "hy" / "strings.yaml").write_text(text, encoding="utf-8")
    translation = load_translation(folder, "hy")
    assert not translation.problems and translation.name == "Հայերեն"
    assert set(translation.strings) == set(strings(example_story))
    report = check_translation(example_story, translation)
    assert report.statistics.missing == 54 and {d.code for d in report.diagnostics} == {"W107"}


def test_the_template_leaves_out_what_the_translation_already_has(example_story: Story) -> None:
    translation = load_translation(EXAMPLE, "ru")
    assert "strings: {}" in template(example_story, "ru", translation)
    assert template(example_story, "ru", translation, everything=True).count("    source: ") == 54


def test_dates_in_a_russian_reading(example_story: Story) -> None:
    use_language("ru")
    russian = in_language(example_story, "ru").story
    assert russian.scenes["breakthrough"].date.label() == "28 марта 1993"
