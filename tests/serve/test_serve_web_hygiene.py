"""The browser side's hygiene, against a real `quiz serve --web` (OWASP's websocket and
response-header advice): a page on another site cannot open a session; the request's Host is
never written into the page; the page may not be framed and runs only its own scripts; the
static folder is not listed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import aiohttp
import pytest

from tests.serve_support import Server, judge_bank, start_server


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    started = start_server(tmp_path, "--open", "--web", "127.0.0.1:0",
                           "--allowed-origin", "https://quiz.example.org",
                           bank=judge_bank(tmp_path / "bank"))  # fmt: skip
    yield started
    started.stop()


async def opens(server: Server, origin: str | None) -> int:
    """The status of a websocket handshake sent with this Origin (101: opened)."""
    headers = {} if origin is None else {"Origin": origin}
    async with aiohttp.ClientSession() as http:
        try:
            socket = await http.ws_connect(f"http://127.0.0.1:{server.web_port}/ws",
                                           headers=headers)  # fmt: skip
        except aiohttp.WSServerHandshakeError as refused:
            return refused.status
        await socket.close()
        return 101


@pytest.mark.parametrize(
    ("origin", "status"),
    [
        ("http://evil.example", 403),
        ("null", 403),
        ("http://127.0.0.1:1", 403),  # another port is another site
        ("https://quiz.example.org", 101),  # --allowed-origin
        (None, 101),  # not a browser: nothing to hijack
    ],
)
async def test_only_the_served_host_s_pages_open_a_session(
    server: Server, origin: str | None, status: int
) -> None:
    assert await opens(server, origin) == status


async def test_the_page_s_own_origin_opens_a_session(server: Server) -> None:
    assert await opens(server, f"http://127.0.0.1:{server.web_port}") == 101


async def test_the_page_writes_nothing_of_the_request_and_sends_its_policy(
    server: Server,
) -> None:
    async with aiohttp.ClientSession() as http:
        url = f"http://127.0.0.1:{server.web_port}/"
        async with http.get(url, headers={"Host": "evil.example"}) as page:
            text = await page.text()
            headers = page.headers
        assert "evil.example" not in text
        policy = headers["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in policy and "script-src 'self' 'sha256-" in policy
        assert headers["X-Frame-Options"] == "DENY"
        assert headers["X-Content-Type-Options"] == "nosniff"
        async with http.get(f"http://127.0.0.1:{server.web_port}/static/") as listing:
            assert listing.status in (403, 404)
            assert "<a href" not in await listing.text()
        async with http.get(f"http://127.0.0.1:{server.web_port}/static/js/textual.js") as js:
            assert js.status == 200


async def test_malformed_messages_are_dropped_with_one_log_line(server: Server) -> None:
    """Fifty malformed messages (not JSON, the wrong shape, a huge resize) from one browser:
    the session goes on, the log has one line about them and no traceback."""
    url = f"http://127.0.0.1:{server.web_port}/ws?width=10000&height=10000"
    async with aiohttp.ClientSession() as http, http.ws_connect(url) as socket:
        junk = [
            "not json", "[]", "{}", '["resize", {"width": "x"}]', "[1, 2]", '["stdin", 5]',
            '["resize", {"width": 100000000, "height": 100000000}]',
        ]  # fmt: skip
        for index in range(50):
            await socket.send_str(junk[index % len(junk)])
        await socket.send_str('["stdin", "hana\\r"]')  # the session still answers
        seen = ""
        for _ in range(200):
            message = await socket.receive(timeout=10)
            if message.type == aiohttp.WSMsgType.BINARY:
                seen += message.data.decode("utf-8", "replace")
            if "hana" in seen:
                break
        assert "hana" in seen
    server.wait_for_log("malformed messages from 127.0.0.1 dropped")
    assert server.log.count("malformed messages") == 1
    assert "Traceback" not in server.log


def test_terminal_sizes_are_clamped() -> None:
    from quiz.serve.limits import MAX_COLUMNS, MAX_ROWS, clamped_size

    assert clamped_size(10_000, 10_000) == (MAX_COLUMNS, MAX_ROWS) == (400, 150)
    assert clamped_size(0, -5) == (1, 1)
    assert clamped_size(80, 24) == (80, 24)
