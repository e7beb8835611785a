"""Fixtures for the serve tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from serving import EXAMPLE, RunningServer, serving


@pytest.fixture
def served_example(tmp_path: Path) -> Iterator[RunningServer]:
    with serving(EXAMPLE, tmp_path / "server.log") as server:
        yield server
