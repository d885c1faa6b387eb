"""Help per screen, fitting 80×24 with its close hint in view; a first-run hint; every key a
screen shows in its footer is in its help (13.9)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.binding import Binding
from textual.pilot import Pilot

from quiz.contest.engine import ContestPlan
from quiz.engine.modes import Mode
from quiz.tui.base import QuizScreen
from quiz.tui.screens.article import ArticleScreen
from quiz.tui.screens.bank import BankScreen
from quiz.tui.screens.contest import ContestScreen
from quiz.tui.screens.contest_dialogs import ScoreboardScreen
from quiz.tui.screens.help import EVERYWHERE, HelpScreen
from quiz.tui.screens.history import HistoryScreen
from quiz.tui.screens.home import HomeScreen
from quiz.tui.screens.leaderboard import LeaderboardScreen
from quiz.tui.screens.question import QuestionScreen
from quiz.tui.screens.results import ResultsScreen
from quiz.tui.screens.session import SessionScreen
from quiz.tui.screens.stats import StatsScreen
from quiz.tui.widgets.keybar import KeyBar
from quiz.usecases.requests import PlayRequest
from tests.tui_support import answer, make_app, make_services, settle, wait_for

SCREENS = [
    HomeScreen, QuestionScreen, ResultsScreen, ArticleScreen, ContestScreen, ScoreboardScreen,
    HistoryScreen, SessionScreen, StatsScreen, BankScreen, LeaderboardScreen,
]  # fmt: skip
SHOWN_AS = {
    "enter": "Enter", "escape": "Esc", "space": "Space", "slash": "/", "pageup": "PgUp",
    "pagedown": "PgDn", "down": "↓", "up": "↑", "ctrl+s": "Ctrl+S", "backspace": "Backspace",
}  # fmt: skip


@pytest.mark.parametrize("screen", SCREENS, ids=lambda s: s.__name__)
def test_every_key_in_a_footer_is_in_that_screens_help(screen: type[QuizScreen[None]]) -> None:
    helped = " ".join(keys for keys, _ in (*screen.KEY_HELP, *EVERYWHERE)).casefold()
    for binding in screen.BINDINGS:
        assert isinstance(binding, Binding)
        if not binding.show:
            continue
        names = [SHOWN_AS.get(k, k) for k in binding.key.split(",")]
        assert any(n.casefold() in helped for n in names), (screen.__name__, binding.key)


async def open_help(pilot: Pilot[None]) -> HelpScreen:
    await pilot.press("f1")
    return await wait_for(pilot, HelpScreen)


def fits(pilot: Pilot[None], help_screen: HelpScreen) -> str:
    """The help's text, after checking its close hint is on screen."""
    close = help_screen.query_one("#help-close")
    _width, height = pilot.app.size
    assert close.region.bottom <= height and close.region.height == 1
    assert "Esc" in str(close.render())
    return "\n".join(str(w.render()) for w in help_screen.query("#help-rows WrapText"))


async def test_help_lists_the_keys_of_the_screen_it_is_opened_on(tmp_path: Path) -> None:
    app = make_app(make_services(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, HomeScreen)
        shown = fits(pilot, await open_help(pilot))
        for keys in ("↑↓  Enter", "C / X", "H / S / L", "B / A", "K / E", "Ctrl+P"):
            assert keys in shown
        assert "a–f" not in shown  # the play keys are the play screen's
        await pilot.press("escape")

        await pilot.press("a")
        await wait_for(pilot, ArticleScreen)
        shown = fits(pilot, await open_help(pilot))
        assert "N / P" in shown and "Q" in shown and "上一句" in shown
        await pilot.press("escape", "escape")

        app.play(PlayRequest(Mode.EXAM, seed=1, count=3))
        await wait_for(pilot, QuestionScreen)
        shown = fits(pilot, await open_help(pilot))
        for keys in ("a–f / 1–6", "Backspace", "PgUp / PgDn", "Ctrl+S", "Esc"):
            assert keys in shown
        await pilot.press("escape")
        await answer(pilot)


async def test_contest_help_at_80_by_24(tmp_path: Path) -> None:
    app = make_app(make_services(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, HomeScreen)
        app.host_contest(ContestPlan(("甲", "乙", "丙")), seed=1)
        await wait_for(pilot, ContestScreen)
        shown = fits(pilot, await open_help(pilot))
        for keys in ("Space", "1–9 0 - =", "Y / N", "C", "S"):
            assert keys in shown


async def test_a_first_run_hint_until_the_first_run(tmp_path: Path) -> None:
    app = make_app(make_services(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        home = await wait_for(pilot, HomeScreen)
        await settle(pilot)
        hint = home.query_one("#home-resume")
        assert hint.display and "F1" in str(hint.render())
        assert hint.region.bottom <= 23  # in view, above the footer
        assert "f1 帮助" in home.query_one(KeyBar).render().plain
        assert "⏎ 进入" in home.query_one(KeyBar).render().plain
        app.play(PlayRequest(Mode.DAILY, seed=1))
        await wait_for(pilot, QuestionScreen)
        for _ in range(5):
            await answer(pilot)
            await pilot.press("enter")
        await wait_for(pilot, ResultsScreen)
        await pilot.press("enter")
        home = await wait_for(pilot, HomeScreen)
        await settle(pilot)
        assert not home.query_one("#home-resume").display
