"""``kalbajar serve``: the command each browser tab runs, the checks before serving, the server itself."""

from __future__ import annotations

import argparse
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from serving import EXAMPLE, RunningServer, serving, wait_for_page

from engine.cli import main
from engine.cli.serve import run_serve
from engine.serve import is_loopback, reader_command
from engine.serve.front import Front

SAVES = Path("/nonexistent/kalbajar-saves")


def test_the_reader_command_survives_the_shell(tmp_path: Path) -> None:
    folder = tmp_path / "a story's folder; $(touch pwned) `x`"
    command = reader_command(folder, tmp_path / "saves here")
    assert shlex.split(command) == [
        sys.executable,
        "-m",
        "engine",
        "--tui",
        "--story",
        str(folder),
        "--save-dir",
        str(tmp_path / "saves here"),
    ]
    done = subprocess.run(command, shell=True, capture_output=True, text=True, cwd=tmp_path, timeout=60)
    assert done.returncode == 1
    assert f"kalbajar: the story in {folder} has errors" in done.stderr
    assert not (tmp_path / "pwned").exists()


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.8.0.1", True),
        ("::1", True),
        ("localhost", True),
        ("0.0.0.0", False),
        ("192.168.1.2", False),
        ("example.com", False),
    ],
)
def test_loopback_addresses(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


class FakeRun:
    """Stands in for serving forever: records the front it was given."""

    def __init__(self) -> None:
        self.fronts: list[tuple[Front, str, int]] = []

    def __call__(self, front: Front, host: str, port: int) -> None:
        self.fronts.append((front, host, port))


@pytest.fixture
def fake_run(monkeypatch: pytest.MonkeyPatch) -> FakeRun:
    recorder = FakeRun()
    monkeypatch.setattr("engine.serve.front.run", recorder)
    return recorder


def serve_args(host: str = "127.0.0.1", story: Path = EXAMPLE, max_readers: int = 8) -> argparse.Namespace:
    return argparse.Namespace(host=host, port=8123, story=story, save_dir=SAVES, max_readers=max_readers)


def test_serve_runs_the_reader_on_the_story(fake_run: FakeRun, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_serve(serve_args()) == 0
    [(front, host, port)] = fake_run.fronts
    assert (host, port, front.title, front.max_readers) == ("127.0.0.1", 8123, "The Example", 8)
    folder = SAVES.resolve() / "_browsers" / "0f"
    assert shlex.split(front.command(folder))[1:] == [
        "-m",
        "engine",
        "--tui",
        "--story",
        str(EXAMPLE.resolve()),
        "--save-dir",
        str(folder),
    ]
    out = capsys.readouterr()
    assert "http://127.0.0.1:8123/" in out.out and f"?token={front.doors.token}" in out.out
    assert len(front.doors.token) >= 32 and out.err == ""


def test_serving_beyond_loopback_warns(fake_run: FakeRun, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_serve(serve_args(host="0.0.0.0")) == 0
    assert "0.0.0.0 is not a loopback address" in capsys.readouterr().err


def test_an_ipv6_address_is_bracketed_in_the_address_printed(
    fake_run: FakeRun, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_serve(serve_args(host="::1")) == 0
    assert "http://[::1]:8123/" in capsys.readouterr().out


@pytest.mark.parametrize("given", ["0", "-1", "257", "many"])
def test_max_readers_is_a_number_from_1_to_256(given: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["serve", "--max-readers", given])
    assert "give a number of readers from 1 to 256" in capsys.readouterr().err


def test_a_story_with_errors_is_not_served(
    tmp_path: Path, fake_run: FakeRun, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "story"
    shutil.copytree(EXAMPLE, broken)
    plan = broken / "scenes" / "01-plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("target: embankment", "target: nowhere"), encoding="utf-8")
    assert main(["serve", "--story", str(broken)]) == 1
    assert fake_run.fronts == []
    assert "E012" in capsys.readouterr().err


def test_the_server_serves_the_page_on_loopback(served_example: RunningServer) -> None:
    page = wait_for_page(served_example)
    port = served_example.url.rsplit(":", 1)[1].strip("/")
    assert f'data-session-websocket-url="ws://127.0.0.1:{port}/ws"' in page
    assert "The Example" in page
    assert "googleapis" not in page and "https://" not in page and "http://" not in page


def test_a_taken_port_is_reported(served_example: RunningServer) -> None:
    wait_for_page(served_example)
    port = served_example.url.rsplit(":", 1)[1].strip("/")
    done = subprocess.run(
        [sys.executable, "-m", "engine", "serve", "--story", str(EXAMPLE), "--port", port],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 1
    assert f"cannot listen on 127.0.0.1:{port}" in done.stderr


def test_the_story_title_is_escaped_in_the_page(tmp_path: Path) -> None:
    story = tmp_path / "story"
    shutil.copytree(EXAMPLE, story)
    head = story / "story.yaml"
    head.write_text(
        head.read_text(encoding="utf-8").replace("title: The Example", "title: '<b onmouseover=x>The Example</b>'"),
        encoding="utf-8",
    )
    with serving(story, tmp_path / "server.log") as server:
        page = wait_for_page(server)
    assert "&lt;b onmouseover=x&gt;The Example&lt;/b&gt;" in page
    assert "<b onmouseover" not in page
