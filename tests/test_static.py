"""The static checks pass: ruff's lint and format, mypy's types and import-linter's layers, each as a developer runs it.

Each runs from the repository root, with its configuration in pyproject.toml, and is
skipped where its tool is not installed (``uv run --dev pytest`` installs all three).
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def check(module: str, *command: str) -> None:
    """Run ``command`` with this Python from the repository root; it must exit 0, and its output says why not."""
    if importlib.util.find_spec(module) is None:
        pytest.skip(f"{module} is not installed")
    done = subprocess.run([sys.executable, *command], capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert done.returncode == 0, f"{' '.join(command)} exited {done.returncode}:\n{done.stdout}\n{done.stderr}"


@pytest.mark.slow
def test_ruff_finds_nothing() -> None:
    check("ruff", "-m", "ruff", "check", ".")


@pytest.mark.slow
def test_the_code_is_formatted_as_ruff_formats_it() -> None:
    check("ruff", "-m", "ruff", "format", "--check", ".")


@pytest.mark.slow
def test_mypy_finds_nothing() -> None:
    check("mypy", "-m", "mypy")


@pytest.mark.slow
def test_the_import_contracts_are_kept() -> None:
    # import-linter has no ``python -m`` entry; this is what its ``lint-imports`` script runs
    check(
        "importlinter",
        "-c",
        "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())",
    )
