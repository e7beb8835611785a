"""The full-screen map's budget, measured in a real pseudo-terminal as ``tui_budget.py`` measures the reader.

Opening the map is opening a panel: from the ``m`` key to a settled screen (everything
the key caused has arrived and nothing more for 120 ms) at 120x40, the median at most
50 ms and the p90 at most 90 ms.  Zooming and switching the lines are timed the same way.
The reading goes through the story taking the first choice, opening the map on every
scene, so every day's map (its lines, front and labels) is drawn.  The choices between
are timed too, as ``tui_budget.py`` times them: on a shared machine, a slow run shows
in both.

Run: ``uv run --dev python benchmarks/map_budget.py [--story DIR] [--opens N]``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

from tui_budget import SIZE, STORY, Child, environment, percentile, reader, warm_bytecode

ESCAPE_QUIET = 0.3
"""A lone Escape is only a key once no more bytes follow it: wait this long after one, untimed."""


def measure_map(story: Path, opens: int) -> dict[str, list[float]]:
    """Key to settled screen for opening the map, zooming in, and switching its lines, scene after scene."""
    from engine.reading.session import Session
    from engine.story.load import load_story

    loaded = load_story(story).story
    assert loaded is not None, f"{story} does not load"
    timings: dict[str, list[float]] = {
        "open the map (m)": [],
        "zoom in (+)": [],
        "switch the lines (d)": [],
        "a choice (reference, as tui_budget.py)": [],
    }
    with tempfile.TemporaryDirectory() as state:
        while len(timings["open the map (m)"]) < opens:
            session = Session(loaded)
            child = Child.spawn(reader(story, "--new"), environment(Path(state)))
            child.wait_for(session.scene.title, 0)
            child.settle()
            while len(timings["open the map (m)"]) < opens:
                if session.scene.content_note:
                    child.press("c")
                    child.settle()
                for key, kind in (
                    ("m", "open the map (m)"),
                    ("+", "zoom in (+)"),
                    ("d", "switch the lines (d)"),
                    ("d", "switch the lines (d)"),
                ):
                    seconds = child.timed(key)
                    if seconds:
                        timings[kind].append(seconds)
                child.press("0")
                child.settle()
                child.press("\x1b")
                child.settle(ESCAPE_QUIET)
                if not session.options():
                    break
                seconds = child.timed("1")  # in the same run: how loaded the machine is shows in both
                if seconds:
                    timings["a choice (reference, as tui_budget.py)"].append(seconds)
                session.choose(1)
            child.quit()
    return timings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--story", type=Path, default=STORY, help="story folder (default: the bundled story)")
    parser.add_argument("--opens", type=int, default=40, help="times to open the map")
    args = parser.parse_args()

    warm_bytecode()
    within = True
    for kind, timings in measure_map(args.story, args.opens).items():
        median, p90 = statistics.median(timings) * 1000, percentile(timings, 0.9) * 1000
        budgeted = kind.startswith("open")
        print(
            f"{kind}, key to settled screen at {SIZE[0]}x{SIZE[1]}: median {median:.1f} ms, p90 {p90:.1f} ms, "
            f"max {max(timings) * 1000:.1f} ms over {len(timings)}"
            + (" (targets: median <= 50, p90 <= 90)" if budgeted else "")
        )
        if budgeted:
            within = within and median <= 50 and p90 <= 90
    print("map budget met" if within else "over budget")
    return 0 if within else 1


if __name__ == "__main__":
    sys.exit(main())
