"""The line-by-line reader, driven as a reader would: commands in, lines out."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from engine.plain import run_plain
from engine.reading.readings import Readings
from engine.reading.saves import SaveStore
from engine.reading.session import Moment, Session
from engine.story.load import load_story
from engine.story.model import Story

EXAMPLE = Path(__file__).parents[1] / "fixtures" / "stories" / "example"


class Terminal(io.StringIO):
    """Standard output that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def read(story: Story, save_dir: Path, commands: str, *, fresh: bool = False, out: io.StringIO | None = None) -> str:
    out = out if out is not None else io.StringIO()
    assert run_plain(story, save_dir, fresh=fresh, stdin=io.StringIO(commands), stdout=out) == 0
    return out.getvalue()


def saved(story: Story, save_dir: Path) -> Session:
    """The reading saved last."""
    shelf = Readings(save_dir, story).shelf()
    assert shelf.latest is not None, shelf.messages
    return shelf.latest.session


def variant(tmp_path: Path, scene_file: str, old: str, new: str) -> Story:
    """The example story with one piece of one scene file replaced."""
    folder = tmp_path / "story"
    shutil.copytree(EXAMPLE, folder)
    path = folder / "scenes" / scene_file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    result = load_story(folder)
    assert result.story is not None and not result.diagnostics, result.diagnostics
    return result.story


# through a pipe, as a script would


def run_engine(commands: str, state: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "KALBAJAR_STATE_DIR": str(state)}
    return subprocess.run(
        [sys.executable, "-m", "engine", "--story", str(EXAMPLE), *extra],
        input=commands,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


def test_a_script_reads_through_a_pipe_and_the_reading_is_saved(tmp_path: Path, example_story: Story) -> None:
    done = run_engine("1\n1\nq\n", tmp_path, "--plain")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert out.index("Four directions") < out.index("The embankment") < out.index("Charektar\n")
    assert "Your reading is saved (reading 1); it continues next time." in out
    assert "\x1b" not in out
    assert saved(example_story, tmp_path).scene.id == "breakthrough"


def test_the_end_of_input_ends_cleanly_and_a_second_run_continues(tmp_path: Path, example_story: Story) -> None:
    first = run_engine("1\n", tmp_path, "--plain")
    assert (first.returncode, first.stderr) == (0, "")
    assert saved(example_story, tmp_path).scene.id == "embankment"
    second = run_engine("", tmp_path, "--plain")
    assert second.returncode == 0
    assert "Continuing reading 1" in second.stdout
    assert "The embankment" in second.stdout and "Four directions" not in second.stdout
    fresh = run_engine("", tmp_path, "--plain", "--new")
    assert "Four directions" in fresh.stdout and "Continuing" not in fresh.stdout


def test_plain_is_chosen_when_output_is_not_a_terminal(tmp_path: Path) -> None:
    done = run_engine("1\n", tmp_path)
    assert done.returncode == 0, done.stderr
    assert "1. Follow the column" in done.stdout and "The embankment" in done.stdout


# in process


def test_choices_back_and_forward(tmp_path: Path, example_story: Story) -> None:
    out = read(example_story, tmp_path, "b\n1\nb\nf\nf\n7\n")
    assert "This is the first scene of the reading." in out
    assert out.count("\nThe embankment\n") == 2 and out.count("\nFour directions\n") == 2
    assert "There is nothing to go forward to." in out
    assert "There is no choice 7 here; choose 1." in out
    session = saved(example_story, tmp_path)
    assert (session.scene.id, session.can_go_back) == ("embankment", True)


def test_the_scene_shows_its_date_place_phase_thread_and_choices(tmp_path: Path, example_story: Story) -> None:
    out = read(example_story, tmp_path, "")
    assert "c. March 1993, Kelbajar. The plan; The chronicle." in out
    assert "several hundred men" in out and "*several" not in out
    assert "Linked: The district (p background/district)." in out
    assert "1. Follow the column\n2. No: stay with the people leaving\n> " in out


def test_panels_list_what_is_new_and_reading_an_entry_marks_it_seen(tmp_path: Path, example_story: Story) -> None:
    out = read(example_story, tmp_path, "p\np 1\np\n")
    listings = out.split("Side panels (")
    assert "1. The district  (new)" in listings[1]
    assert "Kelbajar lay between Armenia" in listings[1]
    assert "1. The district" in listings[2] and "(new)" not in listings[2]
    assert "See also: Kelbajar (g Kelbajar)." in out  # the casualty entry it names is not reached yet
    assert saved(example_story, tmp_path).seen == {"background/district"}


def test_an_entry_not_yet_unlocked_is_not_shown(tmp_path: Path, example_story: Story) -> None:
    out = read(example_story, tmp_path, "p casualties/evacuated\np 9\n2\nc\np casualties/evacuated\n")
    assert out.count("There is no entry") == 2
    assert "The article says civilians were evacuated" in out
    assert "Figure: not given.\nCounts: civilians evacuated north before the attack." in out


def test_the_glossary_matches_other_names_and_suggests_close_ones(tmp_path: Path, example_story: Story) -> None:
    out = read(example_story, tmp_path, "g KALBAJAR\ng charektar\n1\ng charektr\ng nothing-like-it\ng\n")
    assert "Kelbajar\nAlso: Kalbajar, Karvachar." in out
    assert "A district of Azerbaijan and its capital." in out
    assert "'charektar' opens once your reading reaches it." in out  # not met in the first scene
    assert "The glossary has no 'charektr'. Did you mean: Charektar?" in out  # met at the embankment
    assert "The glossary has no 'nothing-like-it'. Type g for the terms you have met." in out
    assert "  Charektar\n  Kelbajar (also Kalbajar, Karvachar)" in out


def test_sources_give_the_seed_paragraphs_and_the_citations(tmp_path: Path) -> None:
    story = variant(
        tmp_path,
        "01-plan.yaml",
        "sources: [the-battle/heavy-resistance/1, lead/1]",
        "sources: [the-battle/heavy-resistance/1, lead/1, wikipedia-kalbajar]",
    )
    out = read(story, tmp_path / "state", "s\n")
    flat = " ".join(out.split())
    for paragraph in ("the-battle/heavy-resistance/1", "lead/1"):
        opening = " ".join(story.article.by_id[paragraph].text.split()[:6])
        assert f"paragraph {paragraph.rsplit('/', 1)[-1]}: {opening}" in flat
        assert paragraph not in out  # sources by their titles, never their ids
    assert "Kalbajar. Wikipedia. https://en.wikipedia.org/wiki/Kalbajar" in flat and "wikipedia-kalbajar" not in out
    assert "Coordinates of the town." in out
    assert story.attribution in out


def test_the_transcript_includes_the_choices(tmp_path: Path, example_story: Story) -> None:
    out = read(example_story, tmp_path, "1\n1\nb\nh\n")
    transcript = out.split("Your reading so far:")[1]
    assert transcript.splitlines()[1:6] == [
        "  1. Four directions, c. March 1993",
        "    chose: Follow the column",
        "  2. The embankment, 27 March 1993  (you are here)",
        "    chose: Go on to 28 March",
        "  3. Charektar, 28 March 1993  (ahead: f goes forward)",
    ]


def test_help_and_unknown_commands(tmp_path: Path, example_story: Story) -> None:
    out = read(example_story, tmp_path, "?\nxyzzy\n")
    for command in ("b ", "f ", "h ", "t ", "m ", "p ", "s ", "g TERM", "r ", "a ", "? ", "q "):
        assert f"\n  {command}" in out
    assert "'xyzzy' is not a command." in out


def test_a_content_note_offers_the_summary_instead(tmp_path: Path, example_story: Story) -> None:
    out = read(example_story, tmp_path, "2\n1\ns\n")
    assert "Content note: This scene tells of civilians leaving their homes." in out
    assert "Type c to read the scene, or s for a summary instead.\n> Type c to read the scene" in out
    assert "Summary: Civilians were being evacuated north before the attack." in out
    assert "Defeats in late March" not in out
    assert out.rstrip().endswith("1. Go on to 28 March\n>")


def test_continuing_past_a_content_note_shows_the_scene(tmp_path: Path, example_story: Story) -> None:
    out = read(example_story, tmp_path, "2\nc\n")
    assert "    Defeats in late March already had the Azeri military evacuating civilians.\n" in out
    assert "Editor's note: The article gives no exact date for the evacuation." in out
    assert "Summary:" not in out


def test_a_corrupt_save_is_kept_aside_and_reported(tmp_path: Path, example_story: Story) -> None:
    store = SaveStore(tmp_path, example_story)
    store.path.write_text('{"format": "kalbajar-save", "vers', encoding="utf-8")
    out = read(example_story, tmp_path, "1\n")
    assert out.startswith("Reading 1: The saved reading could not be opened: it is not complete JSON")
    kept = list((tmp_path / "example").glob("reading-1.unreadable-*.json"))
    assert len(kept) == 1 and kept[0].read_text(encoding="utf-8").endswith('"vers')
    assert str(kept[0]) in out
    assert saved(example_story, tmp_path).scene.id == "embankment"


def test_colour_only_on_a_terminal_and_never_with_no_color(
    tmp_path: Path, example_story: Story, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert "\x1b[1mFour directions\x1b[0m" in read(example_story, tmp_path, "", out=Terminal())
    assert "\x1b" not in read(example_story, tmp_path, "")
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b" not in read(example_story, tmp_path, "", out=Terminal())
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("TERM", "dumb")
    assert "\x1b" not in read(example_story, tmp_path, "", out=Terminal())


def test_story_text_is_printed_as_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    markup = r"[bold red]Not bold[/bold red] \x1b[31m [link=https://x]y[/link] <b>z</b>"
    story = variant(tmp_path, "01-plan.yaml", "directions. Read about", f"directions. {markup} Read about")
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.delenv("NO_COLOR", raising=False)
    out = read(story, tmp_path / "state", "", out=Terminal())
    assert markup in " ".join(out.split())
    assert out.count("\x1b") == 2  # the title's bold and reset, nothing else


def test_escape_sequences_from_a_save_never_reach_the_terminal(tmp_path: Path, example_story: Story) -> None:
    hostile = Session(example_story, [Moment("overview"), Moment("embankment", "\x1b[2J\x1b]0;owned\x07")], 1)
    SaveStore(tmp_path, example_story).write(hostile)
    out = read(example_story, tmp_path, "h\n")
    assert "\x1b" not in out and "\x07" not in out and "[2J" not in out
    assert "chose: Follow the column" in out  # the story's own label, not the save's


def test_the_save_is_shared_with_the_textual_reader(tmp_path: Path, example_story: Story) -> None:
    read(example_story, tmp_path, "1\np 1\n")
    data = json.loads((tmp_path / "example" / "reading-1.json").read_text(encoding="utf-8"))
    assert data["payload"]["moments"][-1] == {"scene": "embankment", "choice": "Follow the column"}
    assert data["payload"]["seen"] == ["background/district"]


def test_a_document_linked_by_a_scene_read_is_in_the_panels(tmp_path: Path, example_story: Story) -> None:
    out = read(example_story, tmp_path, "p documents/a-statement\n1\n1\np\np documents/a-statement\n")
    assert "There is no entry 'documents/a-statement'" in out  # not linked by any scene read yet
    assert "Documents\n  2. A statement on the fighting (an example document)" in out
    assert "Text taken from: Written for the example story" in out
    assert "It calls for the fighting to stop." in out and "About this text: The example's document" in out


# odd input and odd terminals (review M6 and m7)


@pytest.mark.parametrize("typed", ["²", "٣", "１", "9" * 5000, "-1", "p ²", "p " + "9" * 5000, "p ٣", "1.5", "0x1"])
def test_what_only_looks_like_a_number_is_never_a_crash(tmp_path: Path, example_story: Story, typed: str) -> None:
    """str.isdigit() says yes to '²' and '٣', and int() refuses '²' and numbers past 4,300 digits."""
    out = read(example_story, tmp_path, typed + "\n", fresh=True)
    assert (
        "is not a command" in out or "There is no entry" in out or "Side panels" in out or "There is no choice" in out
    )
    assert "Four directions" in out and "The embankment" not in out  # no choice was taken


def test_a_long_unknown_command_is_said_back_short(tmp_path: Path, example_story: Story) -> None:
    out = read(example_story, tmp_path, "9" * 5000 + "\n", fresh=True)
    assert "'" + "9" * 60 + "…' is not a command" in out and "9" * 61 not in out


def run_bytes(
    stdin: bytes, state: Path, encoding: str, *args: str, story: Path = EXAMPLE
) -> subprocess.CompletedProcess[bytes]:
    """The command with its streams set up as a locale would (PYTHONIOENCODING stands for the locale)."""
    env = {**os.environ, "KALBAJAR_STATE_DIR": str(state), "PYTHONIOENCODING": encoding}
    return subprocess.run(
        [sys.executable, "-m", "engine", "--story", str(story), *args],
        input=stdin,
        capture_output=True,
        env=env,
        timeout=60,
    )


def test_bytes_that_are_not_utf8_under_a_strict_utf8_locale_are_not_a_command(tmp_path: Path) -> None:
    """en_US.UTF-8 makes stdin strict: one stray byte ended the reading with a UnicodeDecodeError."""
    done = run_bytes(b"caf\xe9\n1\n", tmp_path, "utf-8:strict", "--plain", "--new")
    assert done.returncode == 0 and b"Traceback" not in done.stderr
    assert "'caf\N{REPLACEMENT CHARACTER}' is not a command".encode() in done.stdout
    assert b"The embankment" in done.stdout  # the reading went on


def test_c1_bytes_typed_under_the_c_locale_are_never_echoed_raw(tmp_path: Path) -> None:
    """The C locale keeps stray bytes as surrogates and wrote 0x9B (a C1 CSI) straight back."""
    done = run_bytes(b"\x9b2J\x1b]0;x\x07\n", tmp_path, "utf-8:surrogateescape", "--plain", "--new")
    assert done.returncode == 0 and b"Traceback" not in done.stderr
    assert b"is not a command" in done.stdout
    assert not any(byte in done.stdout for byte in (b"\x9b", b"\x1b]", b"\x07"))


def test_a_latin1_terminal_gets_the_reading_with_what_it_cannot_show_replaced(tmp_path: Path) -> None:
    """Under en_US.ISO-8859-1 the first en dash raised UnicodeEncodeError."""
    folder = tmp_path / "story"
    shutil.copytree(EXAMPLE, folder)
    scenes = folder / "scenes" / "01-plan.yaml"
    scenes.write_text(
        scenes.read_text(encoding="utf-8").replace("title: Four directions", "title: Four directions – from Armenia")
    )
    done = run_bytes(b"h\n", tmp_path / "state", "iso-8859-1", "--plain", "--new", story=folder)
    assert done.returncode == 0 and b"Traceback" not in done.stderr, done.stderr
    assert b"Four directions ? from Armenia" in done.stdout


@pytest.mark.parametrize("form", ["markdown", "html"])
def test_export_to_standard_output_is_utf8_whatever_the_locale(tmp_path: Path, form: str) -> None:
    done = run_bytes(b"", tmp_path, "iso-8859-1", "export", "--format", form)
    assert done.returncode == 0 and b"Traceback" not in done.stderr, done.stderr
    assert "27–28 March 1993" in done.stdout.decode("utf-8")


# in another language


def read_in(lang: str, save_dir: Path, commands: str, story: Story) -> str:
    out = io.StringIO()
    assert run_plain(story, save_dir, fresh=True, stdin=io.StringIO(commands), stdout=out, lang=lang) == 0
    return " ".join(out.getvalue().split())


def test_a_reading_in_russian_shows_the_russian_text(tmp_path: Path, example_story: Story) -> None:
    out = read_in("ru", tmp_path, "1\nq\n", example_story)
    assert "Четыре направления" in out and "1. Пойти за колонной 2. Нет: остаться с уходящими людьми" in out
    assert "Насыпь 27 марта 1993, Чаректар. Первые дни; Колонна." in out  # the place named by the glossary


def test_a_quotation_keeps_its_words_and_its_translation_is_marked(tmp_path: Path, example_story: Story) -> None:
    out = read_in("ru", tmp_path, "2\nc\n1\n1\nq\n", example_story)
    assert (
        "называет “a city in the Kalbajar District of Azerbaijan” "
        "[перевод: город в Кельбаджарском районе Азербайджана]."
    ) in out


def test_switching_language_keeps_the_moment(tmp_path: Path, example_story: Story) -> None:
    out = read_in("en", tmp_path, "1\nl\nl ru\nh\nq\n", example_story)
    assert "en English (reading now) ru Русский" in out
    assert out.index("The embankment") < out.index("Насыпь 27 марта 1993")
    assert "1. Четыре направления, март 1993 (прибл.) выбрано: Пойти за колонной 2. Насыпь" in out
    session = saved(example_story, tmp_path)
    assert session.scene.id == "embankment" and session.index == 1


def test_a_language_the_story_lacks_is_refused(tmp_path: Path, example_story: Story) -> None:
    out = read_in("en", tmp_path, "l hy\nq\n", example_story)
    assert "The story has no translation into 'hy'; it can be read in: en, ru." in out
