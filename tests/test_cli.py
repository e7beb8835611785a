"""The ``kalbajar`` command as an author and a reader use it: any story, clear exits, no tracebacks."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from engine.cli import main
from engine.story.lint import lint
from engine.story.load import load_story

ROOT = Path(__file__).parents[1]
EXAMPLE = ROOT / "tests" / "fixtures" / "stories" / "example"


def kalbajar(*args: str, stdin: str = "", cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """The command in a process of its own, as a shell runs it."""
    return subprocess.run(
        [sys.executable, "-m", "engine", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cwd,
        env=os.environ | {"PYTHONPATH": str(ROOT)},
        timeout=60,
    )


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    """The example with invalid YAML in two files (outside the working directory, so paths show in full)."""
    folder = tmp_path / "story"
    shutil.copytree(EXAMPLE, folder)
    (folder / "glossary.yaml").write_text("terms: [\n", encoding="utf-8")
    (folder / "panels" / "background.yaml").write_text("entries:\n  - id: x\n    title: [\n", encoding="utf-8")
    return folder


def test_validate_a_clean_story(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(EXAMPLE)]) == 0
    out = capsys.readouterr().out.splitlines()
    stats = lint(load_story(EXAMPLE)).statistics
    assert stats is not None
    assert out == [f"{EXAMPLE}: 0 errors, 0 warnings", stats.as_text()]
    assert out[1].startswith(
        f"{stats.scenes} scenes, {stats.choices} choices, {stats.endings} endings, "
        f"{stats.threads} threads, {stats.words} words; seed coverage 100%"
    )


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "--story", str(EXAMPLE)],
        ["--story", str(EXAMPLE), "validate"],
        ["validate", str(EXAMPLE), "--strict", "--format", "text"],
    ],
)
def test_the_story_can_be_named_either_way(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(args) == 0
    assert capsys.readouterr().out.startswith(f"{EXAMPLE}: 0 errors, 0 warnings")


def test_json_carries_the_diagnostics_and_statistics(broken: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(broken), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert main(["validate", str(broken)]) == 1
    text = capsys.readouterr().out.splitlines()
    assert [
        f"{d['file']}:{d['line']}:{d['column']}: {d['severity']}: {d['message']} [{d['code']}]"
        for d in data["diagnostics"]
    ] == [line for line in text[:-2] if not line.startswith("    hint:")]
    assert len(data["diagnostics"]) == 2
    assert data["statistics"]["scenes"] == 6
    assert set(data["statistics"]) == {
        "scenes",
        "choices",
        "endings",
        "threads",
        "words",
        "seed_paragraphs",
        "seed_cited",
        "seed_coverage",
    }


def test_a_broken_yaml_file_is_a_diagnostic_not_a_traceback(broken: Path) -> None:
    done = kalbajar("validate", str(broken))
    assert done.returncode == 1 and done.stderr == ""
    lines = done.stdout.splitlines()
    assert [line.split(": ")[0].rsplit(":", 2)[0] for line in lines[:-2] if not line.startswith("    ")] == [
        f"{broken}/glossary.yaml",
        f"{broken}/panels/background.yaml",
    ]
    assert lines[-2] == f"{broken}: 2 errors, 0 warnings"


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["validate", "--no-such-option"], "unrecognized arguments"),
        (["validate", "--format", "xml"], "invalid choice"),
        (["validate", "/no/such/folder"], "/no/such/folder is not a folder"),
        (["validate", str(EXAMPLE / "story.yaml")], "story.yaml is not a folder"),
    ],
)
def test_bad_usage_exits_2(args: list[str], says: str) -> None:
    done = kalbajar(*args)
    assert done.returncode == 2 and says in done.stderr and "Traceback" not in done.stderr


def test_strict_fails_on_warnings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "story"
    shutil.copytree(EXAMPLE, folder)
    (folder / "scenes" / "01-plan.yaml").write_text(
        (folder / "scenes" / "01-plan.yaml").read_text().replace("    unlocks: [background/district]\n", "")
    )
    assert main(["validate", str(folder)]) == 0
    assert main(["validate", str(folder), "--strict"]) == 1
    assert capsys.readouterr().out.count("[W103]") == 2


def test_play_any_story_line_by_line_from_a_pipe(tmp_path: Path) -> None:
    done = kalbajar("--story", str(EXAMPLE), "--plain", "--new", stdin="1\n1\n1\nq\n", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    titles = ["Four directions", "The embankment", "Charektar", "The end of the example"]
    positions = [done.stdout.find(f"\n{title}\n") for title in titles]
    assert -1 not in positions and positions == sorted(positions)
    assert "See the embankment again" not in done.stdout  # its condition fails: the reader has seen it


@pytest.mark.parametrize(
    "command",
    [
        ["validate", "--story"],
        ["--plain", "--new", "--story"],
        ["export", "--story"],
        ["randomtest", "-n", "1", "--story"],
    ],
)
def test_a_story_path_with_a_name_too_long_for_the_file_system_is_an_error_not_a_traceback(
    command: list[str], tmp_path: Path
) -> None:
    run = kalbajar(*command, str(tmp_path / ("a" * 300) / "story"), cwd=tmp_path)
    assert run.returncode in (1, 2)
    said = run.stdout + run.stderr
    assert "Traceback" not in said and "File name too long" in said


def test_play_refuses_a_broken_story(broken: Path) -> None:
    done = kalbajar("--story", str(broken), "--plain")
    assert done.returncode == 1 and "run 'kalbajar validate --story" in done.stderr and "Traceback" not in done.stderr


def test_validate_prints_to_a_latin1_terminal_without_a_traceback() -> None:
    """Messages quote with “ ” and elide with …, which ISO-8859-1 cannot hold."""
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "engine",
            "validate",
            str(ROOT / "tests" / "fixtures" / "stories" / "broken" / "w101-uncited-paragraph"),
        ],
        capture_output=True,
        env=os.environ | {"PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "iso-8859-1"},
        timeout=60,
    )
    assert done.returncode == 0 and b"Traceback" not in done.stderr, done.stderr
    assert b"[W101]" in done.stdout


# languages


def test_validate_a_translation_strictly(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(EXAMPLE), "--lang", "ru", "--strict"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"{EXAMPLE}: 0 errors, 0 warnings"
    assert out[2] == "translation 'ru': 54 of 54 strings translated (100%), 0 stale, 0 missing"


def test_validate_a_translation_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(EXAMPLE), "--lang", "ru", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["translation"] == {
        "language": "ru",
        "strings": 54,
        "translated": 54,
        "stale": 0,
        "missing": 0,
        "translated_share": 100.0,
    }


def test_a_missing_translation_fails_only_strictly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = Path(shutil.copytree(EXAMPLE, tmp_path / "story"))
    strings = folder / "locales" / "ru" / "strings.yaml"
    strings.write_text(
        strings.read_text(encoding="utf-8").replace("    text: Пример\n", "    text: ''\n"), encoding="utf-8"
    )
    assert main(["validate", str(folder), "--lang", "ru"]) == 0
    assert main(["validate", str(folder), "--lang", "ru", "--strict"]) == 1
    assert capsys.readouterr().out.count("'story.title' has no ru translation [W107]") == 2


@pytest.mark.parametrize(
    "args",
    [
        ["validate", str(EXAMPLE), "--lang", "hy"],
        ["--story", str(EXAMPLE), "--plain", "--lang", "hy"],
        ["export", "--story", str(EXAMPLE), "--lang", "../ru"],
        ["translation-template", "--story", str(EXAMPLE)],
        ["translation-template", "--story", str(EXAMPLE), "--lang", "en"],
    ],
)
def test_a_language_that_cannot_be_had_is_bad_usage(args: list[str]) -> None:
    done = kalbajar(*args)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    # said in the interface's language, which may be the one asked for: the list of languages is in every one
    assert "no translation into" in done.stderr or "name the language" in done.stderr or "en, ru" in done.stderr


def test_read_in_russian_line_by_line(tmp_path: Path) -> None:
    done = kalbajar(
        "--story",
        str(EXAMPLE),
        "--plain",
        "--new",
        "--lang",
        "ru",
        "--save-dir",
        str(tmp_path),
        stdin="1\nq\n",
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert "Четыре направления" in done.stdout and "27 марта 1993, Чаректар" in done.stdout


@pytest.mark.parametrize(
    ("lang", "title"),
    [("ru_RU.UTF-8", "Четыре направления"), ("hy_AM.UTF-8", "Four directions"), ("C.UTF-8", "Four directions")],
)
def test_the_system_language_is_read_when_the_story_has_it(tmp_path: Path, lang: str, title: str) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES")}
    done = subprocess.run(
        [sys.executable, "-m", "engine", "--story", str(EXAMPLE), "--plain", "--new", "--save-dir", str(tmp_path)],
        input="q\n",
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env | {"PYTHONPATH": str(ROOT), "LANG": lang},
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert f"\n{title}\n" in done.stdout


def test_export_in_russian(tmp_path: Path) -> None:
    target = tmp_path / "edition.html"
    assert main(["export", "--story", str(EXAMPLE), "--lang", "ru", "--format", "html", "-o", str(target)]) == 0
    html = target.read_text(encoding="utf-8")
    assert '<html lang="ru">' in html and "[перевод: город в Кельбаджарском районе Азербайджана]" in html


def test_the_translation_template(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["translation-template", "--story", str(EXAMPLE), "--lang", "ru"]) == 0
    assert "strings: {}" in capsys.readouterr().out  # nothing left to translate
    target = tmp_path / "hy" / "strings.yaml"
    assert main(["translation-template", "--story", str(EXAMPLE), "--lang", "hy", "-o", str(target)]) == 0
    text = target.read_text(encoding="utf-8")
    assert text.count("    text: ''\n") == 54 and "  scene.overview.choice.evacuation.label:\n" in text
    assert main(["translation-template", "--story", str(EXAMPLE), "--lang", "hy", "-o", str(target)]) == 1
    assert "exists" in capsys.readouterr().err and target.read_text(encoding="utf-8") == text


def test_choosing_the_language_before_the_first_screen_reads_no_yaml() -> None:
    """The Textual reader's title screen comes before PyYAML is imported; the language must not change that."""
    code = (
        "import argparse, sys\nfrom pathlib import Path\nfrom engine.cli.stories import reading_language\n"
        f"print(reading_language(argparse.Namespace(lang='ru'), Path({str(EXAMPLE)!r})), 'yaml' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert done.stdout.split() == ["ru", "False"], done.stderr
