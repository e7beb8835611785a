"""Where the story shipped with the package lives: its own module, so finding it imports nothing else."""

from __future__ import annotations

from pathlib import Path


def bundled_story_dir() -> Path:
    """The story shipped with the package: beside ``engine/`` in a checkout, inside it when installed."""
    package = Path(__file__).resolve().parent.parent
    checkout = package.parent / "story"
    return checkout if (checkout / "story.yaml").is_file() else package / "_bundled" / "story"
