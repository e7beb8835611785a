"""Saves never lose a reading: golden files, every truncation, corruption, odd JSON, failed writes.

Whatever is wrong with a save, the reader starts (fresh if need be), is told
why, and the old file is kept byte for byte under a new name.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
from pathlib import Path

import pytest

from engine.reading import saves
from engine.reading.save_location import save_path
from engine.reading.saves import SaveStore, checksum, envelope, open_envelope
from engine.reading.session import Moment, Session
from engine.story.model import Story

GOLDEN = Path(__file__).parent.parent / "fixtures" / "saves"


def a_reading(story: Story) -> Session:
    session = Session(story)
    session.choose(1)  # embankment
    session.choose(1)  # breakthrough
    session.mark_seen("background/district")
    return session


def saved_bytes(tmp_path: Path, story: Story) -> bytes:
    store = SaveStore(tmp_path / "first", story)
    store.write(a_reading(story))
    return store.path.read_bytes()


def write_save(store: SaveStore, data: bytes | str) -> bytes:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    store.directory.mkdir(parents=True, exist_ok=True)
    store.path.write_bytes(raw)
    return raw


def assert_kept_aside(store: SaveStore, original: bytes, reason: str) -> None:
    """Refused: fresh start, one message with the reason, the file moved aside byte for byte."""
    restored = store.restore()
    assert restored.session is None
    assert len(restored.messages) == 1 and reason in restored.messages[0], restored.messages
    assert restored.moved_to is not None and str(restored.moved_to) in restored.messages[0]
    assert restored.moved_to.read_bytes() == original
    assert not store.path.exists()


# --- the format ---------------------------------------------------------------------------------


def test_a_save_round_trips_through_the_envelope(tmp_path: Path, example_story: Story) -> None:
    store = SaveStore(tmp_path, example_story)
    session = a_reading(example_story)
    store.write(session)
    data = json.loads(store.path.read_text(encoding="utf-8"))
    assert (data["format"], data["version"], data["story"]) == ("kalbajar-save", 1, "example")
    assert data["sha256"] == checksum(data["payload"])
    restored = SaveStore(tmp_path, example_story).restore()
    assert restored.messages == [] and restored.moved_to is None
    assert restored.session is not None
    assert restored.session.moments == session.moments and restored.session.index == session.index
    assert restored.session.seen == {"background/district"}


def test_the_golden_v1_save_loads_forever(tmp_path: Path, example_story: Story) -> None:
    """tests/fixtures/saves/v1.json was written by release 1; every later release must open it."""
    store = SaveStore(tmp_path, example_story)
    shutil.copy(GOLDEN / "v1.json", store.path)
    restored = store.restore()
    assert restored.messages == []
    session = restored.session
    assert session is not None
    assert [m.scene for m in session.moments] == ["overview", "evacuation", "breakthrough"]
    assert session.index == 1 and session.scene.id == "evacuation"
    assert session.seen == {"background/district"}
    assert session.can_go_forward


def test_an_older_save_is_migrated_and_the_original_kept(
    tmp_path: Path, example_story: Story, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As if release 2 had come: the v1 golden save goes through the migration chain."""

    def to_v2(data: dict) -> dict:
        return {**data, "version": 2}

    monkeypatch.setattr(saves, "VERSION", 2)
    monkeypatch.setattr(saves, "MIGRATIONS", {1: to_v2})
    store = SaveStore(tmp_path, example_story)
    shutil.copy(GOLDEN / "v1.json", store.path)
    restored = store.restore()
    assert restored.session is not None and restored.session.scene.id == "evacuation"
    assert "new save format" in restored.messages[0]
    assert restored.moved_to is not None and restored.moved_to.name.startswith("example.v1-")
    assert restored.moved_to.read_bytes() == (GOLDEN / "v1.json").read_bytes()
    store.write(restored.session)
    assert json.loads(store.path.read_text(encoding="utf-8"))["version"] == 2


def test_every_released_version_has_a_golden_save() -> None:
    assert sorted(p.name for p in GOLDEN.glob("v*.json")) == [f"v{n}.json" for n in range(1, saves.VERSION + 1)]


def test_no_save_means_a_fresh_start(tmp_path: Path, example_story: Story) -> None:
    assert SaveStore(tmp_path / "nothing-here", example_story).restore().session is None


# --- damaged saves --------------------------------------------------------------------------------


def test_every_truncation_of_a_save_is_refused_and_kept(tmp_path: Path, example_story: Story) -> None:
    whole = saved_bytes(tmp_path, example_story)
    for cut in range(len(whole)):
        store = SaveStore(tmp_path / f"cut-{cut}", example_story)
        part = write_save(store, whole[:cut])
        assert_kept_aside(store, part, "could not be opened")


@pytest.mark.parametrize(
    "damage, reason",
    [
        (lambda raw: raw.replace(b'"embankment"', b'"embankmenT"'), "checksum does not match"),
        (lambda raw: raw.replace(b'"sha256": "', b'"sha256": "0'), "checksum does not match"),
        (lambda raw: raw.replace(b'"version": 1,\n "story"', b'"version": 2,\n "story"'), "newer version"),
        (lambda raw: raw.replace(b'"version": 1,\n "story"', b'"version": true,\n "story"'), "no valid version"),
        (lambda raw: raw.replace(b'"kalbajar-save"', b'"other-save"'), "not a Kalbajar save"),
        (lambda raw: raw.replace(b'"story": "example"', b'"story": "another"', 1), "another story"),
        (lambda raw: b"\x00" * len(raw), "not complete JSON"),
        (lambda raw: raw.replace(b"{", b"\xff", 1), "not complete JSON"),
        (lambda raw: b"[]", "not a Kalbajar save"),
        (lambda raw: b" " * (saves.MAX_SAVE_BYTES + 1), "too large"),
    ],
    ids=[
        "edited-payload",
        "bad-checksum",
        "newer-version",
        "bool-version",
        "other-format",
        "other-story",
        "zeros",
        "not-utf8",
        "a-list",
        "too-large",
    ],
)
def test_a_damaged_save_is_kept_aside_with_a_reason(tmp_path: Path, example_story: Story, damage, reason) -> None:
    store = SaveStore(tmp_path / "saves", example_story)
    raw = write_save(store, damage(saved_bytes(tmp_path, example_story)))
    assert_kept_aside(store, raw, reason)


def test_a_newer_save_is_never_overwritten(tmp_path: Path, example_story: Story) -> None:
    store = SaveStore(tmp_path / "saves", example_story)
    newer = write_save(
        store, saved_bytes(tmp_path, example_story).replace(b'"version": 1,\n "story"', b'"version": 2,\n "story"')
    )
    restored = store.restore()
    assert "newer version" in restored.messages[0]
    store.write(Session(example_story))
    assert restored.moved_to is not None and restored.moved_to.read_bytes() == newer
    assert store.path.read_bytes() != newer


@pytest.mark.parametrize(
    "text",
    [
        '{"format": "kalbajar-save", "version": NaN}',
        '{"format": "kalbajar-save", "version": Infinity}',
        '{"format": "kalbajar-save", "format": "kalbajar-save", "version": 1}',
        '{"format": "kalbajar-save", "version": ' + "9" * 5000 + "}",
        "[" * 100_000 + "]" * 100_000,
        '{"format": "kalbajar-save", "version": 1, "story": "example", "payload": ' + "[" * 5000 + "]" * 5000 + "}",
    ],
    ids=["nan", "infinity", "duplicate-key", "5000-digits", "deep-nesting", "deep-payload"],
)
def test_odd_json_is_refused_without_a_crash(tmp_path: Path, example_story: Story, text: str) -> None:
    store = SaveStore(tmp_path, example_story)
    raw = write_save(store, text)
    assert_kept_aside(store, raw, "could not be opened")


def test_a_byte_order_mark_is_accepted(tmp_path: Path, example_story: Story) -> None:
    """Some editors add one; the content is still the reading that was saved."""
    store = SaveStore(tmp_path / "saves", example_story)
    write_save(store, b"\xef\xbb\xbf" + saved_bytes(tmp_path, example_story))
    restored = store.restore()
    assert restored.messages == [] and restored.session is not None
    assert restored.session.scene.id == "breakthrough"


@pytest.mark.parametrize(
    "payload",
    [
        {"version": 1, "story": "example", "moments": [], "index": 0, "seen": []},
        {"version": 1, "story": "example", "moments": "overview", "index": 0, "seen": []},
        {"version": 1, "story": "example", "moments": [["overview"]], "index": 0, "seen": []},
        {"version": 1, "story": "example", "moments": [{"scene": ["overview"]}], "index": 0, "seen": []},
        {"version": 99, "story": "example", "moments": [{"scene": "overview"}], "index": 0, "seen": []},
        {"version": 1, "story": "other", "moments": [{"scene": "overview"}], "index": 0, "seen": []},
    ],
    ids=["no-moments", "moments-a-string", "moment-a-list", "scene-a-list", "payload-version", "payload-story"],
)
def test_a_well_sealed_save_with_a_bad_payload_is_kept_aside(
    tmp_path: Path, example_story: Story, payload: dict
) -> None:
    store = SaveStore(tmp_path, example_story)
    raw = write_save(store, json.dumps(envelope(payload, example_story)))
    assert_kept_aside(store, raw, "could not be opened")


# --- a story that changed -------------------------------------------------------------------------


def sealed(story: Story, scenes: list[str], index: int) -> str:
    payload = {
        "version": 1,
        "story": story.id,
        "index": index,
        "seen": ["background/district"],
        "moments": [{"scene": s, "choice": None} for s in scenes],
    }
    return json.dumps(envelope(payload, story))


def test_a_save_whose_later_scenes_are_gone_resumes_before_them(tmp_path: Path, example_story: Story) -> None:
    store = SaveStore(tmp_path, example_story)
    raw = write_save(store, sealed(example_story, ["overview", "evacuation", "cut-from-the-story", "the-end"], 3))
    restored = store.restore()
    assert restored.session is not None
    assert [m.scene for m in restored.session.moments] == ["overview", "evacuation"]
    assert restored.session.scene.id == "evacuation"
    message = restored.messages[0]
    assert "'cut-from-the-story'" in message and "resumed in part" in message
    assert restored.moved_to is not None and str(restored.moved_to) in message
    assert restored.moved_to.read_bytes() == raw  # the full save is kept, though the reading goes on
    assert store.path.read_bytes() == raw  # nothing is written until the reader moves


def test_a_save_whose_first_scene_is_gone_says_why_it_cannot_resume(tmp_path: Path, example_story: Story) -> None:
    store = SaveStore(tmp_path, example_story)
    raw = write_save(store, sealed(example_story, ["a-removed-opening", "overview"], 0))
    assert_kept_aside(store, raw, "no longer has the scene 'a-removed-opening'")


def test_messages_never_carry_escape_sequences_from_a_save(tmp_path: Path, example_story: Story) -> None:
    store = SaveStore(tmp_path, example_story)
    write_save(store, sealed(example_story, ["overview", "\x1b]2;pwned\x07\x9b5m"], 1))
    restored = store.restore()
    assert restored.session is not None
    text = "".join(restored.messages)
    assert "pwned" in text
    assert not any(char in text for char in "\x1b\x07\x9b")


# --- writing --------------------------------------------------------------------------------------


def test_a_failed_write_leaves_the_old_save_intact(
    tmp_path: Path, example_story: Story, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = SaveStore(tmp_path, example_story)
    store.write(Session(example_story))
    before = store.path.read_bytes()

    def disk_full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(saves.os, "fsync", disk_full)
    with pytest.raises(OSError) as failed:
        store.write(a_reading(example_story))
    assert failed.value.errno == errno.ENOSPC
    assert store.path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["example.json"]  # no temporary file left


def test_a_failed_rename_leaves_the_old_save_intact(
    tmp_path: Path, example_story: Story, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = SaveStore(tmp_path, example_story)
    store.write(Session(example_story))
    before = store.path.read_bytes()

    def refuse(source: str, target: str) -> None:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(saves.os, "replace", refuse)
    with pytest.raises(PermissionError):
        store.write(a_reading(example_story))
    assert store.path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["example.json"]


def test_a_save_directory_that_cannot_exist_raises_oserror(tmp_path: Path, example_story: Story) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    with pytest.raises(OSError):
        SaveStore(blocker / "saves", example_story).write(Session(example_story))


def test_a_bad_save_that_cannot_be_moved_is_never_overwritten(
    tmp_path: Path, example_story: Story, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = SaveStore(tmp_path, example_story)
    raw = write_save(store, b'{"truncated": ')

    def refuse(source: str, target: str) -> None:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(saves.os, "replace", refuse)
    restored = store.restore()
    assert restored.session is None and restored.moved_to is None
    assert "will not be overwritten" in restored.messages[0]
    monkeypatch.undo()
    with pytest.raises(OSError) as refused:
        store.write(Session(example_story))
    assert "could not be moved aside" in str(refused.value)
    assert store.path.read_bytes() == raw


def test_stray_temporary_files_of_a_killed_write_are_removed(tmp_path: Path, example_story: Story) -> None:
    store = SaveStore(tmp_path, example_story)
    old, fresh = tmp_path / ".save-old.tmp", tmp_path / ".save-fresh.tmp"
    old.write_text("{")
    fresh.write_text("{")
    os.utime(old, (1, 1))
    store.restore()
    assert not old.exists()
    assert fresh.exists()  # may belong to a write in progress in another reader


def test_moments_survive_exactly(tmp_path: Path, example_story: Story) -> None:
    session = Session(example_story, [Moment("overview"), Moment("evacuation", "No: stay with the people leaving")], 0)
    store = SaveStore(tmp_path, example_story)
    store.write(session)
    payload = open_envelope(store.path.read_bytes(), example_story)
    restored, notes = Session.from_dict(example_story, payload)
    assert notes == [] and restored.moments == session.moments and restored.index == 0


@pytest.mark.parametrize("story_id", ["x" * 300, "../../escape", "settings", "a/b", "Ünïcode"])
def test_any_story_id_names_a_save_file_inside_the_save_directory(tmp_path: Path, story_id: str) -> None:
    """A cover is read before the story is checked: its id may be anything, and a 300-character id crashed."""
    path = save_path(tmp_path, story_id)
    assert path.parent == tmp_path and len(path.name) < 100 and path.name != "settings.json"
    assert not path.is_file()
    assert save_path(tmp_path, story_id) == path and save_path(tmp_path, story_id + "x") != path


def test_an_ordinary_story_id_keeps_naming_its_save(tmp_path: Path) -> None:
    assert save_path(tmp_path, "kalbajar-1993") == tmp_path / "kalbajar-1993.json"


# --- a save is outside input: only regular files, read to a bound, shown only as the story has it ----


def sealed_moments(story: Story, moments: list[dict], index: int = 0) -> str:
    payload = {"version": 1, "story": story.id, "index": index, "seen": [], "moments": moments}
    return json.dumps(envelope(payload, story))


def test_a_fifo_save_is_set_aside_unopened(
    tmp_path: Path, example_story: Story, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A FIFO autosave hung the plain reader: opening it waits for a writer that never comes."""
    from engine.story import files

    store = SaveStore(tmp_path, example_story)
    os.mkfifo(store.path)
    opened: list[str] = []
    real_open = os.open
    monkeypatch.setattr(files.os, "open", lambda path, *rest: opened.append(str(path)) or real_open(path, *rest))
    restored = store.restore()
    assert restored.session is None and str(store.path) not in opened
    assert "it is a FIFO (named pipe), not a regular file" in restored.messages[0]
    assert restored.moved_to is not None and restored.moved_to.is_fifo()


@pytest.mark.parametrize("target", ["/dev/zero", "/etc/passwd"])
def test_a_save_that_is_a_link_is_moved_aside_as_a_link_and_never_followed(
    tmp_path: Path, example_story: Story, target: str
) -> None:
    """A save linked to /dev/zero was read until memory ran out (1.5 GB, then a MemoryError)."""
    store = SaveStore(tmp_path, example_story)
    tmp_path.mkdir(exist_ok=True)
    store.path.symlink_to(target)
    restored = store.restore()
    assert restored.session is None and "it is a symbolic link, not a regular file" in restored.messages[0]
    assert restored.moved_to is not None and os.readlink(restored.moved_to) == target
    store.write(Session(example_story))
    assert store.path.is_file() and not store.path.is_symlink()


def test_a_huge_save_is_set_aside_without_being_read(
    tmp_path: Path, example_story: Story, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 200 MB save cost 217 MB of memory: it was read whole before its size was checked."""
    from engine.story import files

    store = SaveStore(tmp_path, example_story)
    with store.path.open("wb") as big:
        big.truncate(200 * 1024 * 1024)
    read = 0
    real_read = os.read

    def counting_read(fd: int, size: int) -> bytes:
        nonlocal read
        data = real_read(fd, size)
        read += len(data)
        return data

    monkeypatch.setattr(files.os, "read", counting_read)
    restored = store.restore()
    assert read == 0
    assert restored.session is None and "too large to be a save" in restored.messages[0]


def test_choice_labels_in_a_save_are_the_storys_own(tmp_path: Path, example_story: Story) -> None:
    """An edited, re-sealed save put OSC and CSI sequences (and labels the story never had) in the transcript."""
    store = SaveStore(tmp_path, example_story)
    write_save(
        store,
        sealed_moments(
            example_story,
            [
                {"scene": "overview", "choice": "\x1b]0;PWNED\x07 not a choice at all"},
                {"scene": "evacuation", "choice": "\x1b[2J\x1b]52;c;cHduZWQ=\x07 Stay"},
                {"scene": "breakthrough", "choice": "Go on to 28 March"},
                {"scene": "overview", "choice": 12},
            ],
            1,
        ),
    )
    restored = store.restore()
    assert restored.messages == [] and restored.session is not None
    assert [(m.scene, m.choice) for m in restored.session.moments] == [
        ("overview", None),
        ("evacuation", "No: stay with the people leaving"),
        ("breakthrough", "Go on to 28 March"),
        ("overview", None),
    ]


def test_copies_kept_aside_are_as_private_as_the_save(tmp_path: Path, example_story: Story) -> None:
    """The copy kept by a partial resume was 0644 while the save is 0600 (a reading is private)."""
    was = os.umask(0o022)
    try:
        store = SaveStore(tmp_path, example_story)
        store.write(Session(example_story))
        write_save(store, sealed(example_story, ["overview", "evacuation", "cut-from-the-story"], 2))
        restored = store.restore()
    finally:
        os.umask(was)
    assert store.path.stat().st_mode & 0o777 == 0o600
    assert restored.moved_to is not None and "resumed in part" in restored.messages[0]
    assert restored.moved_to.stat().st_mode & 0o777 == 0o600


def test_a_copy_kept_aside_never_writes_through_a_link(
    tmp_path: Path, example_story: Story, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = SaveStore(tmp_path, example_story)
    write_save(store, sealed(example_story, ["overview", "cut-from-the-story"], 1))
    victim = tmp_path / "victim.txt"
    victim.write_text("untouched")
    monkeypatch.setattr(saves.time, "strftime", lambda _format: "19930327-120000")
    for n in ("", "-1", "-2"):
        (tmp_path / f"example.partial-19930327-120000{n}.json").symlink_to(victim)
    restored = store.restore()
    assert restored.moved_to is not None and not restored.moved_to.is_symlink()
    assert victim.read_text() == "untouched"


def test_temporary_files_of_a_dead_writer_are_removed_at_once(tmp_path: Path, example_story: Story) -> None:
    """Killed writers left up to 34 temporary files, removed only a minute later; a live writer's stay."""
    import subprocess
    import sys

    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead = tmp_path / f".save-{int(gone.stdout)}-abc123.tmp"
    living = tmp_path / f".save-{os.getpid()}-def456.tmp"
    for temp in (dead, living):
        temp.write_text("{")
    SaveStore(tmp_path, example_story).restore()
    assert not dead.exists() and living.exists()


def test_a_write_names_its_temporary_file_for_its_process(
    tmp_path: Path, example_story: Story, monkeypatch: pytest.MonkeyPatch
) -> None:
    names: list[str] = []
    real_replace = os.replace
    monkeypatch.setattr(
        saves.os, "replace", lambda source, target: names.append(Path(source).name) or real_replace(source, target)
    )
    SaveStore(tmp_path, example_story).write(Session(example_story))
    assert len(names) == 1 and names[0].startswith(f".save-{os.getpid()}-") and names[0].endswith(".tmp")
