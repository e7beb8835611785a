"""Killing the process at any moment while it saves never leaves a save that fails to load.

A child process saves a changing reading in a loop; it is killed with SIGKILL
(no cleanup, no flush) at a random moment, forty times over, and after every
kill the save on disk must open as a whole reading.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import time
from pathlib import Path

import pytest

from engine.reading.saves import SaveStore
from engine.reading.session import Session
from engine.story.model import Story

KILLS = 40


def keep_saving(story: Story, directory: Path, seed: int, ready) -> None:  # type: ignore[no-untyped-def]
    """Read at random and save after every move, forever (until killed)."""
    rng = random.Random(seed)
    store = SaveStore(directory, story)
    session = Session(story)
    store.write(session)
    ready.set()
    while True:
        if session.at_ending:
            session = Session(story)
        else:
            session.choose(rng.choice(session.options()).number)
        for _ in range(rng.randrange(40)):  # vary the size, so a torn file would show
            session.mark_seen(f"background/{rng.randrange(10_000)}")
        store.write(session)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and SIGKILL")
def test_sigkill_during_saving_never_leaves_a_broken_save(tmp_path: Path, example_story: Story) -> None:
    context = multiprocessing.get_context("fork")
    rng = random.Random(1993)
    for kill in range(KILLS):
        ready = context.Event()
        child = context.Process(target=keep_saving, args=(example_story, tmp_path, kill, ready), daemon=True)
        child.start()
        assert ready.wait(30), "the saving process never started"
        time.sleep(rng.uniform(0, 0.03))
        os.kill(child.pid, signal.SIGKILL)
        child.join(30)
        assert child.exitcode == -signal.SIGKILL, f"kill {kill}: the child ended on its own ({child.exitcode})"
        restored = SaveStore(tmp_path, example_story).restore()
        assert restored.messages == [], f"kill {kill}: {restored.messages}"
        assert restored.session is not None
    assert not list(tmp_path.glob("*.unreadable-*"))
