"""`quiz serve --web`, with a real server process and a real browser: headless Chromium driven
by Playwright (Debian's chromium: Playwright cannot download browsers here)."""

from __future__ import annotations

import asyncio
import shutil
import signal
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from tests.serve_support import (
    PASSCODE,
    ROSTER,
    WAIT,
    daily_runs,
    judge_bank,
    start_server,
    visible,
)

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-dev-shm-usage"]  # fmt: skip

if not Path(CHROMIUM).exists():
    pytest.skip("needs Chromium for the browser tests: apt-get install -y chromium",
                allow_module_level=True)  # fmt: skip
playwright = pytest.importorskip("playwright.async_api", reason="pip install -e '.[test]'")


class BrowserPlayer:
    """A page showing the quiz; the terminal's output is read from the websocket frames."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.frames: list[str] = []
        self.mark = 0
        page.on("websocket", self.watch)

    def watch(self, websocket: Any) -> None:
        def received(payload: str | bytes) -> None:
            if isinstance(payload, bytes):
                self.frames.append(payload.decode("utf-8", "replace"))

        websocket.on("framereceived", received)

    @property
    def text(self) -> str:
        return visible("".join(self.frames))

    async def expect(self, needle: str) -> None:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + WAIT
        while needle not in self.text[self.mark :]:
            if loop.time() > deadline:
                raise AssertionError(f"{needle!r} never shown; last:\n{self.text[-2000:]}")
            await asyncio.sleep(0.05)

    async def type(self, *keys: str) -> None:
        self.mark = len(self.text)
        for key in keys:
            if len(key) == 1:
                await self.page.keyboard.type(key)
            else:
                await self.page.keyboard.press(key)


@pytest.fixture
async def browser() -> AsyncIterator[Any]:
    async with playwright.async_playwright() as driver:
        launched = await driver.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        await launched.close()


async def open_quiz(browser: Any, port: int) -> BrowserPlayer:
    page = await browser.new_page(viewport={"width": 1100, "height": 700})
    player = BrowserPlayer(page)
    response = await page.goto(f"http://127.0.0.1:{port}/")
    assert response is not None and response.status == 200
    await page.click("#terminal")  # the terminal takes the keyboard
    return player


@pytest.fixture
def bank(tmp_path: Path) -> Path:
    return judge_bank(tmp_path / "bank")


async def test_open_mode_logs_in_answers_and_sees_the_feedback(tmp_path: Path, bank: Path,
                                                               browser: Any) -> None:  # fmt: skip
    server = start_server(tmp_path, "--open", "--web", "127.0.0.1:0", bank=bank)
    try:
        player = await open_quiz(browser, server.web_port)
        await player.expect("Type your name")
        await player.type(*"hana", "Enter")
        await player.expect("hana · today 0/26 points")
        await player.expect("questions in the bank")
        await player.type("Enter")
        await player.expect("question 1/5")
        await player.type("a", "Enter")
        await player.expect("Right answer: ")
        assert "✓ Right" in player.text
        await player.page.close()  # the player leaves mid-run
        server.wait_for_log("hana from 127.0.0.1 ended after")
    finally:
        assert server.stop() == 0
    [run] = daily_runs(server.history(), "hana")
    assert (run["status"], run["total"], run["correct"]) == ("unfinished", 1, 1)
    assert "web session 1: hana logged in from 127.0.0.1" in server.log


async def test_a_member_logs_in_with_their_passcode(tmp_path: Path, bank: Path,
                                                     browser: Any) -> None:  # fmt: skip
    server = start_server(tmp_path, "--web", "127.0.0.1:0", bank=bank)
    try:
        roster = tmp_path / "roster.csv"
        roster.write_text(ROSTER, encoding="utf-8")
        subprocess.run([sys.executable, "-m", "quiz", "org", "import", str(roster)],
                       env=server.env, check=True, capture_output=True)  # fmt: skip
        player = await open_quiz(browser, server.web_port)
        await player.expect("Log in with your login and passcode")
        await player.type(*"wang1", "Enter", *"not-it", "Enter")
        await player.expect("Wrong login or passcode.")
        await player.type(*PASSCODE, "Enter")
        await player.expect("王一 · today 0/26 points")
        await player.type("Enter")
        await player.expect("question 1/5")
        await player.type("a", "Enter")
        await player.expect("Right answer: ")
        await player.page.close()
        server.wait_for_log("王一 (login wang1) from 127.0.0.1 ended after")
    finally:
        assert server.stop() == 0
    [run] = daily_runs(server.history(), "王一")
    assert (run["total"], run["correct"]) == (1, 1)
    assert "web: login wang1 from 127.0.0.1 refused" in server.log
    assert "not-it" not in server.log and PASSCODE not in server.log


async def test_a_full_server_says_so_in_the_browser(tmp_path: Path, bank: Path,
                                                    browser: Any) -> None:  # fmt: skip
    server = start_server(tmp_path, "--open", "--web", "127.0.0.1:0", "--max-sessions", "1",
                          bank=bank)  # fmt: skip
    try:
        first = await open_quiz(browser, server.web_port)
        await first.expect("Type your name")
        # A visitor still at the name prompt holds a stranger's place, not the one member's
        # place (issue 25, item 1): the page still loads; the server is full once the first
        # player is in.
        second = await browser.new_page()
        response = await second.goto(f"http://127.0.0.1:{server.web_port}/")
        assert response is not None and response.status == 200
        await second.close()
        await first.type(*"hana", "Enter")
        await first.expect("questions in the bank")
        page = await browser.new_page()
        response = await page.goto(f"http://127.0.0.1:{server.web_port}/")
        assert response is not None and response.status == 503
        assert "Server full, try again in a minute." in await page.inner_text("body")
        assert "refused: server full" not in server.log  # the page only: no session tried
        # A terminal that connects anyway (the page was loaded before the server filled up)
        # is told so in the terminal, and closed with "try again later".
        async with (
            aiohttp.ClientSession() as client,
            client.ws_connect(
                f"http://127.0.0.1:{server.web_port}/ws?width=80&height=24"
            ) as websocket,
        ):
            message = await websocket.receive()
            assert b"Server full, try again in a minute." in message.data
            await websocket.receive()
            assert websocket.close_code == 1013
        assert "web from 127.0.0.1 refused: server full" in server.log
    finally:
        server.stop()


async def test_stopping_the_server_ends_sessions_and_keeps_answers(
    tmp_path: Path, bank: Path, browser: Any
) -> None:
    server = start_server(tmp_path, "--open", "--web", "127.0.0.1:0", bank=bank)
    player = await open_quiz(browser, server.web_port)
    await player.expect("Type your name")
    await player.type(*"ivy", "Enter")
    await player.expect("questions in the bank")
    await player.type("Enter")
    await player.expect("question 1/5")
    await player.type("a", "Enter")
    await player.expect("Right answer: ")
    assert server.stop(signal.SIGINT) == 0
    await player.page.wait_for_selector("body.-closed", timeout=WAIT * 1000)  # "Session ended"
    assert "ivy from 127.0.0.1 ended after" in server.log
    [run] = daily_runs(server.history(), "ivy")
    assert (run["status"], run["total"]) == ("unfinished", 1)


CJK_FONTS = ("PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC",
             "WenQuanYi Micro Hei")  # fmt: skip
"""Phones and desktops: iOS and macOS, Windows, Android and Linux (Debian's fonts-noto-cjk,
fonts-wqy-microhei)."""


async def test_the_page_names_fonts_with_chinese_characters(tmp_path: Path, bank: Path,
                                                           browser: Any) -> None:  # fmt: skip
    """textual-serve's terminal draws with 'Roboto Mono', Monaco, 'Courier New', monospace:
    none has a Chinese character. The page's "Roboto Mono" takes the CJK ranges from the
    Chinese fonts phones and desktops have, its own words ask for them too, and the page says
    it is Simplified Chinese (a fallback then picks Simplified forms)."""
    server = start_server(tmp_path, "--open", "--web", "127.0.0.1:0", bank=bank,
                          extra_env={"QUIZ_LANG": "zh"})  # fmt: skip
    try:
        page = await browser.new_page()
        await page.goto(f"http://127.0.0.1:{server.web_port}/")
        assert await page.evaluate("document.documentElement.lang") == "zh-CN"
        faces = await page.evaluate(
            "() => [...document.styleSheets].flatMap(s => [...s.cssRules])"
            ".filter(r => r instanceof CSSFontFaceRule).map(r => r.style.cssText)"
        )
        terminal_faces = [face for face in faces if '"Roboto Mono"' in face]
        chinese = [face for face in terminal_faces if covers(face, ord("党"))]
        assert chinese, faces
        assert all(f'local("{name}")' in chinese[0] for name in CJK_FONTS), chinese
        stack = await page.evaluate("getComputedStyle(document.querySelector('.intro')).fontFamily")
        assert all(name in stack for name in CJK_FONTS), stack
    finally:
        server.stop()


def covers(face: str, code: int) -> bool:
    """Whether an @font-face's unicode-range includes `code`."""
    import re

    found = re.search(r"unicode-range:([^;]*)", face)
    if found is None:
        return False
    for part in found.group(1).split(","):
        low, _, high = part.strip().removeprefix("U+").removeprefix("u+").partition("-")
        if int(low, 16) <= code <= int(high or low, 16):
            return True
    return False
