"""Spaced repetition (FSRS) with an injected clock: ratings, due dates, persistence, selection."""

from __future__ import annotations

import itertools
import json
from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from fsrs import Rating

from quiz.bank.models import QuestionType as QT
from quiz.cli.main import cli
from quiz.engine.modes import Mode
from quiz.engine.selection import NothingToAsk
from quiz.engine.study import rating_for
from quiz.store.opening import open_store
from quiz.store.protocol import Store
from quiz.usecases.play import Run
from quiz.usecases.review import study_overview
from tests.factories import START, bank, clock, question, right, wrong


def test_ratings_come_from_the_answer() -> None:
    assert rating_for(QT.SINGLE, False, 3) is Rating.Again
    assert rating_for(QT.SINGLE, True, 3) is Rating.Easy
    assert rating_for(QT.SINGLE, True, 10) is Rating.Good
    assert rating_for(QT.SINGLE, True, 30) is Rating.Hard
    assert rating_for(QT.ORDER, True, 30) is Rating.Good  # ordering takes longer: not slow yet
    assert rating_for(QT.JUDGE, True, 13) is Rating.Hard


def test_study_right_answer_pushes_the_due_date_out(store: Store) -> None:
    q = question("s1")
    first = store.record_review("小王", q, True, 8, START)
    assert first > START  # learning step
    later = START + timedelta(hours=1)
    second = store.record_review("小王", q, True, 8, later)
    assert second - later >= timedelta(days=1)


def test_study_wrong_answer_brings_it_back_within_the_day(store: Store) -> None:
    q = question("s1")
    moment = START
    for _ in range(3):  # learned well: due days away
        due = store.record_review("小王", q, True, 3, moment)
        moment = due
    assert due - moment >= timedelta(days=0)
    lapse = store.record_review("小王", q, False, 3, moment)
    assert lapse - moment < timedelta(hours=24)


def test_study_state_survives_a_restart(store_location: str) -> None:
    first = open_store(store_location)
    due = first.record_review("小王", question("s1"), True, 8, START)
    first.close()
    again = open_store(store_location)
    assert again.due_ids("小王", due) == ["s1"]
    assert again.due_ids("小王", START) == []
    again.close()


def test_study_plan_puts_due_reviews_first_then_new_up_to_ten(store: Store) -> None:
    questions = bank(30)
    store.record_review("小王", questions[20], True, 8, START - timedelta(days=3))
    run = Run.start(store, "小王", questions, Mode.STUDY, clock(), seed=1)
    ids = [q.id for q in run.session.plan.questions]
    assert ids[0] == questions[20].id  # due (its learning step has passed)
    assert len(ids) == 1 + 10  # then ten new ones
    assert questions[20].id not in ids[1:]


def test_study_new_allowance_is_spent_through_the_day(store: Store) -> None:
    questions = bank(30)
    run = Run.start(store, "小王", questions, Mode.STUDY, clock(), seed=1)
    for _ in range(10):
        run.submit(right(run.session.current), 8)
        run.session.proceed()
    run.finish()
    assert store.new_started("小王", START.date()) == 10
    later = clock(START + timedelta(hours=3))
    rerun = Run.start(store, "小王", questions, Mode.STUDY, later, seed=2)
    assert all(q.id in store.carded_ids("小王") for q in rerun.session.plan.questions)


def test_nothing_to_study(store: Store) -> None:
    questions = bank(3)
    run = Run.start(store, "小王", questions, Mode.STUDY, clock(), seed=1)
    for _ in range(3):
        run.submit(right(run.session.current), 3)
        run.session.proceed()
    with pytest.raises(NothingToAsk):
        Run.start(store, "小王", questions, Mode.STUDY, clock(START + timedelta(minutes=1)))


def test_study_overview_and_stats_json(store_location: str) -> None:
    db = store_location
    store = open_store(db)
    questions = bank(30)
    run = Run.start(store, "小王", questions, Mode.STUDY, clock(), seed=1)
    for index in range(10):
        q = run.session.current
        run.submit(right(q) if index % 5 else wrong(q), 8)
        run.session.proceed()
    run.finish()
    overview = study_overview(store, "小王", START, unseen=20)
    assert overview.new_today == 0
    assert len(store.carded_ids("小王")) == 10
    assert overview.due_today >= 2  # the two wrong answers come back within the day
    assert overview.due_today == overview.reviews_next_7_days[0]
    assert 2 <= sum(overview.reviews_next_7_days) <= 10  # Easy ones may be due later
    assert overview.retention is None  # nothing learned has been reviewed yet
    store.close()
    env = {"QUIZ_NOW": START.isoformat()}
    result = CliRunner().invoke(
        cli, ["stats", "--db", str(db), "--user", "小王", "--json"], env=env
    )
    study = json.loads(result.stdout)["study"]
    assert set(study) == {"due_today", "new_today", "reviews_next_7_days", "retention"}
    assert study["reviews_next_7_days"] == overview.reviews_next_7_days


def test_retention_counts_reviews_of_learned_cards(store: Store) -> None:
    q1, q2 = question("r1"), question("r2")
    moment = START
    for q in (q1, q2):
        due = store.record_review("小王", q, True, 3, moment)
        due = store.record_review("小王", q, True, 3, due)
    store.record_review("小王", q1, True, 3, due + timedelta(days=30))
    store.record_review("小王", q2, False, 3, due + timedelta(days=30))
    overview = study_overview(store, "小王", due + timedelta(days=31), unseen=0)
    # Easy on a new card makes it learned at once: reviews of learned cards are both second
    # answers (right) and the two answers 30 days on (one right, one wrong): 3 of 4 recalled.
    assert overview.retention == 0.75


def test_new_cards_take_turns_between_sections_and_sentences(tmp_path: Path) -> None:
    """13.6: in id order six new cards in a row quoted one sentence, each giving the next one's
    answer away; now consecutive cards come from different sections, and a day's new cards
    from different sentences."""
    from tests.tui_support import make_services

    services = make_services(tmp_path)
    services.load()
    library = services.library
    run = Run.start(services.saving.store, "小王", library.questions, Mode.STUDY, services.clock,
                    seed=1, sentence_of=library.sentence_of)  # fmt: skip
    fresh = list(run.session.plan.questions)
    assert len(fresh) == 10
    sections = [q.section for q in fresh]
    assert all(a != b for a, b in itertools.pairwise(sections))
    sentences = [services.library.sentence_of(q) for q in fresh]
    assert None not in sentences and len(set(sentences)) == len(sentences)
    services.close()
