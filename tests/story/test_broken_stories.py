"""Each folder in fixtures/stories/broken is a small story with one thing broken.

Its ``expected.txt`` holds exactly what ``kalbajar validate`` prints before the
summary, run from inside the folder: every diagnostic line, with its hint.  A
story with a ``locales/LANG`` folder has its translation broken instead, and is
checked with ``--lang LANG`` (its summary has a third line, the translation's).
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from engine.cli import main

BROKEN = Path(__file__).parents[1] / "fixtures" / "stories" / "broken"
CASES = sorted(p.name for p in BROKEN.iterdir() if p.is_dir())


def validate(
    folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *options: str
) -> tuple[int, list[str]]:
    monkeypatch.chdir(folder)
    status = main(["validate", ".", *options, *language(folder)])
    return status, capsys.readouterr().out.splitlines()


def language(folder: Path) -> list[str]:
    """``--lang LANG`` for a story whose translation is what is broken."""
    translations = sorted(p.name for p in (folder / "locales").glob("*") if p.is_dir())
    return ["--lang", *translations] if translations else []


def summary(case: str) -> int:
    """How many lines the summary after the diagnostics has."""
    return 3 if language(BROKEN / case) else 2


def expected(case: str) -> list[str]:
    return (BROKEN / case / "expected.txt").read_text(encoding="utf-8").splitlines()


@pytest.mark.parametrize("case", CASES)
def test_each_broken_story_gives_exactly_its_diagnostics(
    case: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out = validate(BROKEN / case, monkeypatch, capsys)
    lines = expected(case)
    assert out[: -summary(case)] == lines
    assert out[-summary(case)].startswith(".: ")
    assert status == (1 if any(": error: " in line for line in lines) else 0)


@pytest.mark.parametrize("case", CASES)
def test_json_carries_the_same_diagnostics(
    case: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out = validate(BROKEN / case, monkeypatch, capsys, "--format", "json")
    data = json.loads("\n".join(out))
    shown = []
    for d in data["diagnostics"]:
        shown.append(
            f"{os.path.relpath(d['file'])}:{d['line']}:{d['column']}: {d['severity']}: {d['message']} [{d['code']}]"
        )
        if d["hint"]:
            shown.append(f"    hint: {d['hint']}")
    assert shown == expected(case)


@pytest.mark.parametrize("case", [c for c in CASES if c.startswith("w")])
def test_strict_makes_a_warning_fail(
    case: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    lenient, _ = validate(BROKEN / case, monkeypatch, capsys)
    strict, out = validate(BROKEN / case, monkeypatch, capsys, "--strict")
    assert (lenient, strict) == (0, 1)
    assert out[: -summary(case)] == expected(case)


def test_every_check_has_a_broken_story() -> None:
    codes = {
        line.rsplit("[", 1)[1].rstrip("]")
        for case in CASES
        for line in expected(case)
        if not line.startswith("    hint:")
    }
    assert codes >= {
        "E006",
        "E011",
        "E012",
        "E013",
        "E014",
        "E015",
        "E016",
        "E017",
        "E018",
        "E019",
        "E020",
        "E023",
        "E024",
        "E025",
        "E026",
        "E027",
        "W101",
        "W102",
        "W103",
        "W105",
        "W106",
        "W107",
        "W108",
    }


def test_without_its_flashback_mark_the_same_story_goes_back_in_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "story"
    shutil.copytree(BROKEN / "e018-flashback-passes", folder)
    scenes = folder / "scenes" / "01-march.yaml"
    text = scenes.read_text(encoding="utf-8")
    assert "    flashback: true\n" in text
    scenes.write_text(text.replace("    flashback: true\n", ""), encoding="utf-8")
    status, out = validate(folder, monkeypatch, capsys)
    assert status == 1
    errors = [line for line in out if ": error: " in line]
    assert len(errors) == 1
    assert "time runs backwards: 'the-day-before' (1993-03-27) follows 'the-plan'" in errors[0]
    assert errors[0].endswith("[E018]")
