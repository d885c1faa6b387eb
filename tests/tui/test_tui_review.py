"""Review screens after real play: history, session detail, statistics, leaderboard, bank."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable

from quiz.bank.loader import load_bank
from quiz.engine.modes import Mode
from quiz.reports.standings import Streak
from quiz.store.opening import open_store
from quiz.system.clock import FixedClock
from quiz.tui.screens.bank import BankScreen
from quiz.tui.screens.history import HistoryScreen
from quiz.tui.screens.home import HomeScreen
from quiz.tui.screens.leaderboard import LeaderboardScreen
from quiz.tui.screens.question import QuestionScreen
from quiz.tui.screens.results import ResultsScreen
from quiz.tui.screens.session import SessionScreen
from quiz.tui.screens.stats import StatsScreen
from quiz.usecases.play import Run
from quiz.usecases.requests import PlayRequest
from quiz.usecases.services import Services
from tests.conftest import BANK
from tests.factories import START
from tests.tui_support import answer, make_app, make_services, settle, wait_for

SnapCompare = Callable[..., bool]


def cells(table: DataTable[Any], row: int) -> list[str]:
    return [str(cell) for cell in table.get_row_at(row)]


async def play_daily(pilot: Pilot[None], wrong_at: int) -> None:
    await pilot.app.workers.wait_for_complete()
    pilot.app.play(PlayRequest(Mode.DAILY, seed=4))  # type: ignore[attr-defined]
    await wait_for(pilot, QuestionScreen)
    for number in range(5):
        await answer(pilot, right=number != wrong_at)
        await pilot.press("enter")
    await wait_for(pilot, ResultsScreen)
    await pilot.press("enter")
    await wait_for(pilot, HomeScreen)


async def test_review_screens_after_playing(tmp_path: Path) -> None:
    services = make_services(tmp_path, lang="en")
    app = make_app(services)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, HomeScreen)
        await play_daily(pilot, wrong_at=1)
        assert isinstance(services.clock, FixedClock)
        services.clock.advance(3600)
        await play_daily(pilot, wrong_at=9)  # all right (and no points: not the first run)

        await pilot.press("h")
        history = await wait_for(pilot, HistoryScreen)
        await settle(pilot)
        table = history.query_one(DataTable)
        assert table.row_count == 2
        newest, oldest = cells(table, 0), cells(table, 1)
        assert newest[1:6] == ["Daily quiz", "5", "100% (5/5)", "0:00", "0"]
        assert oldest[1:6] == ["Daily quiz", "4", "80% (4/5)", "0:00", "4"]
        await pilot.press("v")  # oldest first
        await settle(pilot)
        assert cells(table, 0)[2] == "4"
        await pilot.press("enter")
        detail = await wait_for(pilot, SessionScreen)
        await settle(pilot)
        assert len(detail.answers) == 5
        assert [a.correct for a in detail.answers] == [True, False, True, True, True]
        assert "score 4" in str(detail.query_one("#session-title").render())
        await pilot.press("escape", "escape")

        await pilot.press("s")
        stats = await wait_for(pilot, StatsScreen)
        await settle(pilot)
        assert stats.data is not None
        summary = stats.data
        assert (summary.answers, summary.correct) == (10, 9)
        assert summary.streak == Streak(current=1, longest=1)
        assert [(d.day, d.points) for d in summary.days] == [(START.date(), 4)]
        shown = str(stats.query_one("#stats-summary").render())
        assert "10 answers, 9 right, accuracy 90%" in shown
        await pilot.press("escape")

        await pilot.press("l")
        board = await wait_for(pilot, LeaderboardScreen)
        await settle(pilot)
        assert cells(board.query_one(DataTable), 0)[:4] == ["1", "小王", "4", "4"]
        await pilot.press("escape")

        await pilot.press("b")
        bank = await wait_for(pilot, BankScreen)
        await settle(pilot)
        attempted = [i for i in bank.items if i.attempts]
        assert len(attempted) == 5 and all(i.attempts == 1 for i in attempted)


async def test_practise_the_wrong_ones_from_a_session(tmp_path: Path) -> None:
    services = make_services(tmp_path, lang="en")
    app = make_app(services)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, HomeScreen)
        await play_daily(pilot, wrong_at=2)
        await pilot.press("h")
        await wait_for(pilot, HistoryScreen)
        await settle(pilot)
        await pilot.press("enter")
        detail = await wait_for(pilot, SessionScreen)
        await settle(pilot)
        wrong = [a.question_id for a in detail.answers if not a.correct]
        await pilot.press("p")
        screen = await wait_for(pilot, QuestionScreen)
        assert [q.id for q in screen.session.plan.questions] == wrong
        # One run's wrong answers, not the mistake book: labelled as what it is (13.4).
        assert screen.session.mode is Mode.RETRY
        assert "Retry mistakes" in str(screen.query_one("#status").render())
        assert "Mistake book" not in str(screen.query_one("#status").render())


def fixture_services(tmp_path: Path, lang: str) -> Services:
    """A store with a few days of play by three players, on the fixed clock."""
    services = make_services(tmp_path, lang=lang)
    questions = sorted(load_bank([BANK]).questions, key=lambda q: q.id)
    store = open_store(services.settings.db)
    for days_ago, user, mode in [
        (9, "小李", Mode.DAILY), (3, "小王", Mode.DAILY), (2, "小王", Mode.CHALLENGE),
        (1, "小张", Mode.TOPIC), (0, "小王", Mode.DAILY), (0, "小王", Mode.EXAM),
    ]:  # fmt: skip
        clock = FixedClock(START - timedelta(days=days_ago))
        run = Run.start(store, user, questions, mode, clock, seed=days_ago + 1, count=6,
                        topic="总述")  # fmt: skip
        for index in range(6):
            if run.session.phase.value == "finished":
                break
            question = run.session.current
            given = question.answer if (index + days_ago) % 3 else ("?",)
            clock.advance(4 + index)
            run.submit(given, 4 + index)
            if run.session.phase.value == "feedback":
                if run.session.can_revive:
                    run.session.revive()
                else:
                    run.session.proceed()
        run.session.hand_in()
        run.finish()
    store.close()
    return services


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("view", ["h", "s", "l", "b"], ids=["history", "stats", "board", "bank"])
def test_review_snapshots(snap_compare: SnapCompare, tmp_path: Path, lang: str, view: str) -> None:
    app = make_app(fixture_services(tmp_path, lang))

    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press(view)
        await settle(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_session_detail_snapshot(snap_compare: SnapCompare, tmp_path: Path, lang: str) -> None:
    app = make_app(fixture_services(tmp_path, lang))

    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)
        await pilot.press("down", "enter")
        await settle(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
