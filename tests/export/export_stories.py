"""Stories for the export tests: the example, and the example with text that looks like markup.

A plain module (not conftest) so the tests can import its names: every
conftest.py is imported as ``conftest``, so names imported from one collide.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from engine.story.load import load_story
from engine.story.model import Story

EXAMPLE = Path(__file__).parents[1] / "fixtures" / "stories" / "example"

HOSTILE_PLACES = 3
"""How many texts of the hostile story hold HOSTILE_TEXT: a scene, an editor's note, a glossary term."""

HOSTILE_TEXT = (
    '<script>alert("x")</script> & &amp; [a](http://example.com) `code` _under_ '
    "# not a heading | a | b | ~~struck~~ \\[x\\] $x$ {curly} <!-- c -->"
)
"""Story text that HTML, Markdown or a table would read as something; it must print as written."""

HOSTILE_TITLE = '1. <b>Say "hi"</b> \\n #1 & -> [x] | end'
HOSTILE_LABEL = 'Go "on" \\ <i>there</i> | #2 & `now`'


def copy_example(tmp_path: Path, edits: list[tuple[str, str, str]]) -> Path:
    """The example story in ``tmp_path``, with ``old`` replaced by ``new`` in each file named."""
    folder = tmp_path / "story"
    shutil.copytree(EXAMPLE, folder)
    for name, old, new in edits:
        path = folder / name
        text = path.read_text(encoding="utf-8")
        assert old in text, (name, old)
        path.write_text(text.replace(old, new), encoding="utf-8")
    return folder


def _yaml(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def hostile_copy(tmp_path: Path) -> Story:
    """The example with markup-looking text in a scene, a title, a choice, an entry and a term."""
    folder = copy_example(
        tmp_path,
        [
            ("scenes/01-plan.yaml", "directions. Read about", f"directions. {HOSTILE_TEXT} Read about"),
            ("scenes/01-plan.yaml", "label: Follow the column", f"label: {_yaml(HOSTILE_LABEL)}"),
            ("scenes/02-first-days.yaml", "title: The embankment\n", f"title: {_yaml(HOSTILE_TITLE)}\n"),
            ("panels/background.yaml", "    title: The district\n", f"    title: {_yaml(HOSTILE_TITLE)}\n"),
            ("panels/background.yaml", "Kelbajar lay between", "1. Kelbajar lay between"),
            ("glossary.yaml", "A village on the Tartar river.", f"A village. {HOSTILE_TEXT}"),
            ("glossary.yaml", "A district of Azerbaijan", "- A district of Azerbaijan"),
            (
                "scenes/02-first-days.yaml",
                "editor_note: The article gives no exact date for the evacuation.",
                f"editor_note: {_yaml('The article gives no exact date. ' + HOSTILE_TEXT)}",
            ),
        ],
    )
    result = load_story(folder)
    assert result.story is not None and not result.diagnostics, result.diagnostics
    return result.story
