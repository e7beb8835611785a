"""The load budget: loading and checking a story costs at most 1.5x what libyaml alone takes to read it.

Generates stories of 10,000 and 20,000 scenes (20 scene files, branching
choices, seed and external sources, panel unlocks, a flag and conditions,
about 60 words a scene), then measures, best of N:

* ``yaml.load(..., Loader=yaml.CSafeLoader)`` over the same files: the floor;
* ``load_story`` + ``lint``: what ``kalbajar validate`` does.

Budget: ours <= 1.5x the C loader, and 20,000 scenes <= 2.2x the time of
10,000 (no worse than linear, with room for noise).

    uv run python benchmarks/load_budget.py [--repeat 5] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import random
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from unittest import mock

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from engine.source import load_article
from engine.story import load as load_module
from engine.story.lint import lint
from engine.story.load import load_story
from engine.story.yamlfile import read_yaml

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_37987845c617e723.txt"
FILES = 20
THREADS = ("chronicle", "column", "civilians", "north", "west")
WORDS = [
    "the",
    "column",
    "moved",
    "along",
    "the",
    "road",
    "under",
    "fire",
    "while",
    "villagers",
    "left",
    "through",
    "the",
    "pass",
    "and",
    "the",
    "defenders",
    "held",
    "the",
    "ridge",
    "above",
    "the",
    "river",
    "until",
    "the",
    "snow",
    "closed",
    "the",
    "way",
    "north",
]
LIMITS = {"ratio": 1.5, "scaling": 2.2}


def generate(folder: Path, scenes: int, seed: int = 1993) -> None:
    """A large story that validates clean: the shape of the real one, repeated."""
    rng = random.Random(seed)
    paragraphs = [p.id for p in load_article(SEED).paragraphs]
    places = [f"place-{i}" for i in range(50)]
    entries = [f"entry-{i}" for i in range(scenes // 20)]
    folder.mkdir(parents=True)
    (folder / "scenes").mkdir()
    (folder / "panels").mkdir()
    (folder.parent / "seeds").mkdir(exist_ok=True)
    (folder.parent / "seeds" / SEED.name).write_bytes(SEED.read_bytes())
    phases = "".join(f"  - id: phase-{f:02d}\n    title: Phase {f}\n    date: 1993\n" for f in range(FILES))
    threads = "".join(f"  - id: {t}\n    name: The {t}\n    description: Whose road this is.\n" for t in THREADS)
    (folder / "story.yaml").write_text(
        f"id: budget\ntitle: Budget\nstart: s-0\narticle: {SEED.name}\nattribution: Generated.\n"
        f"threads:\n{threads}phases:\n{phases}",
        encoding="utf-8",
    )
    (folder / "places.yaml").write_text(
        "places:\n"
        + "".join(
            f"  - id: {p}\n    name: Place {i}\n    kind: village\n    lat: {39 + i / 100}\n    lon: {45 + i / 100}\n"
            f"    sources: [hrw-1994]\n"
            for i, p in enumerate(places)
        ),
        encoding="utf-8",
    )
    (folder / "sources.yaml").write_text(
        "sources:\n  - id: hrw-1994\n    title: Seven Years of Conflict\n    publisher: Human Rights Watch\n",
        encoding="utf-8",
    )
    (folder / "panels" / "background.yaml").write_text(
        "entries:\n"
        + "".join(
            f"  - id: {e}\n    title: Entry {e}\n    text: {' '.join(rng.choices(WORDS, k=40))}\n"
            f"    sources: [{rng.choice(paragraphs)}]\n"
            for e in entries
        ),
        encoding="utf-8",
    )
    per_file = scenes // FILES
    for f in range(FILES):
        out = [f"phase: phase-{f:02d}\nscenes:\n"]
        for i in range(f * per_file, (f + 1) * per_file):
            day = date(1993, 1, 1) + timedelta(days=i * 365 // scenes)
            out.append(
                f"  - id: s-{i}\n    title: Scene {i}\n    date: {day.isoformat()}\n"
                f"    place: {rng.choice(places)}\n    thread: {THREADS[i % len(THREADS)]}\n"
                f"    text: |\n      {' '.join(rng.choices(WORDS, k=30))}\n\n"
                f"      {' '.join(rng.choices(WORDS, k=30))}\n"
                f"    sources: [{paragraphs[i % len(paragraphs)]}, hrw-1994]\n"
            )
            if i % 20 == 0:
                out.append(f"    unlocks: [background/{entries[i // 20]}]\n")
            if i == 5:
                out.append("    sets: [warned]\n")
            if i >= scenes - 1:
                out.append("    ending: true\n")
                continue
            out.append("    choices:\n")
            for step in (1, 2, 3)[: 1 + i % 3]:
                if i + step < scenes:
                    out.append(f"      - label: On to scene {i + step}\n        target: s-{i + step}\n")
            if i % 500 == 499:
                out.append(
                    f"      - label: Heed the warning\n        target: s-{i + 1}\n        if: {{flag: warned}}\n"
                )
        (folder / "scenes" / f"{f + 1:02d}-phase.yaml").write_text("".join(out), encoding="utf-8")


def c_loader(folder: Path) -> None:
    for path in sorted(folder.rglob("*.yaml")):
        yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)


@dataclass
class Timing:
    """One run of ours, split: composing YAML (yamlfile), checking fields and building the model, lint."""

    compose: float = 0.0
    load: float = 0.0
    total: float = 0.0


def ours(folder: Path) -> Timing:
    timing = Timing()

    def timed_read_yaml(*args: Any) -> Any:
        start = time.perf_counter()
        try:
            return read_yaml(*args)
        finally:
            timing.compose += time.perf_counter() - start

    start = time.perf_counter()
    with mock.patch.object(load_module, "read_yaml", timed_read_yaml):
        result = load_story(folder)
    timing.load = time.perf_counter() - start
    report = lint(result)
    timing.total = time.perf_counter() - start
    if report.diagnostics:
        raise SystemExit(f"the generated story should be clean:\n{report.diagnostics[:5]}")
    return timing


def measure(folder: Path, repeat: int) -> tuple[float, Timing]:
    """Best of ``repeat``, the two taken in turn so that both see the same machine."""
    floor, runs = float("inf"), []
    for _ in range(repeat):
        start = time.perf_counter()
        c_loader(folder)
        floor = min(floor, time.perf_counter() - start)
        runs.append(ours(folder))
    return floor, min(runs, key=lambda t: t.total)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs per measurement; the best counts")
    parser.add_argument("--profile", action="store_true", help="profile load_story + lint at 10,000 scenes")
    args = parser.parse_args()
    results: dict[int, tuple[float, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for scenes in (10_000, 20_000):
            folder = Path(tmp) / str(scenes) / "story"
            generate(folder, scenes)
            size = sum(p.stat().st_size for p in folder.rglob("*.yaml")) / 1_048_576
            if args.profile and scenes == 10_000:
                profiler = cProfile.Profile()
                profiler.runcall(ours, folder)
                pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)
            c, timing = measure(folder, args.repeat)
            results[scenes] = (c, timing.total)
            print(
                f"{scenes:>6} scenes ({size:.1f} MB): CSafeLoader {c:.3f} s, load_story + lint "
                f"{timing.total:.3f} s, ratio {timing.total / c:.2f}x (budget {LIMITS['ratio']}x)"
            )
            print(
                f"{'':>6} of which: composing (yamlfile) {timing.compose:.3f} s, checking fields and "
                f"building the model {timing.load - timing.compose:.3f} s, lint {timing.total - timing.load:.3f} s"
            )
    scaling = results[20_000][1] / results[10_000][1]
    print(f"20,000 / 10,000 scenes: {scaling:.2f}x (budget {LIMITS['scaling']}x)")
    ok = all(o / c <= LIMITS["ratio"] for c, o in results.values()) and scaling <= LIMITS["scaling"]
    print("within budget" if ok else "OVER BUDGET")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
