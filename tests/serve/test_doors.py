"""The rules at ``kalbajar serve``'s door, one by one, without a server."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.serve.doors import (
    MAX_COLUMNS,
    MAX_ROWS,
    Doors,
    browser_folder,
    browser_id,
    new_browser_id,
    terminal_size,
)

LOOPBACK = Doors("127.0.0.1", 8000, "the-token")


@pytest.mark.parametrize(
    ("asked", "given"),
    [
        (("100", "40"), (100, 40)),
        ((20000, 20000), (MAX_COLUMNS, MAX_ROWS)),
        (("20000", "20000"), (MAX_COLUMNS, MAX_ROWS)),
        ((0, -5), (1, 1)),
        (("x", None), (80, 24)),
        ((True, 3.5), (80, 24)),
        (("9" * 5000, "²"), (80, 24)),
    ],
)
def test_terminal_sizes_are_capped(asked: tuple[object, object], given: tuple[int, int]) -> None:
    assert terminal_size(*asked) == given


def test_each_browser_reads_in_a_folder_named_by_its_cookies_hash(tmp_path: Path) -> None:
    one, other = new_browser_id(), new_browser_id()
    assert browser_id(one) == one and one != other
    folders = {browser_folder(tmp_path, one), browser_folder(tmp_path, other)}
    assert len(folders) == 2
    for folder in folders:
        assert folder.parent == tmp_path / "_browsers" and len(folder.name) == 64
        assert one not in str(folder) and other not in str(folder)


@pytest.mark.parametrize("cookie", [None, "", "short", "../../etc/passwd" + "a" * 27, "é" * 43, "a" * 44])
def test_a_cookie_this_server_could_not_have_made_names_no_folder(cookie: str | None) -> None:
    assert browser_id(cookie) is None


@pytest.mark.parametrize(
    ("host", "allowed"),
    [
        ("127.0.0.1:8000", True),
        ("localhost:8000", True),
        ("[::1]:8000", True),
        ("127.0.0.1:8001", False),
        ("evil.example:8000", False),
        ("", False),
        (None, False),
    ],
)
def test_only_this_servers_names_are_answered(host: str | None, allowed: bool) -> None:
    assert LOOPBACK.host_allowed(host) is allowed


@pytest.mark.parametrize(
    ("host", "origin", "token", "allowed"),
    [
        ("127.0.0.1:8000", "http://127.0.0.1:8000", None, True),
        ("localhost:8000", "http://localhost:8000", None, True),
        ("127.0.0.1:8000", "http://localhost:8000", None, False),
        ("127.0.0.1:8000", "http://evil.example", None, False),
        ("127.0.0.1:8000", "null", None, False),
        ("127.0.0.1:8000", None, None, False),
        ("evil.example:8000", "http://evil.example:8000", None, False),  # a name rebound to 127.0.0.1
        ("127.0.0.1:8000", "http://evil.example", "the-token", True),
        ("127.0.0.1:8000", "http://evil.example", "the-tokeN", False),
    ],
)
def test_a_websocket_comes_from_the_servers_own_page_or_with_the_token(
    host: str, origin: str | None, token: str | None, allowed: bool
) -> None:
    assert LOOPBACK.websocket_allowed(host, origin, token) is allowed


def test_on_every_address_a_websocket_must_come_from_the_page_of_the_host_it_asked() -> None:
    everywhere = Doors("0.0.0.0", 8000, "t")
    assert everywhere.websocket_allowed("192.168.1.2:8000", "http://192.168.1.2:8000", None)
    assert not everywhere.websocket_allowed("192.168.1.2:8000", "http://evil.example", None)


def test_an_ipv6_server_knows_its_bracketed_name() -> None:
    assert Doors("::1", 8000, "t").host_allowed("[::1]:8000")
