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

SAVES = Path("/nonexistent/kalbajar-saves")


def test_the_reader_command_survives_the_shell(tmp_path: Path) -> None:
    folder = tmp_path / "a story's folder; $(touch pwned) `x`"
    command = reader_command(folder, tmp_path / "saves here")
    assert shlex.split(command) == [sys.executable, "-m", "engine", "--tui", "--story", str(folder),
                                    "--save-dir", str(tmp_path / "saves here")]
    done = subprocess.run(command, shell=True, capture_output=True, text=True, cwd=tmp_path, timeout=60)
    assert done.returncode == 1
    assert f"kalbajar: the story in {folder} has errors" in done.stderr
    assert not (tmp_path / "pwned").exists()


@pytest.mark.parametrize(("host", "loopback"), [
    ("127.0.0.1", True), ("127.8.0.1", True), ("::1", True), ("localhost", True),
    ("0.0.0.0", False), ("192.168.1.2", False), ("example.com", False)])
def test_loopback_addresses(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


class FakeServer:
    """Stands in for textual-serve's Server: records what it was asked to serve."""

    made: list[FakeServer] = []

    def __init__(self, command: str, host: str, port: int, title: str, public_url: str,
                 templates_path: Path) -> None:
        self.command, self.host, self.port, self.title = command, host, port, title
        self.public_url = public_url
        self.page = (Path(templates_path) / "app_index.html").read_text(encoding="utf-8")
        self.served = False
        FakeServer.made.append(self)

    def serve(self) -> None:
        self.served = True


def serve_args(host: str = "127.0.0.1", story: Path = EXAMPLE) -> argparse.Namespace:
    return argparse.Namespace(host=host, port=8123, story=story, save_dir=SAVES)


def test_serve_runs_the_reader_on_the_story(monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("textual_serve.server.Server", FakeServer)
    FakeServer.made.clear()
    assert run_serve(serve_args()) == 0
    [server] = FakeServer.made
    assert server.served and (server.host, server.port, server.title) == ("127.0.0.1", 8123, "The Example")
    assert server.public_url == "http://127.0.0.1:8123"
    assert "fonts.googleapis.com" not in server.page and "{{ config.static.url }}" in server.page
    assert shlex.split(server.command)[1:] == ["-m", "engine", "--tui", "--story", str(EXAMPLE.resolve()),
                                               "--save-dir", str(SAVES.resolve())]
    assert capsys.readouterr().err == ""


def test_serving_beyond_loopback_warns(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("textual_serve.server.Server", FakeServer)
    assert run_serve(serve_args(host="0.0.0.0")) == 0
    assert "0.0.0.0 is not a loopback address" in capsys.readouterr().err


def test_an_ipv6_address_is_bracketed_in_the_page_address(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("textual_serve.server.Server", FakeServer)
    FakeServer.made.clear()
    assert run_serve(serve_args(host="::1")) == 0
    assert FakeServer.made[0].public_url == "http://[::1]:8123"


def test_a_story_with_errors_is_not_served(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("textual_serve.server.Server", FakeServer)
    FakeServer.made.clear()
    broken = tmp_path / "story"
    shutil.copytree(EXAMPLE, broken)
    plan = broken / "scenes" / "01-plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("target: embankment", "target: nowhere"),
                    encoding="utf-8")
    assert main(["serve", "--story", str(broken)]) == 1
    assert FakeServer.made == []
    assert "E012" in capsys.readouterr().err


def test_the_server_serves_the_page_on_loopback(served_example: RunningServer) -> None:
    page = wait_for_page(served_example)
    port = served_example.url.rsplit(":", 1)[1].strip("/")
    assert f'data-session-websocket-url="ws://127.0.0.1:{port}/ws"' in page
    assert "The Example" in page
    assert "googleapis" not in page and "https://" not in page.replace("https://github.com", "")


def test_a_taken_port_is_reported(served_example: RunningServer) -> None:
    wait_for_page(served_example)
    port = served_example.url.rsplit(":", 1)[1].strip("/")
    done = subprocess.run([sys.executable, "-m", "engine", "serve", "--story", str(EXAMPLE), "--port", port],
                          capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    assert done.returncode == 1
    assert f"cannot listen on 127.0.0.1:{port}" in done.stderr


def test_the_story_title_is_escaped_in_the_page(tmp_path: Path) -> None:
    story = tmp_path / "story"
    shutil.copytree(EXAMPLE, story)
    head = story / "story.yaml"
    head.write_text(head.read_text(encoding="utf-8").replace(
        "title: The Example", "title: '<b onmouseover=x>The Example</b>'"), encoding="utf-8")
    with serving(story, tmp_path / "server.log") as server:
        page = wait_for_page(server)
    assert "&lt;b onmouseover=x&gt;The Example&lt;/b&gt;" in page
    assert "<b onmouseover" not in page
