"""A member's papers on home (待完成的试卷): listed with their closing time, taken from there as a
sealed exam over the paper's questions, gone from the list once every attempt is used; a paper
closed in the meantime is refused with a message."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest

from quiz.org.papers import PaperSpec
from quiz.store.opening import open_store
from quiz.system.clock import FixedClock
from quiz.tui.screens.confirm import ConfirmScreen
from quiz.tui.screens.home import HomeScreen
from quiz.tui.screens.question import QuestionScreen
from quiz.tui.screens.results import ResultsScreen
from quiz.usecases.roster_import import import_roster
from tests.factories import START, bank
from tests.tui_support import answer, make_app, make_services, notices, settle, wait_for

UNIT = "武汉大学/计算机学院/一支部"


def set_paper(db: Path, *, attempts: int = 1, title: str = "第一周测验") -> int:
    """小王 on the roster, and a paper of four questions for his unit, open now."""
    store = open_store(db)
    import_roster(store, f"小王,{UNIT}\n".encode(), START)
    spec = PaperSpec(title=title, questions=tuple(bank(8)[:4]), units=("武汉大学/计算机学院",),
                     opens=START - timedelta(days=1), closes=START + timedelta(hours=2),
                     minutes=20, attempts=attempts)  # fmt: skip
    paper = store.publish_paper(spec, "组织者", START)
    store.close()
    return paper


def shown(screen: HomeScreen) -> str:
    from textual.widgets import OptionList

    papers = screen.query_one("#home-papers", OptionList)
    if not papers.display:
        return ""
    return "\n".join(str(papers.get_option_at_index(i).prompt) for i in range(papers.option_count))


async def test_a_paper_is_taken_from_home_and_leaves_the_list(tmp_path: Path) -> None:
    paper = set_paper(tmp_path / "quiz.db")
    services = make_services(tmp_path)
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        home = await wait_for(pilot, HomeScreen)
        await settle(pilot)
        assert "第一周测验" in shown(home) and "11-28 11:00 截止" in shown(home)
        assert "还可作答 1 次" in shown(home)
        await pilot.press("p")
        await pilot.press("enter")
        screen = await wait_for(pilot, QuestionScreen)
        run = screen.run
        assert [q.id for q in run.session.asked] == [q.id for q in bank(8)[:4]]
        assert run.session.rules.sealed and run.session.deadline == START + timedelta(minutes=20)
        await answer(pilot)
        await pilot.press("ctrl+s")
        await wait_for(pilot, ConfirmScreen)
        await pilot.press("y")
        await wait_for(pilot, ResultsScreen)
        await pilot.press("escape")
        home = await wait_for(pilot, HomeScreen)
        await settle(pilot)
        assert shown(home) == ""  # its one attempt is used
    store = open_store(tmp_path / "quiz.db")
    [attempt] = store.paper_attempt_rows(paper)
    assert (attempt.name, attempt.attempt, attempt.correct) == ("小王", 1, 1)
    assert attempt.finished_at is not None
    store.close()


async def test_a_paper_closed_meanwhile_is_refused_with_a_message(tmp_path: Path) -> None:
    set_paper(tmp_path / "quiz.db")
    services = make_services(tmp_path)
    the_clock = services.clock
    assert isinstance(the_clock, FixedClock)
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        home = await wait_for(pilot, HomeScreen)
        await settle(pilot)
        assert shown(home)
        the_clock.advance(3 * 3600)  # past its closing time, the list not yet read again
        await pilot.press("p")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert any("已于" in told and "截止" in told for told in notices(app))


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_home_with_papers_snapshot(
    snap_compare: Callable[..., bool], tmp_path: Path, lang: str, size: tuple[int, int]
) -> None:
    set_paper(tmp_path / "quiz.db", attempts=2)
    store = open_store(tmp_path / "quiz.db")
    spec = PaperSpec(title="党史专题·第二期（开卷）", questions=tuple(bank(8)[4:]),
                     units=(UNIT,), opens=START - timedelta(hours=1),
                     closes=START + timedelta(days=3))  # fmt: skip
    store.publish_paper(spec, "组织者", START)
    store.close()
    app = make_app(make_services(tmp_path, lang=lang))
    assert snap_compare(app, terminal_size=size, run_before=settle)


async def test_the_timer_spans_the_attempt_up_to_the_closing_time(tmp_path: Path) -> None:
    """No time limit: the attempt's timer runs to the paper's closing time (two hours away),
    shown in hours, full at the start."""
    store = open_store(tmp_path / "quiz.db")
    import_roster(store, f"小王,{UNIT}\n".encode(), START)
    day_before, two_hours = START - timedelta(days=1), START + timedelta(hours=2)
    spec = PaperSpec(title="无限时", questions=tuple(bank(8)[:2]), units=(UNIT,),
                     opens=day_before, closes=two_hours)  # fmt: skip
    store.publish_paper(spec, "组织者", START)
    store.close()
    from quiz.tui.widgets.timer import TimerBar

    app = make_app(make_services(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, HomeScreen)
        await settle(pilot)
        await pilot.press("p", "enter")
        screen = await wait_for(pilot, QuestionScreen)
        screen.tick()
        timer = screen.query_one(TimerBar)
        assert timer.limit == 7200 and timer.remaining == 7200
        assert str(timer.render()).endswith(" 2:00:00") and "░" not in str(timer.render())
