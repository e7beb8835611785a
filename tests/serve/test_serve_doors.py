"""``kalbajar serve`` keeps its rules against real websockets: origins, the token, places, caps, folders, headers.

The tabs speak textual-serve's protocol as the page does (``serving.Tab``);
each reader they start is a real process, found under /proc by its command line.
"""

from __future__ import annotations

import asyncio
import json
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import pytest
from serving import EXAMPLE, RunningServer, Tab, browser, open_tab, run, serving, wait_for_page

from engine.serve.doors import MAX_COLUMNS, MAX_MESSAGE, MAX_ROWS
from engine.serve.front import FULL

HEADERS = ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    """One server for the module (readers are processes: a server each would cost seconds a test)."""
    with serving(EXAMPLE, tmp_path_factory.mktemp("serve") / "server.log") as running:
        wait_for_page(running)
        yield running


def refused(server: RunningServer, **tab: str | None) -> int:
    """The HTTP status a websocket gets instead of a reader."""

    async def attempt() -> int:
        async with browser(server) as session:
            try:
                opened = await open_tab(session, server, **tab)  # type: ignore[arg-type]
            except aiohttp.WSServerHandshakeError as error:
                return error.status
            await opened.websocket.close()
            return 101

    status = 0

    async def keep() -> None:
        nonlocal status
        status = await attempt()

    run(keep())
    return status


def test_a_websocket_from_another_origin_is_refused(server: RunningServer) -> None:
    assert refused(server, origin="http://evil.example") == 403
    assert refused(server, origin=None) == 403
    assert refused(server, origin="null") == 403
    assert refused(server, origin=server.origin.replace("127.0.0.1", "localhost")) == 403


def test_a_websocket_with_the_printed_token_is_let_in_from_anywhere(server: RunningServer) -> None:
    assert refused(server, origin="http://proxy.example", path="/ws/" + "x" * 32) == 403

    async def read() -> None:
        async with browser(server) as session:
            tab = await open_tab(session, server, origin="http://proxy.example", path="/ws/" + server.token())
            await tab.sees("The Example")
            await tab.websocket.close()

    run(read())


def test_a_page_asked_for_by_another_name_is_refused(server: RunningServer) -> None:
    asked = urllib.request.Request(server.url, headers={"Host": "evil.example"})
    with pytest.raises(urllib.error.HTTPError) as refusal:
        urllib.request.urlopen(asked, timeout=30)
    assert refusal.value.code == 403


def test_the_page_and_its_files_carry_the_security_headers(server: RunningServer) -> None:
    for path in ("", "static/js/textual.js", "page/page.js", "page/page.css"):
        with urllib.request.urlopen(server.url + path, timeout=30) as response:
            for header in HEADERS:
                assert response.headers[header], (path, header)
            policy = response.headers["Content-Security-Policy"]
            assert "frame-ancestors 'none'" in policy and "script-src 'self';" in policy
            assert "default-src 'none'" in policy
            assert response.headers["X-Content-Type-Options"] == "nosniff"
            assert response.headers["Referrer-Policy"] == "no-referrer"
            body = response.read().decode("utf-8", "replace")
        if path in ("", "page/page.js", "page/page.css"):  # ours: nothing asked of another host
            assert "http://" not in body and "https://" not in body and "//fonts" not in body


def test_the_page_has_no_inline_script(server: RunningServer) -> None:
    page = wait_for_page(server)
    assert page.count("<script") == page.count("<script src=") == 2
    assert "onclick" not in page.lower() and "onload" not in page.lower()


def test_an_oversize_message_closes_the_tab(server: RunningServer) -> None:
    async def read() -> None:
        async with browser(server) as session:
            tab = await open_tab(session, server)
            await tab.sees("The Example")
            await tab.websocket.send_str(json.dumps(["stdin", "n" * MAX_MESSAGE]))
            await tab.read_until(lambda: False)
            assert tab.closed is not None and tab.closed[0] == aiohttp.WSCloseCode.MESSAGE_TOO_BIG

    run(read())


def test_a_huge_terminal_is_capped(server: RunningServer) -> None:
    async def read() -> None:
        async with browser(server) as session:
            tab = await open_tab(session, server, query="width=20000&height=20000")
            await tab.sees("The Example")
            [reader] = server.readers()
            environment = server.reader_environment(reader)
            assert (environment["COLUMNS"], environment["ROWS"]) == (str(MAX_COLUMNS), str(MAX_ROWS))
            await tab.websocket.send_str(json.dumps(["resize", {"width": 10**9, "height": "x"}]))
            await tab.websocket.send_str(json.dumps(["stdin", "n"]))
            await tab.sees("Four directions")  # the reader took the odd resize in its stride
            await tab.websocket.close()

    run(read())


def test_two_browsers_read_in_two_folders_and_two_tabs_of_one_browser_in_one(server: RunningServer) -> None:
    async def read() -> None:
        async with browser(server) as first, browser(server) as second:
            tabs = [await open_tab(first, server), await open_tab(first, server), await open_tab(second, server)]
            for tab in tabs:
                await tab.sees("The Example")
            folders = [Path(words[words.index("--save-dir") + 1]) for words in server.readers()]
            assert len(folders) == 3 and len(set(folders)) == 2
            for folder in folders:
                assert folder.parent.name == "_browsers" and len(folder.name) == 64
            for tab in tabs:
                await tab.websocket.close()

    run(read())


def test_two_tabs_on_one_reading_are_told_and_neither_loses_what_it_read(server: RunningServer) -> None:
    async def read() -> None:
        async with browser(server) as session:
            first = await open_tab(session, server)
            await first.sees("The Example")
            await first.press("n")
            await first.sees("Four directions")
            await first.press("1")
            await first.sees("The embankment")
            second = await open_tab(session, server)
            await second.sees("Continue")
            await second.press("\r")  # Continue: reading 1, which the first tab holds
            await second.sees("Reading 1 is open in another window")  # the toast's first line
            words = server.readers()[0]  # both tabs' readers: one browser, one folder
            folder = Path(words[words.index("--save-dir") + 1]) / "example"
            for number in (1, 2):
                saved = json.loads((folder / f"reading-{number}.json").read_text(encoding="utf-8"))
                assert [m["scene"] for m in saved["payload"]["moments"]] == ["overview", "embankment"]
            for tab in (first, second):
                await tab.websocket.close()

    run(read())


def test_the_reader_after_the_last_place_is_told_to_come_back(tmp_path: Path) -> None:
    """Eight readers by default; the ninth gets the message, in its terminal and as the close reason."""

    async def read(server: RunningServer) -> None:
        async with browser(server) as session:
            tabs = [await open_tab(session, server) for _ in range(8)]
            ninth = await open_tab(session, server, page=False)  # the page itself says so: see below
            await ninth.sees("All places are taken")
            await ninth.read_until(lambda: ninth.closed is not None)
            assert ninth.closed == (aiohttp.WSCloseCode.TRY_AGAIN_LATER, FULL.format(readers=8))
            async with session.get(server.url) as page:
                assert page.status == 503 and "All places are taken" in await page.text()
            await tabs[0].websocket.close()
            for _ in range(300):  # the place is free once the first reader has gone
                async with session.get(server.url) as page:
                    if page.status == 200:
                        break
                await asyncio.sleep(0.1)
            else:
                pytest.fail("the place never came free")
            for tab in tabs[1:]:
                await tab.websocket.close()

    with serving(EXAMPLE, tmp_path / "server.log") as server:
        wait_for_page(server)
        run(read(server))


def test_tab_text_reads_through_escape_sequences() -> None:
    tab = Tab(None)  # type: ignore[arg-type]
    tab.screen += b"\x1b[1;1HThe\x1b[38;2;1;2;3m Example\x1b]8;;x\x1b\\"
    assert tab.text() == "TheExample"
