"""ContestRun: the one way a contest changes, saving each event as it happens (no screen)."""

from __future__ import annotations

from pathlib import Path

import pytest

from quiz.contest.engine import ContestPhase, ContestPlan, RoundKind, RoundPlan
from quiz.reports.runs import SessionKind
from quiz.store.opening import open_store
from quiz.usecases.contest_run import ContestRun, TooFewQuestions, contest_pool
from tests.factories import bank, clock

BUZZ = ContestPlan(("甲", "乙", "丙"), (RoundPlan(RoundKind.BUZZ, 1),))


def test_each_event_is_saved_as_it_happens_and_the_end_too(tmp_path: Path) -> None:
    store = open_store(tmp_path / "quiz.db")
    run = ContestRun.start(BUZZ, bank(30), "主持人", clock(), seed=1, store=store)
    assert run.session_id is not None
    assert run.buzz(0) is True  # 甲 before 请抢答: a foul
    assert [e.kind for e in store.contest_events(run.session_id)] == ["foul"]
    run.step()  # 请抢答
    assert run.buzz(2) is False  # 丙's valid buzz is no foul, though the last event was one
    run.judge(True)
    run.step()
    assert run.contest.phase is ContestPhase.FINISHED
    saved = store.contest_events(run.session_id)
    assert len(saved) == len(run.contest.events) and saved[-1].kind == "answer"
    [row] = store.sessions("主持人")
    assert (row.kind, row.status) == (SessionKind.CONTEST, "finished")
    assert run.results_csv().splitlines()[1].startswith("1,丙,")
    store.close()


def test_without_a_store_the_contest_is_hosted_all_the_same() -> None:
    run = ContestRun.start(BUZZ, bank(30), "主持人", clock(), seed=1)
    run.step()
    assert run.buzz(1) is False and run.contest.team == 1
    assert run.session_id is None


def test_the_pool_follows_the_plans_topics() -> None:
    questions = bank(30)  # sections S0, S1, S2
    plan = ContestPlan(BUZZ.teams, BUZZ.rounds, topics=("S1",))
    assert {q.section for q in contest_pool(questions, plan)} == {"S1"}
    with pytest.raises(TooFewQuestions):
        ContestRun.start(ContestPlan(BUZZ.teams, BUZZ.rounds, topics=("无",)), questions,
                         "主持人", clock())  # fmt: skip
