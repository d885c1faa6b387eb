"""A new mode needs only a line in the rules table (and, for a new way of choosing questions,
one pool function): it is added here, at run time, and played through selection, the session,
points and a saved run, none of which is changed for it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from enum import Enum
from pathlib import Path
from typing import TypeVar

import pytest

from quiz.engine import selection
from quiz.engine.modes import RULES, Mode, Pool, Rules, Scoring
from quiz.engine.points import DayTally, earned, points_left
from quiz.engine.selection import Ask, plan
from quiz.engine.session import Phase, Session
from quiz.store.opening import open_store
from quiz.usecases.play import Run
from tests.factories import bank, clock, right, wrong

E = TypeVar("E", bound=Enum)


def new_member(kind: type[E], name: str, value: str, monkeypatch: pytest.MonkeyPatch) -> E:
    """A member added to an enum as a new line in its class would add it (test-only: the enum
    machinery has no public way to extend a class)."""
    member = str.__new__(kind, value)  # type: ignore[type-var]
    member._name_, member._value_ = name, value
    monkeypatch.setitem(kind._value2member_map_, value, member)
    monkeypatch.setitem(kind._member_map_, name, member)
    return member


def first_questions(ask: Ask) -> tuple[list, str]:  # type: ignore[type-arg]
    """The new mode's one selection function: the bank in id order."""
    return list(ask.pool), "从头开始"


SPRINT_RULES_ARGS = {"count": 3, "feedback": True, "daily_cap": 2, "ends_on_wrong": True,
                     "scoring": Scoring.CORRECT}  # fmt: skip


@pytest.fixture
def sprint(monkeypatch: pytest.MonkeyPatch) -> Iterator[Mode]:
    pool = new_member(Pool, "FIRST", "first", monkeypatch)
    monkeypatch.setitem(selection.POOLS, pool, first_questions)
    mode = new_member(Mode, "SPRINT", "sprint", monkeypatch)
    monkeypatch.setitem(RULES, mode, Rules(pool=pool, **SPRINT_RULES_ARGS))  # type: ignore[arg-type]
    yield mode


def test_the_new_mode_is_chosen_played_and_scored(sprint: Mode) -> None:
    questions = bank(12)
    the_plan = plan(sprint, questions, user="u", today=date(2026, 11, 28), seed=1)
    assert [q.id for q in the_plan.questions] == ["q-000", "q-001", "q-002"]
    assert the_plan.label == "从头开始"
    session = Session(the_plan, clock())
    session.submit(right(session.current), 2.0)
    session.proceed()
    session.submit(wrong(session.current), 2.0)
    session.proceed()  # ends_on_wrong: the run is over after the first wrong answer
    assert session.phase is Phase.FINISHED and session.correct_count == 1
    assert not session.can_revive and session.passed is None and session.won is None
    assert earned(sprint, correct=3, won=None, today=DayTally()) == 2  # the daily cap
    assert points_left(DayTally())[sprint] == 2


def test_the_new_mode_is_saved_and_resumed(sprint: Mode, tmp_path: Path) -> None:
    store = open_store(tmp_path / "quiz.db")
    run = Run.start(store, "u", bank(12), sprint, clock(), seed=3)
    run.submit(right(run.session.current), 1.0)
    run.session.proceed()
    [row] = store.resumable("u")
    assert row.mode is sprint
    again = Run.resume(store, row, bank(12), clock())
    assert again.session.position == 1 and len(again.session.answers) == 1
    again.submit(right(again.session.current), 1.0)
    again.session.proceed()
    again.submit(right(again.session.current), 1.0)
    again.session.proceed()
    assert again.session.phase is Phase.FINISHED
    assert again.finish().points == 2
    store.close()
