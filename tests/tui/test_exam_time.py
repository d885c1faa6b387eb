"""An exam's time limit is a deadline fixed at its start (issue 13.1): time runs while the
player is away, a run resumed after it is handed in at once, and the time recorded is wall time."""

from __future__ import annotations

from pathlib import Path

from quiz.engine.modes import Mode
from quiz.engine.selection import plan
from quiz.engine.session import Phase, Session
from quiz.system.clock import FixedClock
from quiz.tui.screens.confirm import ConfirmScreen
from quiz.tui.screens.home import HomeScreen
from quiz.tui.screens.question import QuestionScreen
from quiz.tui.screens.results import ResultsScreen
from quiz.tui.widgets.timer import TimerBar
from quiz.usecases.requests import PlayRequest
from tests.factories import START, bank, clock, right
from tests.tui_support import answer, make_app, make_services, settle, wait_for


def test_the_deadline_is_fixed_at_the_start_and_elapsed_is_wall_time() -> None:
    the_clock = clock()
    s = Session(plan(Mode.EXAM, bank(), user="u", today=START.date(), seed=1, count=3),
                the_clock)  # fmt: skip
    assert s.seconds_left() == 600
    the_clock.advance(100)
    s.submit(right(s.current), 1)  # one second on the screen, a hundred on the clock
    the_clock.advance(20)
    s.hand_in()
    assert s.phase is Phase.FINISHED
    assert s.elapsed_seconds() == 120
    assert s.totals().elapsed == 120


async def remaining(pilot: object, screen: QuestionScreen) -> float:
    screen.tick()
    return screen.query_one(TimerBar).remaining


async def test_leaving_and_resuming_an_exam_refunds_no_time(tmp_path: Path) -> None:
    services = make_services(tmp_path)
    the_clock = services.clock
    assert isinstance(the_clock, FixedClock)
    app = make_app(services, PlayRequest(Mode.EXAM, seed=5, count=4))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await wait_for(pilot, QuestionScreen)
        the_clock.advance(15)
        assert await remaining(pilot, screen) == 585
        await answer(pilot)
        await pilot.press("escape")
        await wait_for(pilot, ConfirmScreen)
        await pilot.press("y")
        await wait_for(pilot, HomeScreen)
        the_clock.advance(60)  # away for a minute: the exam's time runs on
        await pilot.press("c")
        screen = await wait_for(pilot, QuestionScreen)
        assert await remaining(pilot, screen) == 525
        the_clock.advance(45)
        await pilot.press("ctrl+s")
        await wait_for(pilot, ConfirmScreen)
        await pilot.press("y")
        await wait_for(pilot, ResultsScreen)
        assert services.saving.store is not None
        [row] = services.saving.store.sessions("小王")
        assert (row.status, row.elapsed) == ("finished", 120)  # wall time: 2 minutes


async def test_an_exam_resumed_after_its_deadline_is_handed_in_at_once(tmp_path: Path) -> None:
    services = make_services(tmp_path)
    the_clock = services.clock
    assert isinstance(the_clock, FixedClock)
    app = make_app(services, PlayRequest(Mode.EXAM, seed=5, count=4))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, QuestionScreen)
        await answer(pilot)
        await pilot.press("escape")
        await wait_for(pilot, ConfirmScreen)
        await pilot.press("y")
        await wait_for(pilot, HomeScreen)
        the_clock.advance(3600)
        await pilot.press("c")
        results = await wait_for(pilot, ResultsScreen)
        assert "1/4" in str(results.query_one("#results-summary").render())
        assert services.saving.store is not None
        [row] = services.saving.store.sessions("小王")
        assert (row.status, row.correct, row.total, row.elapsed) == ("finished", 1, 4, 600)
        assert services.saving.store.resumable("小王") == []
        await settle(pilot)
