"""The served page on a phone's network (issue 28): a real `quiz serve --open --web` on
loopback, Debian's Chromium (through Playwright) as a phone held upright (390×844, isMobile,
hasTouch), its network throttled to DevTools' "Fast 3G" preset. Measured: the bytes the page
loads before its first frame (the HTML, textual-serve's script and stylesheet, as sent on the
wire), and the time from navigating to the first frame of the session (textual.js marks the
page -first-byte when the terminal's first output arrives), each load with an empty cache.

Skipped, saying why, without Chromium or Playwright (the test extra: pip install -e '.[test]').
"""

from __future__ import annotations

import asyncio
import shutil
import statistics
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from quiz.bench.context import Context, Result
from quiz.bench.serve_case import launch

FAST_3G = {
    "offline": False,
    "latency": 562.5,  # ms: DevTools' "Fast 3G" (150 ms × 3.75)
    "downloadThroughput": 1.6 * 1000 * 1000 / 8 * 0.9,  # bytes/s: 1.6 Mbit/s × 0.9
    "uploadThroughput": 750 * 1000 / 8 * 0.9,
}
"""The preset's values, as DevTools and Puppeteer's PredefinedNetworkConditions define them."""
UPRIGHT = {"width": 390, "height": 844}
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking"]  # fmt: skip
LOADS, SMOKE_LOADS = 3, 1
BYTES_BOUND_KB = 160.0
FIRST_FRAME_BOUND_MS = 4000.0
WAIT = 60.0
MARK_FIRST_FRAME = """
new MutationObserver((changes, observer) => {
  if (document.body && document.body.classList.contains('-first-byte')) {
    window.quizFirstFrame = performance.now();
    observer.disconnect();
  }
}).observe(document, {attributes: true, subtree: true, attributeFilter: ['class']});
"""
"""The time of the first frame, read in the page (from its navigation start)."""


def chromium() -> str | None:
    return shutil.which("chromium") or next(
        (path for path in ("/usr/bin/chromium",) if Path(path).exists()), None
    )


def phone_page(context: Context) -> Iterable[Result]:
    browser = chromium()
    if browser is None:
        print("phone: skipped, no Chromium (Debian: apt-get install chromium)", file=sys.stderr)
        return []
    try:
        import playwright.async_api  # noqa: F401  (the test extra)
    except ImportError:
        print("phone: skipped, no Playwright (pip install -e '.[test]')", file=sys.stderr)
        return []
    return asyncio.run(_measure(context, browser))


def start_web_server(context: Context) -> tuple[subprocess.Popen[bytes], int]:
    server, port, _log = launch(context, "phone", ["--open", "--web", "127.0.0.1:0"],
                                r"listening for browsers on http://[^ ]+:(\d+)/")  # fmt: skip
    return server, port


async def load_once(browser: Any, port: int) -> tuple[float, dict[str, int]]:
    """One load on a fresh phone: (ms to the first frame, bytes on the wire per file)."""
    context = await browser.new_context(viewport=UPRIGHT, device_scale_factor=3,
                                        is_mobile=True, has_touch=True)  # fmt: skip
    try:
        page = await context.new_page()
        await page.add_init_script(MARK_FIRST_FRAME)
        devtools = await context.new_cdp_session(page)
        await devtools.send("Network.enable")
        await devtools.send("Network.setCacheDisabled", {"cacheDisabled": True})
        await devtools.send("Network.emulateNetworkConditions", FAST_3G)
        urls: dict[str, str] = {}
        sizes: dict[str, int] = {}
        devtools.on("Network.requestWillBeSent",
                    lambda e: urls.__setitem__(e["requestId"], e["request"]["url"]))  # fmt: skip
        devtools.on("Network.loadingFinished", lambda e: sizes.__setitem__(
            urls.get(e["requestId"], e["requestId"]), int(e["encodedDataLength"])))  # fmt: skip
        await page.goto(f"http://127.0.0.1:{port}/", wait_until="commit")
        await page.wait_for_function("() => window.quizFirstFrame !== undefined",
                                    timeout=WAIT * 1000)  # fmt: skip
        first_frame = float(await page.evaluate("() => window.quizFirstFrame"))
        shown = {url.rsplit("/", 1)[-1] or "page": size for url, size in sizes.items()}
        return first_frame, shown
    finally:
        await context.close()


async def _measure(context: Context, executable: str) -> list[Result]:
    from playwright.async_api import async_playwright

    server, port = start_web_server(context)
    try:
        async with async_playwright() as driver:
            browser = await driver.chromium.launch(executable_path=executable, args=ARGS)
            try:
                loads = [await load_once(browser, port)
                         for _ in range(SMOKE_LOADS if context.smoke else LOADS)]  # fmt: skip
            finally:
                await browser.close()
    finally:
        server.send_signal(2)
        server.wait(WAIT)
    first_frame = statistics.median(ms for ms, _ in loads)
    files = loads[-1][1]
    total_kb = sum(files.values()) / 1024
    parts = ", ".join(f"{name} {size / 1024:.0f} KB" for name, size in sorted(files.items()))
    bytes_result = Result("phone page: bytes before the first frame (Fast 3G, empty cache)",
                          total_kb, "KB", BYTES_BOUND_KB, detail=parts)  # fmt: skip
    frame_result = Result("phone page: navigation to the first frame (Fast 3G, 390×844)",
                          first_frame, "ms", FIRST_FRAME_BOUND_MS,
                          detail=f"{len(loads)} load(s), median")  # fmt: skip
    return [bytes_result, frame_result]
