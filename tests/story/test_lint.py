"""The checks that need the whole story: references, paths through it, time, coverage, statistics."""

from __future__ import annotations

import re
import shutil
import textwrap
from pathlib import Path

import pytest
import yaml

from engine.story import lint as lint_module
from engine.story.lint import lint
from engine.story.load import load_story

FIXTURES = Path(__file__).parents[1] / "fixtures" / "stories"
BASE = FIXTURES / "broken" / "e018-flashback-passes"
"""A clean three-scene story; each test replaces its scenes and starts at scene 'a'."""


def story(tmp_path: Path, scenes: str, files: dict[str, str] | None = None) -> Path:
    """The base story with ``scenes`` as its only scene file, and any other files given by name."""
    folder = tmp_path / "story"
    shutil.copytree(BASE, folder, ignore=shutil.ignore_patterns("expected.txt"))
    (folder / "scenes" / "01-march.yaml").write_text("phase: march\nscenes:\n" + textwrap.dedent(scenes))
    head = folder / "story.yaml"
    head.write_text(head.read_text().replace("start: the-plan", "start: a"))
    for name, text in (files or {}).items():
        path = folder / name
        path.parent.mkdir(exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


def scene(id: str, date: str = "1993-03-27", *, choices: str = "", extra: str = "", ending: bool = False) -> str:
    body = (
        f"- id: {id}\n  title: {id}\n  date: {date}\n  place: charektar\n  thread: chronicle\n"
        f"  text: Something happened.\n  sources: [lead/1, the-battle/1]\n{extra}"
    )
    if choices:
        body += "  choices:\n" + "".join(
            f"    - label: To {target}\n      target: {target}\n" + (f"      if: {cond}\n" if cond else "")
            for target, _, cond in (c.partition(" if ") for c in choices.split(";"))
        )
    return body + ("  ending: true\n" if ending else "")


def found(folder: Path) -> list[tuple[str, str]]:
    return [(d.code, d.message) for d in lint(load_story(folder)).diagnostics]


def test_the_example_is_clean_and_its_statistics_count_what_is_written(example_story) -> None:  # type: ignore[no-untyped-def]
    report = lint(load_story(FIXTURES / "example"))
    assert report.diagnostics == []
    written = [
        s
        for f in sorted((FIXTURES / "example" / "scenes").glob("*.yaml"))
        for s in yaml.safe_load(f.read_text(encoding="utf-8"))["scenes"]
    ]
    plain = [re.sub(r"\[\[([^|\]]+)\|[^\]]+\]\]", r"\1", s["text"]).replace("*", "").replace(">", "") for s in written]
    stats = report.statistics
    assert stats is not None
    assert stats.scenes == len(written)
    assert stats.choices == sum(len(s.get("choices", [])) for s in written)
    assert stats.endings == sum(bool(s.get("ending")) for s in written)
    assert stats.threads == len(yaml.safe_load((FIXTURES / "example" / "story.yaml").read_text())["threads"])
    assert stats.words == sum(len(t.split()) for t in plain)
    assert (stats.seed_cited, stats.seed_paragraphs, stats.coverage) == (5, 5, 100.0)
    assert stats.as_dict()["seed_coverage"] == 100.0
    assert "seed coverage 100% (5 of 5 paragraphs cited)" in stats.as_text()


def test_coverage_counts_what_is_cited(tmp_path: Path) -> None:
    folder = story(tmp_path, scene("a", ending=True).replace("[lead/1, the-battle/1]", "[lead/1]"))
    report = lint(load_story(folder))
    assert report.statistics is not None and report.statistics.coverage == 50.0
    assert [d.code for d in report.diagnostics] == ["W101"]


def test_a_condition_on_a_visited_scene_is_followed_on_every_path(tmp_path: Path) -> None:
    """'c' can only go on to the end for readers who came through 'b'."""
    folder = story(
        tmp_path,
        scene("a", choices="b;c")
        + scene("b", choices="c")
        + scene("c", choices="d if {visited: b}")
        + scene("d", ending=True),
    )
    assert found(folder) == [
        ("E017", "dead end: scene 'c' is not an ending, and no choice can be taken in some readings")
    ]


def test_a_condition_that_always_holds_somewhere_is_no_dead_end(tmp_path: Path) -> None:
    folder = story(
        tmp_path,
        scene("a", choices="b;c")
        + scene("b", choices="c")
        + scene("c", choices="d if {visited: b};e if {not_visited: b}")
        + scene("d", ending=True)
        + scene("e", ending=True),
    )
    assert found(folder) == []


def test_flags_open_and_close_choices(tmp_path: Path) -> None:
    folder = story(
        tmp_path,
        scene("a", choices="b;c")
        + scene("b", choices="c", extra="  sets: [warned]\n")
        + scene("c", choices="d if {flag: warned};e if {not_flag: warned}")
        + scene("d", ending=True)
        + scene("e", ending=True),
    )
    assert found(folder) == []


def test_a_loop_with_no_way_out_is_a_dead_end(tmp_path: Path) -> None:
    folder = story(
        tmp_path,
        scene("a", choices="b;z") + scene("b", choices="c") + scene("c", choices="b") + scene("z", ending=True),
    )
    assert found(folder) == [
        ("E017", "no ending can be reached from scene 'b' in some readings"),
        ("E017", "no ending can be reached from scene 'c' in some readings"),
    ]


def test_time_goes_backwards_only_when_a_scene_lies_wholly_before_the_present(tmp_path: Path) -> None:
    """A month after a day of that month is imprecise, not backwards; a day before the present is."""
    folder = story(
        tmp_path,
        scene("a", "1993-03-28", choices="b")
        + scene("b", "1993-03", choices="c")
        + scene("c", "~1993-03-30/1993-04-02", choices="d")
        + scene("d", "1993-03-29", ending=True),
    )
    assert found(folder) == [
        ("E018", "time runs backwards: 'd' (1993-03-29) follows 'c', but this reading has already reached 1993-03-30")
    ]


def test_after_a_flashback_the_present_is_where_it_was(tmp_path: Path) -> None:
    folder = story(
        tmp_path,
        scene("a", "1993-03-29", choices="b")
        + scene("b", "1993-03-01", choices="c", extra="  flashback: true\n")
        + scene("c", "1993-03-02", ending=True),
    )
    assert found(folder) == [
        ("E018", "time runs backwards: 'c' (1993-03-02) follows 'b', but this reading has already reached 1993-03-29")
    ]


def test_too_many_reading_states_stop_the_path_checks_with_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(lint_module, "MAX_STATES", 2)
    folder = story(
        tmp_path, scene("a", choices="b") + scene("b", choices="c") + scene("c", choices="d") + scene("d", ending=True)
    )
    assert found(folder) == [("W104", "more than 2 reading states: path checks stopped early")]


def test_references_from_panels_glossary_and_map_are_checked(tmp_path: Path) -> None:
    folder = story(
        tmp_path,
        scene("a", ending=True, extra="  unlocks: [casualties/dead, politics/turkey]\n"),
        {
            "panels/casualties.yaml": """\
            entries:
              - id: dead
                title: The dead
                text: Some died.
                sources: [lead/1]
                see: [glossary/kelbajr, politics/turkey]
                figure: some
                counts: the dead
            """,
            "panels/politics.yaml": """\
            entries:
              - id: turkey
                title: Turkey
                text: Turkey spoke.
                sources: [lead/2]
            """,
            "glossary.yaml": """\
            terms:
              - id: kelbajar
                term: Kelbajar
                text: A district.
                sources: [lead/1]
                see: [background/district]
            """,
            "places.yaml": """\
            places:
              - id: charektar
                name: Charektar
                kind: village
                lat: 40.1
                lon: 46.3
                sources: [lead/1]
            lines:
              - id: tartar
                name: Tartar
                kind: river
                points: [charektar, kelbajar]
                sources: [lead/1]
            fronts:
              - date: 1993-03-28
                held: [charektr]
                text: Held.
                sources: [hrw-1994]
            """,
        },
    )
    assert found(folder) == [
        ("E013", "entry or glossary term 'background/district' does not exist"),
        ("E006", "casualties entry 'dead' has no 'qualifier'"),
        ("E013", "entry or glossary term 'glossary/kelbajr' does not exist (did you mean 'glossary/kelbajar'?)"),
        ("E006", "politics entry 'turkey' has no 'actor'"),
        ("E015", "seed paragraph 'lead/2' does not exist (did you mean 'lead/1'?)"),
        ("E013", "place 'kelbajar' does not exist"),
        ("E013", "place 'charektr' does not exist (did you mean 'charektar'?)"),
        ("E013", "source 'hrw-1994' does not exist"),
    ]


def test_conditions_name_scenes_and_flags_that_exist(tmp_path: Path) -> None:
    folder = story(
        tmp_path,
        scene("a", choices="b if {visited: c, flag: warnd};b", extra="  sets: [warned]\n") + scene("b", ending=True),
    )
    assert found(folder) == [
        ("E013", "condition names scene 'c', which does not exist"),
        ("E013", "no scene sets flag 'warnd' (did you mean 'warned'?)"),
    ]


def test_the_same_problem_is_reported_once(tmp_path: Path) -> None:
    """Every scene of a file takes its phase from one line: a wrong phase is one problem."""
    folder = story(tmp_path, scene("a", choices="b") + scene("b", ending=True))
    path = folder / "scenes" / "01-march.yaml"
    path.write_text(path.read_text().replace("phase: march", "phase: april"))
    assert found(folder) == [("E013", "phase 'april' does not exist")]


def test_a_bad_phase_is_one_problem_not_one_per_scene(tmp_path: Path) -> None:
    folder = story(tmp_path, scene("a", choices="b") + scene("b", ending=True))
    path = folder / "scenes" / "01-march.yaml"
    path.write_text(path.read_text().replace("phase: march", "phase: March"))
    assert [code for code, _ in found(folder)] == ["E011"]


# --- The linter's cost grows with the story, not with combinations (review M2 and m8) --------------


def test_the_path_check_of_many_flags_is_bounded_in_memory(tmp_path: Path) -> None:
    """18 binary choices after a scene that sets 300 watched flags: 400,000 states, each with 300 flags.

    Every state kept its own set of flags: 2.2 GB.  Measured as the peak memory
    of a validate process of its own.
    """
    import json
    import os
    import subprocess
    import sys

    from hostile_scale import state_explosion

    folder = state_explosion(tmp_path / "story", choices=18, flags=300)
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).parents[2]))
    child = subprocess.Popen(
        [sys.executable, "-m", "engine", "validate", str(folder), "--format", "json"], stdout=subprocess.PIPE, env=env
    )
    out = child.stdout.read() if child.stdout else b""
    _, status, usage = os.wait4(child.pid, 0)
    codes = [d["code"] for d in json.loads(out)["diagnostics"]]
    assert codes == ["W104"] and os.waitstatus_to_exitcode(status) == 0
    assert usage.ru_maxrss / 1024 < 200, f"{usage.ru_maxrss / 1024:.0f} MB"


def test_a_reading_state_holds_its_flags_in_one_integer(tmp_path: Path) -> None:
    from hostile_scale import state_explosion

    folder = state_explosion(tmp_path / "story", choices=4, flags=300)
    result = load_story(folder)
    assert result.story is not None
    walk = lint_module._StateWalk(result.story)
    walk.explore()
    # the first scene, then c_n in 2**n states and y_n, n_n in 2**(n + 1), then 'last' and the end in 16 each
    assert not walk.overflow and len(walk.codes) == 1 + (1 + 2 + 4 + 8) + (2 + 4 + 8 + 16) + 2 * 16
    assert all(type(code) is int for code in walk.codes)
    assert len(walk.following) == walk.offsets[-1] and len(walk.offsets) == len(walk.codes) + 1


def test_did_you_mean_costs_the_same_however_many_names_are_known(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """3,000 misspelt targets took 51 s: each was compared with every scene id (difflib), 9 million pairs."""
    import difflib

    from hostile_scale import misspelt_targets

    compared = 0
    real = difflib.SequenceMatcher.set_seq1

    def counted(self: difflib.SequenceMatcher, a: str) -> None:
        nonlocal compared
        compared += 1
        real(self, a)

    folder = misspelt_targets(tmp_path / "story", 3000)
    result = load_story(folder)
    monkeypatch.setattr(difflib.SequenceMatcher, "set_seq1", counted)
    report = lint(result)
    suggested = [d for d in report.errors if d.code == "E012" and "(did you mean 'scene-number-" in d.message]
    assert len(suggested) == 2999  # the last names scene-number-3000, which is not written
    assert compared <= 2 * 3000


@pytest.mark.parametrize(
    "wrong, known, suggested",
    [
        ("flashbak", ["flashback", "flash"], "flashback"),
        ("nmuber", {"number"}, "number"),
        ("the-plane", {"the-plan": 1}, "the-plan"),
        ("lead/2", ["lead/1", "lead/3"], "lead/3"),
        ("Warnd", {"Warned"}, "Warned"),
        ("mood", ["title", "text"], None),
        ("a", ["b"], None),
        ("x" * 65, ["x" * 64], None),
    ],
)
def test_did_you_mean_suggests_a_name_one_slip_away(wrong: str, known: object, suggested: str | None) -> None:
    from engine.story.diagnostics import did_you_mean

    expected = f" (did you mean '{suggested}'?)" if suggested else ""
    assert did_you_mean(wrong, known) == expected  # type: ignore[arg-type]


def test_a_line_or_front_that_ends_before_it_begins_is_e011(tmp_path: Path) -> None:
    folder = story(
        tmp_path,
        scene("a", ending=True),
        {
            "places.yaml": """\
        places:
          - id: charektar
            name: Charektar
            kind: village
            lat: 40.1
            lon: 46.3
            sources: [lead/1]
        lines:
          - id: column
            name: The column
            kind: attack
            points: [charektar, charektar]
            from: 1993-04
            until: 1993-03-28
            sources: [lead/1]
          - id: vague
            name: Vague but possible
            kind: route
            points: [charektar, charektar]
            from: ~1993-03
            until: 1993-03-01/1993-04-05
            sources: [lead/1]
        fronts:
          - date: 1993-03-28
            held: [charektar]
            text: Held.
            until: 1993-03-27
            sources: [lead/1]
        """
        },
    )
    result = load_story(folder)
    assert result.story is not None
    column = next(line for line in result.story.lines if line.id == "column")
    assert column.since is not None and column.since.text == "1993-04" and column.until is not None
    problems = [d for d in lint(result).diagnostics if d.code == "E011"]
    assert [(d.message, d.line) for d in problems] == [
        ("line 'column' ends (1993-03-28) before it begins (1993-04)", 14),
        ("the front of 1993-03-28 ends (1993-03-27) before it begins (1993-03-28)", 27),
    ]
