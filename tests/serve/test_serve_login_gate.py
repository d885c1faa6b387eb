"""Nothing before login: a served browser session in roster mode shows its login screen and
nothing else until the host has checked the login. A real `quiz serve --web` and headless
Chromium: Ctrl+P and each palette command, F1, ?, Ctrl+T and every key of home are tried on
the login screen; nothing opens and nothing is stored. The store itself refuses a write for
no player."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from quiz.store.errors import StoreError
from quiz.store.opening import open_store
from tests.serve_support import ROSTER, judge_bank, start_server

web = pytest.importorskip("tests.serve.test_serve_web", reason="needs Chromium")
browser = web.browser

HOME_KEYS = ["Enter", *"chsablokex", "Escape"]
"""Every key home binds (and what starts a run), typed into the login screen instead."""
PALETTE_WORDS = ["每日", "Daily", "组织", "org", "帮助", "Help", "题库", "stats"]
OPENED = ("今日", "today", "question 1/", "第 1/", "Units", "单位", "Help", "帮助", "Theme")


async def test_the_login_screen_is_all_there_is_until_the_login_is_checked(
    tmp_path: Path, browser: Any
) -> None:
    bank = judge_bank(tmp_path / "bank")
    server = start_server(tmp_path, "--web", "127.0.0.1:0", bank=bank)
    try:
        roster = tmp_path / "roster.csv"
        roster.write_text(ROSTER, encoding="utf-8")
        subprocess.run([sys.executable, "-m", "quiz", "org", "import", str(roster)],
                       env=server.env, check=True, capture_output=True)  # fmt: skip
        player = await web.open_quiz(browser, server.web_port)
        await player.expect("Log in with your login and passcode")
        before = len(player.text)
        await player.type("Control+p")
        for word in PALETTE_WORDS:
            await player.type(*word, "Enter")
        await player.type("F1", "?", "Control+t", *HOME_KEYS)
        await player.page.wait_for_timeout(1500)
        shown = player.text[before:]
        for opened in OPENED:
            assert opened not in shown, opened
        assert "Log in with your login and passcode" in player.text
        await player.page.close()
        server.wait_for_log("ended after")
    finally:
        assert server.stop() == 0
    assert server.history() == []  # no run, no answer, under any name


def test_the_store_refuses_a_write_for_no_player(tmp_path: Path) -> None:
    from quiz.engine.modes import Mode
    from quiz.engine.session import Plan
    from tests.factories import START

    store = open_store(tmp_path / "quiz.db")
    for nobody in ("", "  "):
        with pytest.raises(StoreError) as refused:
            store.start_session(nobody, Plan(Mode.DAILY, (), 1), START)
        assert refused.value.code == "store.no_player"
    store.close()
