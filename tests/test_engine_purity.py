"""The engine never imports the interface: the model, loader, validator and session stay pure.

So do the front ends that need no terminal UI: the plain reader, the exporters,
the map's drawing and the timeline's events.  Only engine.tui may import Textual.
"""

from __future__ import annotations

import subprocess
import sys

ENGINE = [
    "engine.i18n",
    "engine.i18n.dates",
    "engine.source",
    "engine.story.model",
    "engine.story.load",
    "engine.story.lint",
    "engine.story.markup",
    "engine.story.locale",
    "engine.reading.session",
    "engine.reading.saves",
    "engine.reading.randomtest",
    "engine.reading.timeline",
    "engine.map",
    "engine.map.sources",
    "engine.plain",
    "engine.export.html",
    "engine.export.markdown",
    "engine.export.graph",
    "engine.cli",
    "engine.cli.read",
]


def test_the_engine_imports_neither_textual_nor_rich() -> None:
    code = (
        "import importlib, sys\n"
        f"for name in {ENGINE!r}:\n"
        "    importlib.import_module(name)\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'rich'}))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_the_check_would_see_an_interface_import() -> None:
    """The same subprocess does report rich when something imports it, so the test above can fail."""
    code = "import sys, rich.text\nprint(sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'rich'}))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "['rich']"
