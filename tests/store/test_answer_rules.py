"""The rules of recording an answer, stated once and run on both backends: SQLite records an
answer with statements (quiz.store.rollups), PostgreSQL with one server-side function
(quiz_record_answer, postgres/sql/functions.sql). Whatever either does, these hold."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import timedelta

import pytest

from quiz.engine.modes import Mode
from quiz.engine.session import Answer, Totals
from quiz.store.opening import open_store
from quiz.store.protocol import Store
from quiz.system.clock import FixedClock
from quiz.usecases.play import Run
from tests.factories import START, bank, right, wrong

USER = "小王"


@pytest.fixture
def run(store_location: str) -> Iterator[tuple[Store, Run]]:
    store = open_store(store_location)
    yield store, Run.start(store, USER, bank(), Mode.DAILY, FixedClock(START), seed=1)
    store.close()


def first_answer(run: Run, correct: bool) -> tuple[int, Answer, Totals]:
    assert run.session_id is not None
    question = run.session.current
    answer = run.session.submit(right(question) if correct else wrong(question), 2.0)
    return run.session_id, answer, run.session.totals()


def test_an_answer_sent_again_with_its_key_is_stored_once(run: tuple[Store, Run]) -> None:
    store, played = run
    session_id, answer, totals = first_answer(played, correct=True)
    for _ in range(3):
        store.record_answer(session_id, USER, answer, totals, key="k1")
    assert len(store.answers(session_id)) == 1
    [day] = store.day_totals(USER)
    assert (day.answers, day.correct) == (1, 1)


def test_an_answer_at_a_taken_position_replaces_the_first_in_every_total(
    run: tuple[Store, Run],
) -> None:
    """An exam answer changed before hand-in: the later answer counts, the first leaves the
    day's totals, the question's and the session's."""
    store, played = run
    session_id, answer, totals = first_answer(played, correct=True)
    store.record_answer(session_id, USER, answer, totals)
    changed = dataclasses.replace(answer, given=wrong(answer.question), correct=False, score=0)
    store.record_answer(session_id, USER, changed, dataclasses.replace(totals, correct=0))
    [stored] = store.answers(session_id)
    assert stored.correct is False
    [day] = store.day_totals(USER)
    assert (day.answers, day.correct) == (1, 0)
    [question] = [q for q in store.question_totals(USER) if q.question_id == answer.question.id]
    assert (question.answers, question.correct) == (1, 0)
    row = store.session(session_id)
    assert row is not None and (row.correct, row.total) == (0, totals.total)


def test_the_first_attempt_at_a_question_stays_the_first(run: tuple[Store, Run]) -> None:
    """Item analysis reads each player's first attempt: a later answer to the same question
    (another run, another day) never replaces it."""
    store, played = run
    session_id, answer, totals = first_answer(played, correct=False)
    store.record_answer(session_id, USER, answer, totals)
    later = Run.start(store, USER, bank(), Mode.DAILY, FixedClock(START + timedelta(days=1)),
                      seed=1)  # fmt: skip
    assert later.session_id is not None
    again = dataclasses.replace(
        answer, given=right(answer.question), correct=True,
        answered_at=answer.answered_at + timedelta(days=1),
    )  # fmt: skip
    store.record_answer(later.session_id, USER, again, totals)
    attempts, _info = store.first_attempts()
    mine = [a for a in attempts if a.question_id == answer.question.id]
    assert [a.correct for a in mine] == [False]


def test_answers_on_two_days_count_on_their_own_days(run: tuple[Store, Run]) -> None:
    store, played = run
    session_id, answer, totals = first_answer(played, correct=True)
    store.record_answer(session_id, USER, answer, totals)
    next_day = dataclasses.replace(
        answer, position=answer.position + 1, answered_at=answer.answered_at + timedelta(days=1)
    )
    store.record_answer(session_id, USER, next_day, totals)
    days = store.day_totals(USER)
    assert [(d.day, d.answers, d.correct) for d in days] == [
        (answer.answered_at.date(), 1, 1),
        (next_day.answered_at.date(), 1, 1),
    ]


def sealed_run(store: Store, mode: Mode) -> tuple[Run, list[Answer]]:
    """A sealed run (专项答题, 模拟考试) with two answers, one right and one wrong."""
    played = Run.start(store, USER, bank(), mode, FixedClock(START), seed=2)
    answers = []
    for correct in (True, False):
        question = played.session.current
        answers.append(played.session.submit(right(question) if correct else wrong(question), 3.0))
        assert played.session_id is not None
        store.record_answer(played.session_id, USER, answers[-1], played.session.totals())
    return played, answers


@pytest.mark.parametrize("mode", [Mode.EXAM])
def test_a_sealed_run_counts_nowhere_until_it_is_handed_in(store_location: str, mode: Mode) -> None:
    """Until hand-in nothing that depends on correctness changes: day totals, question totals,
    first attempts (item analysis) and the mistake book stay as they were; at hand-in every
    answer counts, once."""
    store = open_store(store_location)
    played, answers = sealed_run(store, mode)
    assert played.session_id is not None
    assert store.day_totals(USER) == []
    assert store.question_totals(USER) == []
    assert store.first_attempts()[0] == []
    assert store.mistake_book(USER) == {}
    store.finish_session(played.session_id, START + timedelta(minutes=5),
                         played.session.totals(), 0)  # fmt: skip
    [day] = store.day_totals(USER)
    assert (day.answers, day.correct) == (2, 1)
    assert len(store.first_attempts()[0]) == 2
    assert list(store.mistake_book(USER)) == [answers[1].question.id]
    store.close()


def test_a_handed_in_run_is_final(run: tuple[Store, Run]) -> None:
    """An answer sent for a session that is handed in changes nothing."""
    store, played = run
    session_id, answer, totals = first_answer(played, correct=False)
    store.record_answer(session_id, USER, answer, totals)
    store.finish_session(session_id, START + timedelta(minutes=1), totals, 0)
    corrected = dataclasses.replace(answer, given=right(answer.question), correct=True)
    store.record_answer(session_id, USER, corrected, dataclasses.replace(totals, correct=1))
    [stored] = store.answers(session_id)
    assert stored.correct is False
    [day] = store.day_totals(USER)
    assert (day.answers, day.correct) == (1, 0)
    row = store.session(session_id)
    assert row is not None and row.correct == 0
