"""Garbage is collected while the reader reads, not in the middle of a move."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from engine.tui.heap import RARE, PauseCollector, settle_session


@pytest.fixture
def thresholds() -> Iterator[None]:
    kept = gc.get_threshold()
    yield
    gc.set_threshold(*kept)


def churn() -> None:
    """Enough new container objects, kept alive together, for the interpreter to run young collections."""
    kept = [[n] for n in range(20 * gc.get_threshold()[0])]
    del kept


def test_full_collections_are_put_off(thresholds: None) -> None:
    PauseCollector()
    assert gc.get_threshold()[2] == RARE


def test_a_paused_reader_gets_one_full_collection_and_no_more(thresholds: None) -> None:
    collector = PauseCollector()
    gc.collect(1)  # survivors now wait for a full collection
    assert not collector.look()  # a young collection since the collector last looked: not a pause
    assert collector.look()  # nothing since: a pause, and something waits
    assert gc.get_count()[2] == 0
    assert not collector.look()  # nothing left to collect


def test_a_busy_reader_is_not_interrupted(thresholds: None) -> None:
    collector = PauseCollector()
    gc.collect(1)
    collector.look()
    churn()
    assert not collector.look()


def test_what_the_story_left_is_frozen() -> None:
    try:
        settle_session()
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
