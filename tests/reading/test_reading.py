"""The one reading object: moves saved at once, in a thread of their own when asked, and the truth at the end."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.reading.readings import Readings
from engine.story.model import Story


@pytest.mark.parametrize("in_background", [False, True])
def test_farewell_says_saved_only_once_every_move_is_written(
    tmp_path: Path, example_story: Story, in_background: bool
) -> None:
    readings = Readings(tmp_path, example_story)
    reading = readings.begin(lambda message: None, in_background=in_background)
    reading.choose(1)
    said = reading.farewell()  # at once: a background save may still be on its way
    assert "is saved" in said and reading.saved
    reading.close()
    kept = Readings(tmp_path, example_story).shelf().kept
    assert [k.session.index for k in kept] == [1]


def test_farewell_says_what_is_lost_when_saving_fails(
    tmp_path: Path, example_story: Story, monkeypatch: pytest.MonkeyPatch
) -> None:
    told: list[str] = []
    reading = Readings(tmp_path, example_story).begin(told.append, in_background=True)

    def full(payload: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(reading.store, "write_payload", full)
    reading.choose(1)
    said = reading.farewell()
    reading.close()
    assert told and "could not be saved" in told[0]
    assert "could not be saved" in said and "No space left on device" in said and "lost" in said
