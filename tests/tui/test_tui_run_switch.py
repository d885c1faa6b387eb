"""Ctrl+P → another mode during a run asks first, as Esc does (13.5)."""

from __future__ import annotations

from pathlib import Path

from textual.command import CommandPalette
from textual.pilot import Pilot

from quiz.engine.modes import Mode
from quiz.tui.screens.confirm import ConfirmScreen
from quiz.tui.screens.home import HomeScreen
from quiz.tui.screens.question import QuestionScreen
from quiz.tui.screens.results import ResultsScreen
from quiz.usecases.requests import PlayRequest
from tests.tui_support import answer, make_app, make_services, settle, wait_for


async def choose_from_palette(pilot: Pilot[None], text: str) -> None:
    await pilot.press("ctrl+p")
    await wait_for(pilot, CommandPalette)
    await pilot.press(*text)
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)


async def test_the_palette_asks_before_leaving_a_run(tmp_path: Path) -> None:
    services = make_services(tmp_path, lang="en")
    app = make_app(services, PlayRequest(Mode.DAILY, seed=2))
    async with app.run_test(size=(100, 30)) as pilot:
        first = await wait_for(pilot, QuestionScreen)
        await answer(pilot)
        await pilot.press("enter")
        await choose_from_palette(pilot, "Challenge")
        await wait_for(pilot, ConfirmScreen)
        await pilot.press("n")  # stay
        assert await wait_for(pilot, QuestionScreen) is first
        assert len(app.screen_stack) == 2 and len(first.session.answers) == 1  # home is the base

        await choose_from_palette(pilot, "Challenge")
        await wait_for(pilot, ConfirmScreen)
        await pilot.press("y")
        second = await wait_for(pilot, QuestionScreen)
        assert second is not first and second.session.mode is Mode.CHALLENGE
        assert [type(s) for s in app.screen_stack] == [HomeScreen, QuestionScreen]

        await answer(pilot, right=False)
        await pilot.press("enter")
        await wait_for(pilot, ResultsScreen)
        await pilot.press("enter")
        home = await wait_for(pilot, HomeScreen)  # not back into the first run
        await settle(pilot)
        assert home.summary is not None
        assert [r.mode for r in home.summary.resumable] == [Mode.DAILY]
