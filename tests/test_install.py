"""A non-editable install: the story, the seed and the licences travel with it, and reading needs nothing more.

Marked slow: it builds a wheel and a fresh environment.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from engine.story.lint import lint
from engine.story.load import load_story

ROOT = Path(__file__).parents[1]


def run(*args: str | Path, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    return subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True, env=env, timeout=600)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment with the wheel built from this checkout installed in it."""
    uv = shutil.which("uv")
    if uv is None:
        pytest.fail("uv is needed to build and install the wheel")
    tmp = tmp_path_factory.mktemp("install")
    built = run(uv, "build", "--wheel", "-o", tmp / "dist")
    assert built.returncode == 0, built.stderr
    (wheel,) = (tmp / "dist").glob("kalbajar-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "engine/_bundled/story/story.yaml" in names or not (ROOT / "story" / "story.yaml").exists()
    assert "engine/_bundled/seeds/000_37987845c617e723.txt" in names
    assert {f"engine/i18n/locales/{lang}/LC_MESSAGES/kalbajar.mo" for lang in ("ru", "az", "hy")} <= set(names)
    assert not any(n.startswith(("tests/", "story/", "seeds/")) for n in names)
    assert any(n.endswith("licenses/LICENSE") for n in names)
    assert any(n.endswith("licenses/LICENSES/CC-BY-SA-3.0.txt") for n in names)
    venv = tmp / "venv"
    assert run(uv, "venv", "--python", shutil.which("python3") or "python3", venv).returncode == 0
    done = run(uv, "pip", "install", "--python", venv / "bin" / "python", wheel)
    assert done.returncode == 0, done.stderr
    return venv


pytestmark = pytest.mark.slow


def test_the_installed_command_validates_the_bundled_story(installed: Path, tmp_path: Path) -> None:
    done = run(installed / "bin" / "kalbajar", "validate", "--strict", cwd=tmp_path)
    assert "Traceback" not in done.stderr and done.returncode == 0, done.stdout
    lines = done.stdout.splitlines()
    bundled = lines[-2].rsplit(": ", 1)[0]
    assert Path(bundled).parts[-3:] == ("engine", "_bundled", "story")
    assert Path(bundled).is_relative_to(installed)
    expected = lint(load_story(ROOT / "story")).statistics
    assert expected is not None and lines[-1] == expected.as_text()
    assert expected.seed_paragraphs == 19  # the seed article was found beside the bundled story


def test_reading_installs_no_web_server_and_serve_says_what_it_needs(installed: Path, tmp_path: Path) -> None:
    listed = run("uv", "pip", "list", "--python", installed / "bin" / "python")
    names = {line.split()[0].lower() for line in listed.stdout.splitlines()[2:]}
    assert {"textual", "rich", "pyyaml", "platformdirs"} <= names
    assert not names & {"textual-serve", "aiohttp", "playwright", "pytest", "babel"}
    done = run(installed / "bin" / "kalbajar", "serve", cwd=tmp_path)
    assert done.returncode == 2 and "needs the 'serve' extra" in done.stderr and "Traceback" not in done.stderr
