"""A phone in Playwright: Debian's Chromium with mobile emulation (isMobile, hasTouch), the
terminal's screen rebuilt from the session's output (where things are, to tap them), and taps
at a cell."""

from __future__ import annotations

import asyncio
import json
import re
from typing import Any
from urllib.parse import parse_qs, urlsplit

from rich.cells import cell_len

from tests.serve_support import WAIT

UPRIGHT = {"width": 390, "height": 844}
SIDEWAYS = {"width": 844, "height": 390}
TOO_SMALL = ("终端窗口太小", "terminal is too small")
SEQUENCE = re.compile(r"\x1b\[([0-9;?]*)([A-Za-z@])|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[=>()78]")


async def phone(browser: Any, viewport: dict[str, int]) -> Any:
    """A page as a phone shows it: its width, a touch screen, three device pixels a pixel."""
    context = await browser.new_context(viewport=viewport, device_scale_factor=3,
                                        is_mobile=True, has_touch=True)  # fmt: skip
    return await context.new_page()


class Screen:
    """The terminal's cells, rebuilt from what the session writes: Textual draws each line
    after a cursor move (CSI row;col H) and styles (SGR), which are all this follows."""

    def __init__(self) -> None:
        self.cells: dict[tuple[int, int], str] = {}
        self.x = self.y = 0
        self.width, self.height = 80, 24

    def feed(self, text: str) -> None:
        at = 0
        for found in SEQUENCE.finditer(text):
            self.put(text[at : found.start()])
            at = found.end()
            params, command = found.group(1), found.group(2)
            if command == "H":
                row, _, col = (params or "1;1").partition(";")
                self.y, self.x = int(row or 1) - 1, int(col or 1) - 1
            elif command == "J" and params == "2":
                self.cells.clear()
        self.put(text[at:])

    def put(self, text: str) -> None:
        for char in text:
            if char in "\r\n":
                continue
            width = cell_len(char)
            self.cells[(self.y, self.x)] = char
            if width == 2:
                self.cells[(self.y, self.x + 1)] = ""
            self.x += width

    def line(self, row: int) -> tuple[str, list[int]]:
        """A row's text, and the column of each of its characters."""
        chars: list[str] = []
        columns: list[int] = []
        for col in range(self.width):
            char = self.cells.get((row, col), " ")
            if char:
                chars.append(char)
                columns.append(col)
        return "".join(chars), columns

    @property
    def text(self) -> str:
        return "\n".join(self.line(row)[0].rstrip() for row in range(self.height))

    def find(self, needle: str) -> tuple[int, int] | None:
        """(row, column) of the middle of `needle`'s first appearance, from the bottom up (the
        key bar and the newest lines win) when `needle` is there more than once."""
        for row in reversed(range(self.height)):
            line, columns = self.line(row)
            at = line.find(needle)
            if at >= 0:
                middle = at + len(needle) // 2
                return row, columns[middle]
        return None


class Phone:
    """A page on a phone: its terminal's screen, and taps at what it shows."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.screen = Screen()
        self.frames = 0
        page.on("websocket", self.watch)

    def watch(self, websocket: Any) -> None:
        query = parse_qs(urlsplit(websocket.url).query)
        if "width" in query:
            self.screen.width = int(query["width"][0])
            self.screen.height = int(query["height"][0])

        def received(payload: str | bytes) -> None:
            if isinstance(payload, bytes):
                self.frames += 1
                self.screen.feed(payload.decode("utf-8", "replace"))

        def sent(payload: str | bytes) -> None:
            if isinstance(payload, str) and payload.startswith('["resize"'):
                size = json.loads(payload)[1]
                self.screen.width, self.screen.height = size["width"], size["height"]

        websocket.on("framereceived", received)
        websocket.on("framesent", sent)

    async def expect(self, needle: str, gone: bool = False) -> None:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + WAIT
        while (needle in self.screen.text) == gone:
            if loop.time() > deadline:
                raise AssertionError(f"{needle!r} never {'gone' if gone else 'shown'}; screen:\n"
                                     f"{self.screen.text}")  # fmt: skip
            await asyncio.sleep(0.05)

    async def cell_box(self) -> tuple[float, float, float, float]:
        """(left, top, cell width, cell height) of the terminal's cells, in CSS pixels."""
        box = await self.page.eval_on_selector(
            ".xterm-screen", "e => { const r = e.getBoundingClientRect();"
            " return [r.left, r.top, r.width, r.height]; }")  # fmt: skip
        left, top, width, height = box
        return left, top, width / self.screen.width, height / self.screen.height

    async def settled(self, quiet_ms: int = 200, longest: int = 8) -> None:
        """Until no frame has come for `quiet_ms`: the screen is drawn whole (a screen that has
        just changed may still show a line of the one before). A screen with a running clock
        never goes quiet: then `longest` such waits at most."""
        seen = -1
        for _ in range(longest):
            if seen == self.frames:
                return
            seen = self.frames
            await self.page.wait_for_timeout(quiet_ms)

    async def tap(self, needle: str) -> None:
        """Tap the middle of `needle` on the screen, as a finger does, once it is drawn."""
        await self.expect(needle)
        await self.settled()
        await self.expect(needle)
        where = self.screen.find(needle)
        assert where is not None
        row, col = where
        left, top, cell_width, cell_height = await self.cell_box()
        await self.page.touchscreen.tap(left + (col + 0.5) * cell_width,
                                        top + (row + 0.5) * cell_height)  # fmt: skip

    async def type(self, text: str) -> None:
        await self.page.keyboard.type(text)

    async def shows_no_notice(self) -> None:
        text = self.screen.text
        assert not any(words in text for words in TOO_SMALL), text
