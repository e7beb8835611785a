"""Reading a hostile file: only regular files are opened, and never more than the limit is read."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from engine.story import files
from engine.story.files import NotRegular, TooLarge, leaves, read_regular


class Recorder:
    """Every ``os.open`` and the bytes of every ``os.read``, passed on to the real calls."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.opened: list[str] = []
        self.read = 0
        real_open, real_read = os.open, os.read

        def recording_open(path: Any, flags: int, *args: Any) -> int:
            self.opened.append(os.fspath(path))
            return real_open(path, flags, *args)

        def recording_read(fd: int, size: int) -> bytes:
            data = real_read(fd, size)
            self.read += len(data)
            return data

        monkeypatch.setattr(files.os, "open", recording_open)
        monkeypatch.setattr(files.os, "read", recording_read)


@pytest.fixture
def recorder(monkeypatch: pytest.MonkeyPatch) -> Recorder:
    return Recorder(monkeypatch)


def test_a_regular_file_is_read_whole(tmp_path: Path, recorder: Recorder) -> None:
    (tmp_path / "a.yaml").write_bytes(b"x" * 100)
    assert read_regular(tmp_path / "a.yaml", 100) == b"x" * 100


def test_a_fifo_is_never_opened(tmp_path: Path, recorder: Recorder) -> None:
    """Opening it would block until someone wrote to it: the reader once hung there forever."""
    os.mkfifo(tmp_path / "pipe.yaml")
    with pytest.raises(NotRegular, match=r"it is a FIFO \(named pipe\), not a regular file"):
        read_regular(tmp_path / "pipe.yaml", 1000)
    assert recorder.opened == []


def test_a_folder_and_a_device_are_not_regular_files(tmp_path: Path, recorder: Recorder) -> None:
    (tmp_path / "folder.yaml").mkdir()
    with pytest.raises(NotRegular, match="it is a folder"):
        read_regular(tmp_path / "folder.yaml", 1000)
    with pytest.raises(NotRegular, match="it is a character device"):
        read_regular(Path("/dev/zero"), 1000)
    assert recorder.opened == [] and recorder.read == 0


def test_a_file_over_the_limit_is_refused_unread(tmp_path: Path, recorder: Recorder) -> None:
    """A 200 MB save once cost 217 MB of memory: it was read whole before its size was checked."""
    with (tmp_path / "big.json").open("wb") as big:
        big.truncate(200 * 1024 * 1024)
    with pytest.raises(TooLarge) as refused:
        read_regular(tmp_path / "big.json", 2 * 1024 * 1024)
    assert refused.value.size == 200 * 1024 * 1024
    assert recorder.opened == [] and recorder.read == 0


@pytest.mark.skipif(not Path("/proc/self/maps").exists(), reason="needs /proc")
def test_a_file_that_says_it_is_empty_is_read_to_the_limit_plus_one_byte_at_most(recorder: Recorder) -> None:
    """/proc files say size 0 and go on and on, as a file growing while it is read would."""
    with pytest.raises(TooLarge) as refused:
        read_regular(Path("/proc/self/maps"), 10)
    assert refused.value.size is None
    assert recorder.read == 11


def test_a_link_is_followed_only_when_asked(tmp_path: Path, recorder: Recorder) -> None:
    (tmp_path / "target.json").write_bytes(b"{}")
    (tmp_path / "save.json").symlink_to(tmp_path / "target.json")
    assert read_regular(tmp_path / "save.json", 10) == b"{}"
    recorder.opened.clear()
    with pytest.raises(NotRegular, match="it is a symbolic link"):
        read_regular(tmp_path / "save.json", 10, follow_links=False)
    assert recorder.opened == []


def test_a_link_swapped_in_after_the_check_is_not_followed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Between looking and opening, a file can become a link: the open itself refuses to follow it."""
    (tmp_path / "target.json").write_bytes(b"secret")
    (tmp_path / "save.json").write_bytes(b"{}")
    real_open = os.open

    def swapping_open(path: Any, flags: int, *args: Any) -> int:
        os.unlink(path)
        os.symlink(tmp_path / "target.json", path)
        return real_open(path, flags, *args)

    monkeypatch.setattr(files.os, "open", swapping_open)
    with pytest.raises(OSError):
        read_regular(tmp_path / "save.json", 10, follow_links=False)


def test_leaves_follows_links_both_ways(tmp_path: Path) -> None:
    story = tmp_path / "story"
    (story / "scenes").mkdir(parents=True)
    (story / "scenes" / "in.yaml").symlink_to(story / "other.yaml")
    (story / "scenes" / "out.yaml").symlink_to("/etc/passwd")
    (tmp_path / "link").symlink_to(story)
    assert not leaves(story / "scenes" / "in.yaml", story)
    assert leaves(story / "scenes" / "out.yaml", story)
    assert not leaves(tmp_path / "link" / "scenes" / "in.yaml", tmp_path / "link")
    assert leaves(story / ".." / "elsewhere.yaml", story)
    assert not leaves(story / ("x" * 300), story)
