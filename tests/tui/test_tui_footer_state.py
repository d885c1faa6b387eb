"""The play screen shows what the state allows, and nothing that gives answers away (13.2, 13.3,
13.10)."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input

from quiz.bank.models import QuestionType
from quiz.engine.modes import Mode
from quiz.engine.session import Phase
from quiz.tui.screens.confirm import ConfirmScreen
from quiz.tui.screens.home import HomeScreen
from quiz.tui.screens.question import QuestionScreen
from quiz.tui.widgets.keybar import KeyBar
from quiz.usecases.requests import PlayRequest
from tests.tui_support import answer, keys_for, make_app, make_services, settle, wait_for


def footer(pilot: Pilot[None]) -> str:
    return pilot.app.screen.query_one(KeyBar).render().plain


def status(screen: QuestionScreen) -> str:
    return str(screen.query_one("#status").render())


async def test_enter_is_labelled_for_what_it_does(tmp_path: Path) -> None:
    app = make_app(make_services(tmp_path), PlayRequest(Mode.DAILY, seed=11))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await wait_for(pilot, QuestionScreen)
        seen_fill = False
        for _ in range(5):
            assert "⏎ 提交" in footer(pilot) and "继续" not in footer(pilot)
            if screen.session.current.type is QuestionType.FILL:
                seen_fill = True  # the blank has the focus: its Enter is shown too
                assert isinstance(screen.focused, Input)
            await answer(pilot)
            assert screen.session.phase is Phase.FEEDBACK
            assert "⏎ 继续" in footer(pilot) and "提交" not in footer(pilot)
            await pilot.press("enter")
            await settle(pilot)
        assert seen_fill


async def test_topic_shows_nothing_that_depends_on_correctness(tmp_path: Path) -> None:
    app = make_app(make_services(tmp_path), PlayRequest(Mode.TOPIC, topic="数字", seed=4))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await wait_for(pilot, QuestionScreen)
        before = status(screen)
        await answer(pilot, right=True)
        after_right = status(screen)
        await answer(pilot, right=False)
        after_wrong = status(screen)
        assert "连对" not in before + after_right + after_wrong
        assert "已答 1 题" in after_right and "已答 2 题" in after_wrong


async def test_exam_navigation_from_a_blank_and_the_resume_banner(tmp_path: Path) -> None:
    services = make_services(tmp_path)
    app = make_app(services, PlayRequest(Mode.EXAM, seed=5, count=30))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await wait_for(pilot, QuestionScreen)
        assert "pgup 上一题" in footer(pilot) and "pgdn 下一题" in footer(pilot)
        fill = next(i for i, q in enumerate(screen.session.asked)
                    if q.type is QuestionType.FILL and i > 0)  # fmt: skip
        await pilot.press(*["pagedown"] * fill)
        await settle(pilot)
        assert screen.session.position == fill
        await pilot.press(*keys_for(screen)[:1])  # typing in the blank
        await pilot.press("left", "right")  # move the text cursor, not the question
        assert screen.session.position == fill
        await pilot.press("alt+right")
        await settle(pilot)
        assert screen.session.position == fill + 1
        await pilot.press("alt+left")
        await settle(pilot)
        assert screen.session.position == fill
        await pilot.press("pageup")
        await settle(pilot)
        assert screen.session.position == fill - 1
        await answer(pilot)
        await answer(pilot)
        await pilot.press("escape")
        await wait_for(pilot, ConfirmScreen)
        await pilot.press("y")
        home = await wait_for(pilot, HomeScreen)
        banner = str(home.query_one("#home-resume").render())
        assert "已答 2 题" in banner
