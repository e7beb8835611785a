"""When the reader collects garbage: while the reader reads, not in the middle of a move.

CPython's full collection walks every object it tracks.  A reading keeps tens
of thousands of them alive (the story, the stylesheets, the widgets, Textual's
caches of drawn lines), and a full collection took 50-70 ms on the reference
machine; one fell inside about one move in four.  So:

- what lives for the whole session (the story and everything made while
  opening it) is collected once and then frozen: no later collection walks it;
- automatic full collections are made rarer (a safety net for a reader who
  never pauses);
- and a full collection runs when the reader has paused, which a reader does
  after nearly every move.  A paused reader is one for whom the interpreter has
  made no young collection since the last look: an idle Textual app allocates
  almost nothing.
"""

from __future__ import annotations

import gc

LOOK_EVERY = 0.1
"""Seconds between looks at whether the reader has paused."""

RARE = 30
"""Middle-generation collections before CPython starts a full one by itself (its default is 10)."""


def settle_session() -> None:
    """Collect what opening the story left over, and keep what remains out of every later collection."""
    gc.collect()
    gc.freeze()


class PauseCollector:
    """Runs the full collections the interpreter was told to put off, once the reader pauses."""

    def __init__(self) -> None:
        young, middle, _old = gc.get_threshold()
        gc.set_threshold(young, middle, RARE)
        self._seen = gc.get_count()

    def look(self) -> bool:
        """Called every ``LOOK_EVERY`` seconds; collects when the reader has paused and there is
        something to collect.  Returns whether it collected."""
        count = gc.get_count()
        paused = count[1:] == self._seen[1:]  # no young collection since the last look
        collected = paused and count[2] > 0  # and some survivors are waiting for a full one
        if collected:
            gc.collect()
        self._seen = gc.get_count()
        return collected
