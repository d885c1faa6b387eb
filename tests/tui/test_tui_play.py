"""Whole flows played by keys, asserting on the screens and on the store afterwards."""

from __future__ import annotations

from pathlib import Path

from textual.command import CommandPalette
from textual.pilot import Pilot

from quiz.bank.models import QuestionType
from quiz.engine.modes import Mode
from quiz.engine.session import Phase
from quiz.tui.screens.confirm import ConfirmScreen
from quiz.tui.screens.home import HomeScreen
from quiz.tui.screens.question import QuestionScreen
from quiz.tui.screens.results import ResultsScreen
from quiz.usecases.requests import PlayRequest
from tests.tui_support import answer, keys_for, make_app, make_services, settle, wait_for


async def test_daily_quiz_played_by_keys_is_saved(tmp_path: Path) -> None:
    services = make_services(tmp_path)
    app = make_app(services, PlayRequest(Mode.DAILY, seed=11))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, QuestionScreen)
        for number in range(5):
            screen = await answer(pilot, right=number != 2)
            assert screen.session.phase is Phase.FEEDBACK
            assert screen.query_one("#feedback").display
            await pilot.press("enter")
            await settle(pilot)
        results = await wait_for(pilot, ResultsScreen)
        assert "4/5" in str(results.query_one("#results-summary").render())
        await pilot.press("enter")
        await wait_for(pilot, HomeScreen)
        assert services.saving.store is not None
        [row] = services.saving.store.sessions("小王")
        assert (row.mode, row.status, row.correct, row.total, row.points) == (
            Mode.DAILY, "finished", 4, 5, 4,
        )  # fmt: skip
        answers = services.saving.store.answers(row.id)
        assert [a.correct for a in answers] == [True, True, False, True, True]
        assert all(a.seconds >= 0 for a in answers)


async def test_challenge_with_a_revive(tmp_path: Path) -> None:
    services = make_services(tmp_path)
    app = make_app(services, PlayRequest(Mode.CHALLENGE, seed=3))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, QuestionScreen)
        for _ in range(3):
            await answer(pilot)
            await pilot.press("enter")
        screen = await answer(pilot, right=False)
        assert screen.session.can_revive
        await pilot.press("r")
        await settle(pilot)
        assert screen.session.revive_used and screen.session.phase is Phase.ASKING
        for _ in range(2):
            await answer(pilot)
            await pilot.press("enter")
        await answer(pilot, right=False)
        assert not screen.session.can_revive
        await pilot.press("r")  # no second revive: nothing happens
        await pilot.press("enter")
        await wait_for(pilot, ResultsScreen)
        assert services.saving.store is not None
        [row] = services.saving.store.sessions("小王")
        assert (row.status, row.correct, row.total, row.best_streak, row.points) == (
            "finished", 5, 7, 3, 3,
        )  # fmt: skip


def undo_keys(screen: QuestionScreen) -> list[str]:
    """The keys that take back the wrong answer `keys_for(screen, right=False)` gave (a fill
    of one blank, an order, a choice)."""
    wrong = keys_for(screen, right=False)
    kind = screen.session.current.type
    if kind is QuestionType.MULTIPLE:
        return wrong  # pressing an option again unchooses it
    if kind in (QuestionType.FILL, QuestionType.ORDER):
        return ["backspace"] * len([k for k in wrong if k != "tab"])
    return []


async def test_exam_going_back_and_changing_an_answer(tmp_path: Path) -> None:
    services = make_services(tmp_path)
    app = make_app(services, PlayRequest(Mode.EXAM, seed=5, count=4))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await wait_for(pilot, QuestionScreen)
        assert isinstance(screen, QuestionScreen)
        first = screen.session.current
        await answer(pilot, right=False)
        assert screen.session.position == 1 and screen.session.phase is Phase.ASKING
        await answer(pilot)
        await pilot.press("pageup", "pageup")
        await settle(pilot)
        assert screen.session.current is first
        await pilot.press(*undo_keys(screen))  # take the wrong answer back, whatever the type
        await answer(pilot)  # changed to the right answer
        assert screen.session.answers[0].correct
        await pilot.press("ctrl+s")
        await wait_for(pilot, ConfirmScreen)
        await pilot.press("y")
        results = await wait_for(pilot, ResultsScreen)
        assert "2/4" in str(results.query_one("#results-summary").render())
        assert services.saving.store is not None
        [row] = services.saving.store.sessions("小王")
        saved = services.saving.store.answers(row.id)
        assert [(a.position, a.correct) for a in saved] == [(0, True), (1, True)]
        assert (row.status, row.correct, row.total) == ("finished", 2, 4)


async def test_abandoned_session_is_resumed_from_home(tmp_path: Path) -> None:
    services = make_services(tmp_path)
    app = make_app(services, PlayRequest(Mode.DAILY, seed=2))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, QuestionScreen)
        await answer(pilot)
        await pilot.press("enter")
        await answer(pilot, right=False)
        await pilot.press("escape")
        await wait_for(pilot, ConfirmScreen)
        await pilot.press("y")
        home = await wait_for(pilot, HomeScreen)
        assert home.query_one("#home-resume").display
        await pilot.press("c")
        screen = await wait_for(pilot, QuestionScreen)
        assert isinstance(screen, QuestionScreen)
        assert screen.session.position == 2 and len(screen.session.answers) == 2
        for _ in range(3):
            await answer(pilot)
            await pilot.press("enter")
        await wait_for(pilot, ResultsScreen)
        assert services.saving.store is not None
        [row] = services.saving.store.sessions("小王")
        assert (row.status, row.correct, row.total) == ("finished", 4, 5)
        assert services.saving.store.resumable("小王") == []


async def leave_a_run_unfinished(pilot: Pilot[None]) -> HomeScreen:
    await wait_for(pilot, QuestionScreen)
    await answer(pilot)
    await pilot.press("enter")
    await pilot.press("escape")
    await wait_for(pilot, ConfirmScreen)
    await pilot.press("y")
    home = await wait_for(pilot, HomeScreen)
    assert home.query_one("#home-resume").display
    return home


async def test_an_unfinished_run_is_dropped_from_home(tmp_path: Path) -> None:
    """X, answered Y: the run is no longer offered (the summary refreshed on coming back from
    the dialog must not cancel the drop), and stays dropped for the next start."""
    services = make_services(tmp_path)
    app = make_app(services, PlayRequest(Mode.DAILY, seed=2))
    async with app.run_test(size=(100, 30)) as pilot:
        home = await leave_a_run_unfinished(pilot)
        await pilot.press("x")
        await wait_for(pilot, ConfirmScreen)
        await pilot.press("y")
        await wait_for(pilot, HomeScreen)
        await settle(pilot)
        assert not home.query_one("#home-resume").display
        assert home.summary is not None and home.summary.resumable == []
    again = make_services(tmp_path)
    again.load()
    assert again.saving.store is not None
    assert again.saving.store.resumable("小王") == []
    [row] = again.saving.store.sessions("小王")
    assert row.status == "unfinished"  # its answers stay in the history
    again.close()


async def test_the_palette_does_not_open_over_a_question(tmp_path: Path) -> None:
    """A yes/no dialog is answered first: a command chosen from the palette over it would open
    a screen on top and leave the question open underneath."""
    services = make_services(tmp_path)
    app = make_app(services, PlayRequest(Mode.DAILY, seed=2))
    async with app.run_test(size=(100, 30)) as pilot:
        await leave_a_run_unfinished(pilot)
        await pilot.press("x")
        dialog = await wait_for(pilot, ConfirmScreen)
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert app.screen is dialog
        await pilot.press("n")
        await wait_for(pilot, HomeScreen)
        await pilot.press("ctrl+p")  # on a screen, the palette opens as ever
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)


async def test_the_palette_asks_in_the_ui_s_language(tmp_path: Path) -> None:
    from textual.widgets import Input

    app = make_app(make_services(tmp_path, lang="zh"))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, HomeScreen)
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)
        assert app.screen.query_one(Input).placeholder == "搜索命令…"


async def test_judge_options_in_english_say_true_and_false(tmp_path: Path) -> None:
    """The hint says "A true / B false": the options and the feedback say so too (the stored
    answer stays 正确/错误, the bank's words)."""
    from quiz.bank.loader import load_bank
    from quiz.engine.session import Plan
    from quiz.usecases.play import Run
    from tests.conftest import BANK

    judge = next(q for q in load_bank([BANK]).questions if q.type is QuestionType.JUDGE)
    services = make_services(tmp_path, lang="en")
    app = make_app(services)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, HomeScreen)
        plan = Plan(Mode.DAILY, (judge,), seed=1, count=1)
        app.push_screen(QuestionScreen(Run.from_plan(services.saving.store, "小王", plan,
                                                     services.clock)))  # fmt: skip
        screen = await wait_for(pilot, QuestionScreen)
        rows = [str(row.render()) for row in screen.query("OptionRow")]
        assert [row.split(". ", 1)[1] for row in rows] == ["True", "False"]
        await answer(pilot, right=False)
        feedback = str(screen.query_one("#feedback").render())
        right = "True" if judge.answer == ("正确",) else "False"
        ours = feedback.split("Why: ")[0]  # the explanation is the bank's text
        assert f"Right answer: {right}" in ours and "正确" not in ours and "错误" not in ours
        assert services.saving.store is not None
        [row] = services.saving.store.sessions("小王")
        [given] = services.saving.store.answers(row.id)
        assert given.given[0] in ("正确", "错误")


async def test_keys_for_missing_options_do_nothing(tmp_path: Path) -> None:
    services = make_services(tmp_path)
    app = make_app(services, PlayRequest(Mode.CHALLENGE, seed=1))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await wait_for(pilot, QuestionScreen)
        assert isinstance(screen, QuestionScreen)
        while screen.session.current.type.value not in ("judge",):
            await answer(pilot)
            await pilot.press("enter")
            await settle(pilot)
        await pilot.press("f", "6", "c")
        assert screen.builder.chosen == []
        await pilot.press("enter")  # nothing chosen: a hint, not a submission
        assert screen.session.phase is Phase.ASKING


async def test_the_mouse_picks_options(tmp_path: Path) -> None:
    from quiz.tui.widgets.options import OptionRow

    services = make_services(tmp_path)
    app = make_app(services, PlayRequest(Mode.CHALLENGE, seed=1))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await wait_for(pilot, QuestionScreen)
        while screen.session.current.type.value not in ("single", "judge"):
            await answer(pilot)
            await pilot.press("enter")
            await settle(pilot)
        rows = list(screen.query(OptionRow))
        await pilot.click(rows[1])
        await settle(pilot)
        assert screen.builder.chosen == [1]
        assert rows[1].has_class("-chosen")


async def test_the_key_bar_is_clickable(tmp_path: Path) -> None:
    from quiz.tui.screens.help import HelpScreen
    from quiz.tui.widgets.keybar import KeyBar

    app = make_app(make_services(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        home = await wait_for(pilot, HomeScreen)
        bar = home.query_one(KeyBar)
        start = next(s for s, _, key in bar._spans if key == "f1")
        await pilot.click(bar, offset=(start + 1, 0))
        await wait_for(pilot, HelpScreen)


async def test_one_day_of_study_is_one_day_in_english(tmp_path: Path) -> None:
    from quiz.store.opening import open_store
    from quiz.usecases.play import Run
    from tests.factories import bank, clock, right

    store = open_store(tmp_path / "quiz.db")
    run = Run.start(store, "小王", bank(), Mode.DAILY, clock(), seed=1)
    run.submit(right(run.session.current), 2.0)
    run.finish()
    store.close()
    app = make_app(make_services(tmp_path, lang="en"))
    async with app.run_test(size=(100, 30)) as pilot:
        home = await wait_for(pilot, HomeScreen)
        stats = str(home.query_one("#home-stats").render())
        assert "study streak 1 day ·" in stats
    from click.testing import CliRunner

    from quiz.cli.main import cli
    from tests.factories import START

    said = (
        CliRunner(env={"QUIZ_NOW": START.isoformat()})
        .invoke(cli, ["--lang", "en", "stats", "--db", str(tmp_path / "quiz.db"), "--user", "小王"])
        .stdout.splitlines()[0]
    )
    assert said.startswith("小王: 1 answer, 1 right,") and said.endswith("1 day (longest 1 day)")
