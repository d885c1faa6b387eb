"""竞赛: the contest rules, plans as YAML, and a whole 3-team contest played by keys."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from textual.pilot import Pilot

from quiz.bank.loader import load_bank
from quiz.contest.engine import Contest, ContestPhase, ContestPlan, RoundKind, RoundPlan
from quiz.contest.plan import load_plan, plan_text
from quiz.reports.runs import SessionKind
from quiz.tui.screens.contest import ContestScreen
from quiz.tui.screens.contest_dialogs import CorrectionScreen, ScoreboardScreen
from tests.conftest import BANK
from tests.factories import bank, clock
from tests.tui_support import make_app, make_services, settle, wait_for

PLAN = ContestPlan(("一队", "二队", "三队"), (RoundPlan(RoundKind.REQUIRED, 1),
                   RoundPlan(RoundKind.BUZZ, 2), RoundPlan(RoundKind.RISK, 1)))  # fmt: skip
SnapCompare = Callable[..., bool]


def test_contest_required_round_gives_each_team_its_question() -> None:
    contest = Contest(PLAN, bank(30), clock(), seed=1)
    assert contest.kind is RoundKind.REQUIRED and contest.phase is ContestPhase.ANSWERING
    for team, right in ((0, True), (1, False), (2, True)):
        assert contest.team == team
        contest.judge(right)
        contest.advance()
    assert contest.scores == [10, 0, 10]  # +10 right, no deduction
    assert contest.kind is RoundKind.BUZZ


def test_contest_buzz_round_foul_first_buzz_and_wrong_answers() -> None:
    contest = Contest(ContestPlan(PLAN.teams, (RoundPlan(RoundKind.BUZZ, 2),)), bank(30), clock())
    assert contest.phase is ContestPhase.SHOWN
    contest.buzz(1)  # before 请抢答: a foul
    assert contest.scores[1] == -10 and 1 in contest.excluded
    contest.open_buzzing()
    assert not contest.buzz(1)  # out of this question
    contest.buzz(0)
    contest.judge(False)  # -20, the others may still buzz
    assert contest.scores[0] == -20 and contest.phase is ContestPhase.BUZZING
    contest.buzz(2)
    contest.judge(True)
    assert contest.scores == [-20, -10, 20] and contest.phase is ContestPhase.REVEALED


def test_contest_risk_round_lowest_picks_first() -> None:
    plan = ContestPlan(PLAN.teams, (RoundPlan(RoundKind.REQUIRED, 1), RoundPlan(RoundKind.RISK, 1)))
    contest = Contest(plan, bank(30), clock())
    for right in (True, False, True):
        contest.judge(right)
        contest.advance()
    assert contest.phase is ContestPhase.PICK and contest.team == 1  # 0 points: lowest
    contest.pick(30)
    contest.judge(False)
    assert contest.scores[1] == -30


def test_contest_ties_are_broken_by_buzzer_questions() -> None:
    plan = ContestPlan(("甲", "乙"), (RoundPlan(RoundKind.REQUIRED, 1),))
    contest = Contest(plan, bank(30), clock())
    contest.judge(True)
    contest.advance()
    contest.judge(True)
    contest.advance()
    assert contest.kind is RoundKind.TIEBREAK and contest.phase is ContestPhase.SHOWN
    contest.open_buzzing()
    contest.buzz(1)
    contest.judge(True)
    contest.advance()
    assert contest.phase is ContestPhase.FINISHED
    assert contest.ranking() == [1, 0] and contest.scores == [10, 10]


def test_contest_corrections_need_a_reason_and_are_logged() -> None:
    contest = Contest(PLAN, bank(30), clock())
    contest.correct(2, 5, "")
    assert contest.scores[2] == 0
    contest.correct(2, 5, "计时器故障补分")
    assert contest.scores[2] == 5 and contest.events[-1].reason == "计时器故障补分"


def test_contest_setup_fields_make_a_plan() -> None:
    from quiz.contest.plan import parse_setup

    plan = parse_setup("红队，蓝队, 绿队", "required:2 buzz:4", "15/25", "一领·强化理论武装, 数字")
    rounds = (RoundPlan(RoundKind.REQUIRED, 2), RoundPlan(RoundKind.BUZZ, 4))
    topics = ("一领·强化理论武装", "数字")
    assert plan == ContestPlan(("红队", "蓝队", "绿队"), rounds, 15, 25, topics)
    assert parse_setup("独队", "buzz:1") is None
    assert parse_setup("甲,乙", "buzz:1", "1/20") is None
    assert parse_setup("甲,乙", "karaoke:1") is None


def test_contest_plan_round_trip_and_errors(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(plan_text(PLAN), encoding="utf-8")
    plan, errors = load_plan(path)
    assert errors == [] and plan == PLAN
    path.write_text("teams: [一队]\nrounds:\n  - {kind: karaoke}\nbuzz_secs: 5\n", "utf-8")
    plan, errors = load_plan(path)
    assert plan is None
    assert sorted(e.code for e in errors) == ["bank.unknown_key", "contest.round", "contest.teams"]
    assert all(e.line > 0 for e in errors)


async def test_contest_whole_three_team_contest_by_keys(tmp_path: Path) -> None:
    services = make_services(tmp_path, lang="en")
    app = make_app(services)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.host_contest(PLAN, seed=3)
        screen = await wait_for(pilot, ContestScreen)
        contest = screen.contest
        # 必答题: each team answers its own question
        for key in ("y", "n", "y"):
            await pilot.press(key)
            await pilot.press("space")
        assert contest.scores == [10, 0, 10]
        # 抢答题 1: team 2 buzzes too early (a foul), then team 1 buzzes and is right
        await pilot.press("2")
        await pilot.press("space", "1", "y", "space")
        # 抢答题 2: team 3 buzzes and is wrong, team 2 buzzes and is right
        await pilot.press("space", "3", "n", "2", "y", "space")
        assert contest.scores == [30, 10, -10]
        # a correction, with its reason
        await pilot.press("c")
        await wait_for(pilot, CorrectionScreen)
        await pilot.press("3", "tab", *"15", "tab", *"judge", "enter")
        await settle(pilot)
        assert contest.scores[2] == 5
        # 风险题: the lowest team picks first
        assert contest.phase is ContestPhase.PICK and contest.team == 2
        for value_key, verdict in (("3", "y"), ("1", "n"), ("2", "y")):
            await pilot.press(value_key, verdict, "space")
        final = await wait_for(pilot, ScoreboardScreen)
        assert final.final
        services.saving.recorder.drain()
        assert services.saving.store is not None
        [row] = services.saving.store.sessions("小王")
        assert (row.kind, row.mode, row.status) == (SessionKind.CONTEST, None, "finished")
        table = services.saving.store.contest_standings(row.id)
        assert [r.team for r in table] == [contest.plan.teams[i] for i in contest.ranking()]
        assert [r.score for r in table] == sorted(contest.scores, reverse=True)
        events = services.saving.store.contest_events(row.id)
        kinds = [e.kind for e in events]
        assert kinds.count("foul") == 1 and kinds.count("correction") == 1
        assert next(e for e in events if e.kind == "correction").reason == "judge"
        assert sum(e.points for e in events) == sum(contest.scores)
        app.contest_csv = tmp_path / "results.csv"
        await pilot.press("e")  # export the results
        await settle(pilot)
        lines = app.contest_csv.read_text(encoding="utf-8").splitlines()
        assert lines[0] == "rank,team,score,right,wrong,fouls,corrections,tiebreak"
        assert len(lines) == 4 and lines[1].startswith("1,")


def test_contest_snapshot_scoreboard(snap_compare: SnapCompare, tmp_path: Path) -> None:
    app = make_app(make_services(tmp_path, lang="zh"))

    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        teams = tuple(f"第{n}队" for n in range(1, 7))
        app.host_contest(ContestPlan(teams, PLAN.rounds), seed=2)
        screen = await wait_for(pilot, ContestScreen)
        for key in ("y", "n", "y", "y", "n", "y"):
            await pilot.press(key, "space")
        assert screen.contest.kind is RoundKind.BUZZ
        await pilot.press("s")
        await settle(pilot)

    assert snap_compare(app, terminal_size=(120, 40), run_before=run_before)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_contest_snapshot_question(snap_compare: SnapCompare, tmp_path: Path, lang: str) -> None:
    app = make_app(make_services(tmp_path, lang=lang))

    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        app.host_contest(PLAN, seed=4)
        await wait_for(pilot, ContestScreen)
        await pilot.press("y", "space", "n", "space", "y", "space")  # into the buzz round
        await settle(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_contest_cli_bad_plan_is_a_clear_error(tmp_path: Path) -> None:
    from quiz.cli.main import cli

    plan = tmp_path / "plan.yaml"
    plan.write_text("teams: 一队\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["--lang", "en", "contest", "--plan", str(plan)])
    assert result.exit_code == 1 and "plan.yaml:1" in result.output
    assert "Traceback" not in result.output
    assert load_bank([BANK]).questions  # the bank itself is fine
    assert json.dumps(plan_text(PLAN), ensure_ascii=False)


async def test_contest_events_show_in_the_session_detail(tmp_path: Path) -> None:
    from quiz.tui.screens.history import HistoryScreen
    from quiz.tui.screens.home import HomeScreen
    from quiz.tui.screens.session import SessionScreen

    services = make_services(tmp_path, lang="en")
    app = make_app(services)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.host_contest(ContestPlan(("甲", "乙"), (RoundPlan(RoundKind.BUZZ, 1),)), seed=1)
        await wait_for(pilot, ContestScreen)
        await pilot.press("1", "space", "2", "y", "space")
        await wait_for(pilot, ScoreboardScreen)
        services.saving.recorder.drain()
        await pilot.press("escape")
        await wait_for(pilot, HomeScreen)
        await pilot.press("h")
        await wait_for(pilot, HistoryScreen)
        await settle(pilot)
        await pilot.press("enter")
        detail = await wait_for(pilot, SessionScreen)
        await settle(pilot)
        shown = " ".join(str(w.render()) for w in detail.query("WrapText"))
        assert "foul -10" in shown and "answer +20" in shown
