"""Behind the "terminal too small" notice a race question's timer stands still (13.7)."""

from __future__ import annotations

from pathlib import Path

from quiz.engine.modes import Mode
from quiz.engine.session import Phase
from quiz.system.clock import FixedClock
from quiz.tui.screens.question import QuestionScreen
from quiz.tui.widgets.timer import TimerBar
from quiz.usecases.requests import PlayRequest
from tests.tui_support import make_app, make_services, settle, wait_for


async def test_the_race_timer_pauses_while_the_terminal_is_too_small(tmp_path: Path) -> None:
    services = make_services(tmp_path)
    the_clock = services.clock
    assert isinstance(the_clock, FixedClock)
    app = make_app(services, PlayRequest(Mode.RACE, seed=3))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await wait_for(pilot, QuestionScreen)
        the_clock.advance(5)
        screen.tick()
        assert screen.query_one(TimerBar).remaining == 10
        await pilot.resize_terminal(50, 15)
        await settle(pilot)
        assert screen.has_class("-too-small")
        the_clock.advance(60)  # far past the 15 s
        screen.tick()
        assert screen.session.phase is Phase.ASKING and not screen.session.answers
        await pilot.resize_terminal(100, 30)
        await settle(pilot)
        the_clock.advance(2)
        screen.tick()
        assert screen.query_one(TimerBar).remaining == 8
        assert screen.session.phase is Phase.ASKING
        assert screen.seconds_here() == 7
