"""Stories that are valid (or nearly) but large in the ways the linter pays for: reading states, misspellings."""

from __future__ import annotations

import shutil
from pathlib import Path

HOSTILE = Path(__file__).parent.parent / "fixtures" / "hostile"

_SCENE = (
    "  - id: {id}\n    title: Scene {id}\n    date: 1993-03-27\n    place: town\n    thread: main\n"
    "    text: Text.\n    sources: [test-source]\n"
)


def _story(folder: Path, scenes: list[str]) -> Path:
    shutil.copytree(HOSTILE / "valid", folder)
    (folder / "scenes" / "01.yaml").write_text("phase: only\nscenes:\n" + "".join(scenes), encoding="utf-8")
    return folder


def state_explosion(folder: Path, choices: int, flags: int) -> Path:
    """One scene setting ``flags`` flags, then ``choices`` binary choices (take a flag or not), all watched.

    Every combination is a reading state of its own: 2**choices of them, each
    holding about ``flags`` flags.  The review's 18 choices and 300 flags took
    5.9 s and 2.2 GB when every state kept its own set of flags.
    """
    watched = [f"g{k}" for k in range(flags)] + [f"f{n}" for n in range(choices)]
    scenes = [
        _SCENE.format(id="first") + f"    sets: [{', '.join(f'g{k}' for k in range(flags))}]\n"
        "    choices:\n      - label: On\n        target: c0\n"
    ]
    for n in range(choices):
        following = f"c{n + 1}" if n + 1 < choices else "last"
        scenes.append(
            _SCENE.format(id=f"c{n}") + f"    choices:\n      - label: Take it\n        target: y{n}\n"
            f"      - label: Leave it\n        target: n{n}\n"
        )
        scenes.append(
            _SCENE.format(id=f"y{n}") + f"    sets: [f{n}]\n    choices:\n"
            f"      - label: On\n        target: {following}\n"
        )
        scenes.append(_SCENE.format(id=f"n{n}") + f"    choices:\n      - label: On\n        target: {following}\n")
    scenes.append(
        _SCENE.format(id="last")
        + "    choices:\n      - label: On\n        target: the-end\n"
        + "".join(
            f"      - label: If {name}\n        target: the-end\n        if: {{flag: {name}}}\n" for name in watched
        )
    )
    scenes.append(_SCENE.format(id="the-end") + "    ending: true\n")
    return _story(folder, scenes)


def misspelt_targets(folder: Path, count: int) -> Path:
    """``count`` scenes, each with a choice whose target is misspelt: every one is an E012 with a suggestion."""
    scenes = [
        _SCENE.format(id="first" if n == 0 else f"scene-number-{n}")
        + f"    choices:\n      - label: On\n        target: scene-nmuber-{n + 1}\n"
        for n in range(count)
    ]
    scenes.append(_SCENE.format(id="the-end") + "    ending: true\n")
    return _story(folder, scenes)
