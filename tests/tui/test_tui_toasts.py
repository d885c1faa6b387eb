"""Toasts never cover what a screen keeps at its bottom and break lines by the Chinese rules;
a race rival's result stays on one line at 60×18 (13.11)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widget import Widget

from quiz.contest.engine import ContestPlan
from quiz.engine.modes import Mode
from quiz.tui.screens.article import ArticleScreen
from quiz.tui.screens.contest import ContestScreen
from quiz.tui.screens.home import HomeScreen
from quiz.tui.screens.question import QuestionScreen
from quiz.tui.widgets.wrap import WrapText
from quiz.usecases.requests import PlayRequest
from tests.tui_support import answer, make_app, make_services, settle, wait_for


def toasts(pilot: Pilot[None]) -> list[Widget]:
    return list(pilot.app.screen.query("Toast"))


async def test_a_toast_leaves_the_search_field_free(tmp_path: Path) -> None:
    app = make_app(make_services(tmp_path))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await wait_for(pilot, HomeScreen)
        await pilot.press("a")
        reader = await wait_for(pilot, ArticleScreen)
        await settle(pilot)
        await pilot.press("slash", *"没有这句话", "enter")
        await settle(pilot)
        [toast] = toasts(pilot)
        field = reader.query_one("#article-search")
        assert not toast.region.overlaps(field.region)


async def test_a_toast_leaves_the_contest_board_and_hint_free(tmp_path: Path) -> None:
    app = make_app(make_services(tmp_path))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await wait_for(pilot, HomeScreen)
        app.host_contest(ContestPlan(("甲", "乙", "丙"), ()), seed=1)
        contest = await wait_for(pilot, ContestScreen)
        app.notify("一条提示")
        await settle(pilot)
        [toast] = toasts(pilot)
        for part in ("#contest-board", "#contest-hint"):
            assert not toast.region.overlaps(contest.query_one(part).region)


async def test_toast_lines_break_by_the_rules(tmp_path: Path) -> None:
    app = make_app(make_services(tmp_path))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await wait_for(pilot, HomeScreen)
        app.notify("今天没有要复习的题，新题额度也已用完。明天再来！")
        await settle(pilot)
        [toast] = toasts(pilot)
        lines = [line.strip() for line in str(toast.render()).split("\n") if line.strip()]
        assert len(lines) > 1 and not any(line.startswith("！") for line in lines)


async def test_race_rivals_stay_whole_at_60_by_18(tmp_path: Path) -> None:
    app = make_app(make_services(tmp_path), PlayRequest(Mode.RACE, seed=7))
    async with app.run_test(size=(60, 18)) as pilot:
        screen = await wait_for(pilot, QuestionScreen)
        await answer(pilot)
        feedback = screen.query_one("#feedback", WrapText)
        shown = feedback.wrapped(feedback.content_region.width).plain.split("\n")
        answer_ = screen.session.answers[0]
        assert answer_.opponents
        for other in answer_.opponents:
            whole = f"{other.name}\u00a0{'✓' if other.correct else '✗'}\u00a0{other.points}"
            assert any(whole in line for line in shown), (whole, shown)


@pytest.mark.timeout(30)  # unfixed, the app freezes at full CPU: the timeout's signal ends it
async def test_a_toast_whose_notification_ran_out_as_it_was_made_goes_at_once(
    tmp_path: Path,
) -> None:
    """The toast rack checks a notification has not expired, then makes its toast; one that
    runs out in between made Textual's timer loop for ever (quiz.tui.textual_fixes)."""
    from textual.notifications import Notification
    from textual.widgets._toast import Toast

    app = make_app(make_services(tmp_path))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await wait_for(pilot, HomeScreen)
        late = Notification("过期", "", "information", 1.0)
        toast = Toast(late)
        late.raised_at -= 2.0  # ran out just after the rack's check
        toast._timeout = late.time_left
        assert toast._timeout < 0
        await app.screen.mount(toast)
        for _ in range(100):  # the app goes on, and the toast expires
            await pilot.pause(0.01)
            if not toast.is_attached:
                break
        assert not toast.is_attached
