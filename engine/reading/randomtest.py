"""Seeded random readings of a story, played thousands of times: ChoiceScript's randomtest.

Walk ``i`` plays with seed ``seed + i``, so any walk can be replayed alone.  A
walk takes random choices until an ending, and on the way goes back and
forward, opens panel entries, and saves and reopens the reading through the
real save envelope.  At every step it checks what a reader relies on: the date
never goes backwards (except into a flashback), a scene that is not an ending
always offers a choice, and a reopened save is the reading that was saved.
"""

from __future__ import annotations

import json
import random
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from engine.reading.saves import envelope, open_envelope
from engine.reading.session import Session
from engine.story.model import Story

STEPS_PER_SCENE = 20
"""A walk may take this many steps per scene in the story before it counts as lost in a loop."""

_DETOUR, _SAVE, _OPEN_ENTRY = 0.08, 0.12, 0.16
"""Cumulative chances, at each step, of going back (and maybe forward), saving and reopening, opening an entry."""


@dataclass(frozen=True, slots=True)
class Failure:
    """One thing that went wrong in one walk."""

    kind: str
    scene: str
    detail: str
    seed: int


@dataclass
class Report:
    """What the walks found: how often each scene was entered, where walks ended, what failed."""

    story: Story
    walks: int
    first_seed: int
    hits: Counter[str] = field(default_factory=Counter)
    reached: Counter[str] = field(default_factory=Counter)
    """For each scene, how many walks entered it at least once."""
    endings: Counter[str] = field(default_factory=Counter)
    failures: list[Failure] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def unreached(self) -> list[str]:
        return [scene for scene in self.story.scenes if not self.hits[scene]]

    def share(self, scene: str) -> float:
        """The share of walks (0 to 1) that reached ``scene``."""
        return self.reached[scene] / self.walks if self.walks else 0.0

    @property
    def ok(self) -> bool:
        return not self.failures and not self.unreached

    def grouped_failures(self) -> list[tuple[Failure, int]]:
        """Each distinct failure once, with the first seed that reproduces it and how many walks met it."""
        first: dict[tuple[str, str, str], Failure] = {}
        counts: Counter[tuple[str, str, str]] = Counter()
        for failure in self.failures:
            key = (failure.kind, failure.scene, failure.detail)
            first.setdefault(key, failure)
            counts[key] += 1
        return [(failure, counts[key]) for key, failure in first.items()]

    def as_text(self, folder: Path | None = None) -> str:
        rate = self.walks / self.seconds if self.seconds else 0.0
        seeds = f"seeds {self.first_seed}-{self.first_seed + self.walks - 1}"
        lines = [
            f"{self.walks} walks ({seeds}) of '{self.story.id}', {len(self.story.scenes)} scenes, "
            f"in {self.seconds:.2f} s ({rate:,.0f} walks/s)"
        ]
        lines += ["", "share of walks that reached each scene, and times walks entered it:"]
        lines += _columns([f"{self.share(s):>5.0%} {self.hits[s]:>7} {s}" for s in self.story.scenes])
        lines += ["", "endings: " + (", ".join(f"{s} {n}" for s, n in self.endings.most_common()) or "none")]
        if self.unreached:
            lines.append("not reached by any walk: " + ", ".join(self.unreached))
        groups = self.grouped_failures()
        if groups:
            lines += ["", f"failures in {len(self.failures)} walks:"]
            lines += [
                f"  {f.kind} at '{f.scene}' in {n} walk{'s' if n > 1 else ''} (first seed {f.seed}): {f.detail}"
                for f, n in groups
            ]
            story = f" --story {folder}" if folder else ""
            lines.append(f"replay one walk: kalbajar randomtest -n 1 --seed {groups[0][0].seed}{story}")
        lines += ["", "result: OK" if self.ok else "result: FAILED"]
        return "\n".join(lines)


class WalkError(AssertionError):
    """The session broke a promise the walk checks (back and forward, save and reopen)."""


def run_walks(story: Story, walks: int, seed: int = 0) -> Report:
    """Play ``walks`` readings of ``story`` with seeds ``seed``, ``seed + 1``, ..."""
    report = Report(story, walks, seed)
    started = time.perf_counter()
    for walk_seed in range(seed, seed + walks):
        failure = walk(story, walk_seed, report)
        if failure is not None:
            report.failures.append(failure)
    report.seconds = time.perf_counter() - started
    return report


def walk(story: Story, seed: int, report: Report) -> Failure | None:
    """One reading with ``seed``; counts hits, reached scenes and endings into ``report``; the failure, if any."""
    reached = {story.start}
    try:
        return _walk(story, seed, report, reached)
    finally:
        report.reached.update(reached)


def _walk(story: Story, seed: int, report: Report, reached: set[str]) -> Failure | None:
    rng = random.Random(seed)
    session = Session(story)
    report.hits[story.start] += 1
    at = story.start
    # the reading's present at each moment: the date of the last scene that was not a flashback
    present: list[date] = [story.scenes[at].date.start]
    try:
        for _ in range(STEPS_PER_SCENE * len(story.scenes)):
            scene = session.scene
            at = scene.id
            if scene.ending:
                report.endings[scene.id] += 1
                return None
            options = session.options()
            if not options:
                return Failure("dead end", scene.id, "not an ending, and no choice can be taken", seed)
            roll = rng.random()
            if roll < _DETOUR and session.can_go_back:
                _detour(session, rng)
                continue
            if roll < _SAVE:
                session = _reopened(session)
            elif roll < _OPEN_ENTRY and session.new_entries:
                session.mark_seen(rng.choice(session.new_entries))
            target = session.choose(rng.choice(options).number)
            report.hits[target.id] += 1
            reached.add(target.id)
            del present[session.index :]
            if not target.flashback and target.date.start < present[-1]:
                return Failure(
                    "date goes backwards",
                    target.id,
                    f"'{scene.id}' ({present[-1].isoformat()}) led to '{target.id}' ({target.date.text})",
                    seed,
                )
            present.append(present[-1] if target.flashback else target.date.start)
        return Failure(
            "step limit", session.scene.id, f"no ending after {STEPS_PER_SCENE * len(story.scenes)} steps", seed
        )
    except Exception as exc:  # every error is a finding, reported with the seed that replays it
        where = traceback.extract_tb(exc.__traceback__)[-1]
        return Failure(
            "exception", at, f"{type(exc).__name__}: {exc} ({Path(where.filename).name}:{where.lineno})", seed
        )


def _detour(session: Session, rng: random.Random) -> None:
    """Go back one scene and, half the time, forward again: the reader must land where they were."""
    before = session.scene
    previous = session.history[-2].scene
    if session.back().id != previous:
        raise WalkError(f"back from '{before.id}' did not return to '{previous}'")
    if rng.random() < 0.5 and session.forward() is not before:
        raise WalkError(f"forward after back did not return to '{before.id}'")


def _reopened(session: Session) -> Session:
    """Save the reading through the real envelope and open it again; it must be the same reading."""
    story = session.story
    raw = json.dumps(envelope(session.to_dict(), story), ensure_ascii=False).encode("utf-8")
    restored, notes = Session.from_dict(story, open_envelope(raw, story))
    if notes or (restored.moments, restored.index, restored.seen) != (session.moments, session.index, session.seen):
        raise WalkError(f"the reopened save differs from the reading saved ({'; '.join(notes) or 'moments differ'})")
    return restored


def _columns(cells: list[str], width: int = 100) -> list[str]:
    size = max(map(len, cells), default=0) + 2
    per_line = max(1, width // size)
    return [
        "".join(cell.ljust(size) for cell in cells[i : i + per_line]).rstrip() for i in range(0, len(cells), per_line)
    ]
