"""``kalbajar randomtest``: seeded random readings that find dead ends, loops, time running backwards
and broken saves, and say which seed shows each one.
"""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest

from engine.cli import main
from engine.reading import randomtest
from engine.reading.randomtest import Report, run_walks, walk
from engine.reading.session import Session
from engine.story.bundled import bundled_story_dir
from engine.story.load import load_story
from engine.story.model import Story

FIXTURES = Path(__file__).parent.parent / "fixtures"
EXAMPLE = FIXTURES / "stories" / "example"
BASE = FIXTURES / "hostile" / "valid"


def scene(sid: str, date: str, *choices: str, ending: bool = False, flashback: bool = False, extra: str = "") -> str:
    """One scene in YAML; each choice is 'target' or 'target if <condition mapping>'."""
    lines = [
        f"  - id: {sid}",
        f"    title: Scene {sid}",
        f"    date: {date}",
        "    place: town",
        "    thread: main",
        "    text: Words.",
        "    sources: [test-source]",
    ]
    lines += ["    ending: true"] if ending else []
    lines += ["    flashback: true"] if flashback else []
    lines += [f"    {extra}"] if extra else []
    if choices:
        lines.append("    choices:")
        for choice in choices:
            target, _, condition = choice.partition(" if ")
            lines += [f"      - label: To {target}", f"        target: {target}"]
            lines += [f"        if: {condition}"] if condition else []
    return "\n".join(lines) + "\n"


def story_of(tmp_path: Path, *scenes: str) -> Story:
    folder = tmp_path / "story"
    shutil.copytree(BASE, folder)
    (folder / "scenes" / "01.yaml").write_text("phase: only\nscenes:\n" + "".join(scenes), encoding="utf-8")
    result = load_story(folder)
    assert result.story is not None, result.diagnostics
    return result.story


def test_the_example_story_passes(example_story: Story) -> None:
    report = run_walks(example_story, 2000, seed=0)
    assert report.ok, report.as_text()
    assert report.endings == Counter({"the-end": 2000})
    assert report.hits["overview"] == 2000
    assert all(report.hits[s] > 0 for s in example_story.scenes)


def test_walks_are_repeatable_and_walk_i_uses_seed_plus_i(example_story: Story) -> None:
    together = run_walks(example_story, 5, seed=40)
    alone = Report(example_story, 5, 40)
    for seed in range(40, 45):
        assert walk(example_story, seed, alone) is None
    assert together.hits == alone.hits and together.endings == alone.endings
    assert run_walks(example_story, 300, seed=7).hits == run_walks(example_story, 300, seed=7).hits
    assert run_walks(example_story, 300, seed=7).hits != run_walks(example_story, 300, seed=8).hits


def test_a_dead_end_is_found_with_its_seed(tmp_path: Path) -> None:
    story = story_of(
        tmp_path,
        scene("first", "1993-03-27", "stuck", "the-end"),
        scene("stuck", "1993-03-27", "the-end if {flag: never-set}"),
        scene("the-end", "1993-03-28", ending=True),
    )
    report = run_walks(story, 200)
    stuck = [f for f in report.failures if f.kind == "dead end"]
    assert stuck and all(f.scene == "stuck" for f in stuck)
    assert walk(story, stuck[0].seed, Report(story, 1, 0)) == stuck[0]  # the seed replays it
    assert "dead end at 'stuck'" in report.as_text() and "result: FAILED" in report.as_text()


def test_a_loop_with_no_way_out_exceeds_the_step_limit(tmp_path: Path) -> None:
    story = story_of(
        tmp_path,
        scene("first", "1993-03-27", "loop-a"),
        scene("loop-a", "1993-03-27", "loop-b"),
        scene("loop-b", "1993-03-27", "loop-a"),
        scene("the-end", "1993-03-28", ending=True),
    )
    report = run_walks(story, 20)
    assert {f.kind for f in report.failures} == {"step limit"} and len(report.failures) == 20
    assert report.unreached == ["the-end"]
    assert "not reached by any walk: the-end" in report.as_text()


def test_time_running_backwards_is_found_but_a_flashback_may_go_back(tmp_path: Path) -> None:
    backwards = story_of(
        tmp_path / "a",
        scene("first", "1993-03-28", "earlier"),
        scene("earlier", "1993-03-27", "the-end"),
        scene("the-end", "1993-03-28", ending=True),
    )
    failures = run_walks(backwards, 10).failures
    assert len(failures) == 10 and {(f.kind, f.scene) for f in failures} == {("date goes backwards", "earlier")}
    flashback = story_of(
        tmp_path / "b",
        scene("first", "1993-03-28", "earlier"),
        scene("earlier", "1993-03-27", "the-end", flashback=True),
        scene("the-end", "1993-03-28", ending=True),
    )
    assert run_walks(flashback, 10).ok


def test_a_flashback_does_not_move_the_present(tmp_path: Path) -> None:
    """After a flashback to the 20th, going on to the 25th is still going backwards from the 28th."""
    story = story_of(
        tmp_path,
        scene("first", "1993-03-28", "memory"),
        scene("memory", "1993-03-20", "later", flashback=True),
        scene("later", "1993-03-25", "the-end"),
        scene("the-end", "1993-03-28", ending=True),
    )
    assert {f.kind for f in run_walks(story, 5).failures} == {"date goes backwards"}


def test_an_exception_is_reported_with_the_seed_that_replays_it(tmp_path: Path) -> None:
    story = story_of(
        tmp_path, scene("first", "1993-03-27", "the-end", "nowhere"), scene("the-end", "1993-03-28", ending=True)
    )
    report = run_walks(story, 50)
    crashes = [f for f in report.failures if f.kind == "exception"]
    assert crashes and all("KeyError: 'nowhere'" in f.detail and f.scene == "first" for f in crashes)
    assert f"(first seed {crashes[0].seed})" in report.as_text()
    assert walk(story, crashes[0].seed, Report(story, 1, 0)) == crashes[0]


def test_a_save_that_loses_part_of_the_reading_is_caught(example_story: Story, monkeypatch: pytest.MonkeyPatch) -> None:
    real = Session.to_dict

    def forgetful(self: Session) -> dict:
        data = real(self)
        data["index"] = 0
        return data

    monkeypatch.setattr(Session, "to_dict", forgetful)
    monkeypatch.setattr(randomtest, "_SAVE", 0.9)
    failures = run_walks(example_story, 100).failures
    assert failures and {f.kind for f in failures} == {"exception"}
    assert all("WalkError: the reopened save differs" in f.detail for f in failures)


def test_the_command_reports_and_passes_on_the_example(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["randomtest", "-n", "300", "--seed", "5", "--story", str(EXAMPLE)]) == 0
    out = capsys.readouterr().out
    assert "300 walks (seeds 5-304) of 'example', 6 scenes" in out and "walks/s" in out
    assert "embankment-later" in out and "endings: the-end 300" in out and "result: OK" in out


def test_the_command_fails_on_a_story_with_errors(capsys: pytest.CaptureFixture[str]) -> None:
    cycle = FIXTURES / "hostile" / "dead-cycle"
    assert main(["randomtest", "-n", "50", "--story", str(cycle)]) == 1
    out = capsys.readouterr().out
    assert "step limit" in out and "result: FAILED" in out
    assert "replay one walk: kalbajar randomtest -n 1 --seed" in out and str(cycle) in out
    assert "the story also has 2 errors" in out


def test_the_command_refuses_a_story_that_cannot_be_played(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["randomtest", "-n", "5", "--story", str(FIXTURES / "hostile" / "invalid-syntax")]) == 1
    out = capsys.readouterr().out
    assert "[E001]" in out and "cannot be read" in out


def test_ci_randomtest_10000_walks_on_the_bundled_story() -> None:
    """CI runs 10,000 random readings of the real story; the report is the failure message."""
    result = load_story(bundled_story_dir())
    assert result.story is not None, "the bundled story does not load"
    report = run_walks(result.story, 10_000, seed=0)
    if not report.ok:
        pytest.fail(report.as_text(bundled_story_dir()), pytrace=False)
