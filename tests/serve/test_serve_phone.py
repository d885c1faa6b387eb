"""`quiz serve --web` on a phone (issue 28): a real server, Debian's Chromium with mobile
emulation (390×844 upright, 844×390 sideways, isMobile, hasTouch), a player who taps. The
screens are photographed (none may show the "too small" notice); with QUIZ_PHONE_SHOTS=1 the
PNGs are kept under tests/serve/__screenshots__/ for review (the fonts differ from machine to
machine, so they are not compared pixel by pixel; the ones committed were looked at)."""

from __future__ import annotations

import gzip
import os
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from tests.serve.phone_support import SIDEWAYS, UPRIGHT, Phone, phone
from tests.serve.test_serve_web import ARGS, CHROMIUM, playwright
from tests.serve_support import daily_runs, start_server

SHOTS = Path(__file__).parent / "__screenshots__"
MIN_COLUMNS, MIN_ROWS, MIN_FONT = 40, 16, 14.0


@pytest.fixture
async def browser() -> AsyncIterator[Any]:
    async with playwright.async_playwright() as driver:
        launched = await driver.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        await launched.close()


async def shot(player: Phone, name: str) -> None:
    """The screen as the player sees it; never the "too small" notice."""
    await player.shows_no_notice()
    png = await player.page.screenshot(scale="css")
    if os.environ.get("QUIZ_PHONE_SHOTS"):
        SHOTS.mkdir(exist_ok=True)
        (SHOTS / f"{name}.png").write_bytes(png)


async def open_phone(browser: Any, port: int, viewport: dict[str, int]) -> Phone:
    player = Phone(await phone(browser, viewport))
    response = await player.page.goto(f"http://127.0.0.1:{port}/")
    assert response is not None and response.status == 200
    return player


async def page_figures(player: Phone) -> dict[str, Any]:
    figures: dict[str, Any] = await player.page.evaluate(
        """() => ({
            font: Number(document.getElementById('terminal').dataset.fontSize),
            innerWidth: innerWidth,
            scrollWidth: document.documentElement.scrollWidth,
            inputmode: (document.querySelector('.xterm-helper-textarea') || {}).inputMode,
        })"""
    )
    return figures


async def keyboard(player: Phone, mode: str) -> None:
    """The page's keyboard comes to `mode` (the session tells it within a fifth of a second):
    "text" opens the on-screen keyboard at the next tap, "none" keeps it shut."""
    for _ in range(100):
        if (await page_figures(player))["inputmode"] == mode:
            return
        await player.page.wait_for_timeout(50)
    raise AssertionError(f"the keyboard never {mode}; screen:\n{player.screen.text}")


async def test_an_upright_phone_gets_40_columns_at_a_readable_font_and_turning_reflows(
    tmp_path: Path, browser: Any
) -> None:
    server = start_server(tmp_path, "--open", "--web", "127.0.0.1:0",
                          extra_env={"QUIZ_LANG": "zh"})  # fmt: skip
    try:
        player = await open_phone(browser, server.web_port, UPRIGHT)
        await player.expect("请输入你的名字")
        figures = await page_figures(player)
        upright_rows = player.screen.height
        assert figures["font"] >= MIN_FONT
        assert player.screen.width >= MIN_COLUMNS and player.screen.height >= MIN_ROWS
        assert figures["scrollWidth"] == figures["innerWidth"] == UPRIGHT["width"]  # no sideways
        await keyboard(player, "text")  # the login wants the keyboard
        await shot(player, "login-390x844")
        await player.tap("你的名字")
        await player.type("小")
        keyboard_open = {"width": UPRIGHT["width"], "height": UPRIGHT["height"] - 330}
        await player.page.set_viewport_size(keyboard_open)  # what a keyboard leaves visible
        for _ in range(100):
            if player.screen.height < upright_rows:
                break
            await player.page.wait_for_timeout(50)
        assert MIN_ROWS <= player.screen.height < upright_rows  # the rows that stay visible
        await player.expect("小")  # the field is drawn in them, not under the keyboard
        await shot(player, "login-typing-390x514")
        await player.page.set_viewport_size(UPRIGHT)
        upright = (player.screen.width, upright_rows)
        await player.page.set_viewport_size(SIDEWAYS)  # the phone turned
        await player.expect("请输入你的名字")
        for _ in range(100):
            if player.screen.width > upright[0]:
                break
            await player.page.wait_for_timeout(50)
        assert player.screen.width > upright[0] and player.screen.height < upright[1]
        assert player.screen.height >= MIN_ROWS
        await player.page.wait_for_timeout(300)
        await shot(player, "login-844x390")
    finally:
        server.stop()


async def answer_by_taps(player: Phone) -> str:
    """Answer the question on screen by taps (a fill-in typed): the kind answered."""
    await player.expect("提交")
    await player.settled()
    text = player.screen.text
    if "第 1 空" in text:
        await player.tap("第 1 空")  # the blank: the keyboard opens for it
        await keyboard(player, "text")
        await player.type("党员")
        kind = "fill"
    elif "你的顺序" in text:
        for option in ("A.", "B.", "C.", "D."):
            if option in player.screen.text:
                await player.tap(option)
        kind = "order"
    else:
        await keyboard(player, "none")  # taps: no keyboard
        await player.tap("A.")
        await player.expect("(*) A." if "( ) A." in text else "[x] A.")  # the tap chose it
        kind = "choice"
    await player.tap("提交")
    await player.expect("继续")
    return kind


@pytest.mark.parametrize("viewport", [UPRIGHT, SIDEWAYS], ids=["upright", "sideways"])
async def test_a_daily_run_by_taps_alone(tmp_path: Path, browser: Any,
                                         viewport: dict[str, int]) -> None:  # fmt: skip
    size = f"{viewport['width']}x{viewport['height']}"
    server = start_server(tmp_path, "--open", "--web", "127.0.0.1:0",
                          extra_env={"QUIZ_LANG": "zh"})  # fmt: skip
    try:
        player = await open_phone(browser, server.web_port, viewport)
        await player.expect("请输入你的名字")
        await player.tap("你的名字")
        await player.type("小红")
        await player.page.keyboard.press("Enter")  # the on-screen keyboard's Enter
        await player.expect("每日答题")
        await player.expect("题库共")
        await shot(player, f"home-{size}")
        await player.tap("每日答题")  # one tap opens it
        kinds = []
        for number in range(1, 6):
            await player.expect(f"第 {number}/5 题")
            await shot(player, f"question-{number}-{size}")
            kinds.append(await answer_by_taps(player))
            await shot(player, f"feedback-{number}-{size}")
            await player.tap("继续")
        await player.expect("完成")
        await shot(player, f"results-{size}")
        assert "fill" in kinds and "choice" in kinds
        await player.tap("首页")
        await player.expect("题库共")
    finally:
        server.stop()
    [run] = daily_runs(server.history(), "小红")
    assert (run["status"], run["total"]) == ("finished", 5)


async def test_a_room_joined_and_answered_by_taps(tmp_path: Path, browser: Any) -> None:
    from quiz.rooms.model import RoomSettings
    from quiz.store.opening import open_rooms
    from tests.rooms_support import HOST_TOKEN, room_questions

    server = start_server(tmp_path, "--open", "--web", "127.0.0.1:0",
                          extra_env={"QUIZ_LANG": "zh"})  # fmt: skip
    rooms = open_rooms(os.environ["QUIZ_DB"])
    room = rooms.open("主持人", RoomSettings(2, 30), room_questions(2), HOST_TOKEN)
    pin = rooms.state(room).pin
    try:
        player = await open_phone(browser, server.web_port, UPRIGHT)
        await player.expect("请输入你的名字")
        await player.tap("你的名字")
        await player.type("小明")
        await player.page.keyboard.press("Enter")
        await player.expect("题库共")
        await player.tap("加入房间")
        await player.expect("输入 6 位房间号")
        await player.tap("输入 6 位房间号")
        await keyboard(player, "text")
        await player.type(pin)
        await player.page.keyboard.press("Enter")
        await player.expect(f"房间 {pin}")
        await shot(player, "room-lobby-390x844")
        rooms.start(room, HOST_TOKEN)
        await player.expect("A.")
        await shot(player, "room-question-390x844")
        await player.tap("A.")
        await player.tap("提交")
        await player.expect("正确答案")  # the only player answered: the answer is shown
        await shot(player, "room-answered-390x844")
    finally:
        server.stop()
    seat = next(s for s in rooms.state(room).seats if s.name == "小明")
    assert seat.answers == 1


async def test_the_page_sends_little_and_no_font(tmp_path: Path) -> None:
    """textual-serve's script is sent gzipped (a quarter of its size) and no font is fetched:
    what a phone on a slow network waits for (the timing is the benchmark's: quiz bench phone)."""
    server = start_server(tmp_path, "--open", "--web", "127.0.0.1:0")
    try:
        base = f"http://127.0.0.1:{server.web_port}"
        async with aiohttp.ClientSession() as client, client.get(f"{base}/") as page:
            html = await page.text()
            assert page.headers["Content-Encoding"] in ("gzip", "deflate")
        async with aiohttp.ClientSession(auto_decompress=False) as client:
            assert "fonts/" not in html and ".ttf" not in html
            assert 'name="viewport"' in html
            async with client.get(f"{base}/static/js/textual.js",
                                  headers={"Accept-Encoding": "gzip"}) as script:  # fmt: skip
                packed = await script.read()
                assert script.headers["Content-Encoding"] == "gzip"
                assert "max-age" in script.headers["Cache-Control"]
            async with client.get(f"{base}/static/js/textual.js",
                                  headers={"Accept-Encoding": "identity"}) as script:  # fmt: skip
                raw = await script.read()
                assert "Content-Encoding" not in script.headers
        assert gzip.decompress(packed) == raw
        assert len(packed) < len(raw) / 3
    finally:
        server.stop()


async def swipe(player: Phone, x: float, from_y: float, to_y: float, steps: int = 12) -> None:
    """A finger drawn up or down the screen (Chromium's touch events, through DevTools)."""
    devtools = await player.page.context.new_cdp_session(player.page)

    async def touch(kind: str, y: float) -> None:
        points = [] if kind == "touchEnd" else [{"x": x, "y": y}]
        await devtools.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": points})

    await touch("touchStart", from_y)
    for step in range(1, steps + 1):
        await touch("touchMove", from_y + (to_y - from_y) * step / steps)
    await touch("touchEnd", to_y)


async def test_a_swipe_scrolls_the_home_menu_held_sideways(tmp_path: Path, browser: Any) -> None:
    """Held sideways the home menu shows about nine of its entries; a swipe up brings the rest
    (joining a room among them) into view, as a phone's lists do."""
    server = start_server(tmp_path, "--open", "--web", "127.0.0.1:0",
                          extra_env={"QUIZ_LANG": "zh"})  # fmt: skip
    try:
        player = await open_phone(browser, server.web_port, SIDEWAYS)
        await player.expect("请输入你的名字")
        await player.tap("你的名字")
        await player.type("小刚")
        await player.page.keyboard.press("Enter")
        await player.expect("题库共")
        await player.expect("每日答题")
        last = "阅读文章"  # the rule of the menu's last entry (原文)
        assert last not in player.screen.text  # below the menu's fold
        where = player.screen.find("每日答题")
        assert where is not None
        left, top, cell_width, cell_height = await player.cell_box()
        x = left + (where[1] + 0.5) * cell_width
        y = top + (where[0] + 0.5) * cell_height
        await swipe(player, x, y + 6 * cell_height, y)
        await player.expect(last)
        await shot(player, "home-swiped-844x390")
    finally:
        server.stop()
