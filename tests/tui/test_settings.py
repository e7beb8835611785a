"""The reader's settings file: the map's lines kept beside the theme, anything odd read as the default."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from engine.tui.settings import SETTINGS_FILE, Settings


def test_the_choice_of_lines_is_saved_and_read_back(tmp_path: Path) -> None:
    Settings(theme="nord", fine_lines=False).save(tmp_path)
    again = Settings.load(tmp_path)
    assert (again.theme, again.fine_lines, again.problem) == ("nord", False, "")


@pytest.mark.parametrize("value", ["no", 0, None, [], {"x": 1}])
def test_a_value_that_is_not_true_or_false_gives_fine_lines(tmp_path: Path, value: object) -> None:
    (tmp_path / SETTINGS_FILE).write_text(json.dumps({"theme": "nord", "fine_lines": value}))
    settings = Settings.load(tmp_path)
    assert settings.fine_lines is True and settings.theme == "nord" and not settings.problem


def test_a_file_from_before_the_setting_gives_fine_lines(tmp_path: Path) -> None:
    (tmp_path / SETTINGS_FILE).write_text(json.dumps({"theme": "nord"}))
    assert Settings.load(tmp_path).fine_lines is True
