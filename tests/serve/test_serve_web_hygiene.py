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
