"""The store: answers committed at once, runs resumable, history independent of the bank."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest

from quiz.engine.modes import Mode
from quiz.engine.session import Phase
from quiz.store.errors import StoreError
from quiz.store.opening import open_store
from quiz.store.protocol import Store
from quiz.store.sql import SCHEMA_VERSION
from quiz.usecases.play import Run
from quiz.usecases.review import study_streak
from tests.factories import START, bank, clock, right, wrong


def play_daily(store: Store, user: str = "小王", ok: int = 5) -> Run:
    run = Run.start(store, user, bank(), Mode.DAILY, clock(), seed=1)
    for i in range(5):
        q = run.session.current
        run.submit(right(q) if i < ok else wrong(q), 4.5)
        run.session.proceed()
    run.finish()
    return run


def test_schema_is_versioned_and_wal(tmp_path: Path) -> None:
    open_store(tmp_path / "quiz.db").close()
    conn = sqlite3.connect(tmp_path / "quiz.db")
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_each_answer_is_committed_at_once(store: Store, store_location: str) -> None:
    run = Run.start(store, "小王", bank(), Mode.DAILY, clock(), seed=1)
    run.submit(right(run.session.current), 3.25)
    other = open_store(store_location)  # another process's view
    [row] = other.sessions("小王")
    assert row.status == "unfinished" and row.total == 1
    [saved] = other.answers(row.id)
    assert (saved.question_id, saved.given, saved.correct, saved.seconds) == (
        run.session.current.id,
        right(run.session.current),
        True,
        3.25,
    )
    other.close()


def test_finished_session_totals_and_points(store: Store) -> None:
    run = play_daily(store, ok=4)
    [row] = store.sessions("小王")
    assert (row.status, row.correct, row.total, row.score, row.points) == ("finished", 4, 5, 4, 4)
    assert [a.correct for a in store.answers(row.id)] == [True] * 4 + [False]
    assert run.outcome is not None and run.outcome.points == 4
    again = play_daily(store, ok=5)
    assert again.outcome is not None and again.outcome.points == 0  # only the first run scores
    assert again.outcome.best_before == 4
    assert store.day_tally("小王", START.date()).points[Mode.DAILY] == 4


def test_unfinished_session_resumes_where_it_stopped(store: Store) -> None:
    run = Run.start(store, "小王", bank(), Mode.DAILY, clock(), seed=1)
    first, second = run.session.current, None
    run.submit(right(first), 2)
    run.session.proceed()
    second = run.session.current
    run.submit(wrong(second), 2)
    [row] = store.resumable("小王")
    resumed = Run.resume(store, row, bank(), clock())
    s = resumed.session
    assert s.phase is Phase.ASKING and s.position == 2
    assert [a.question.id for _, a in sorted(s.answers.items())] == [first.id, second.id]
    while s.phase is not Phase.FINISHED:
        resumed.submit(right(s.current), 1)
        s.proceed()
    resumed.finish()
    assert store.resumable("小王") == []
    finished = store.session(row.id)
    assert finished is not None and (finished.correct, finished.total) == (4, 5)


def test_challenge_resume_keeps_the_revive_choice(store: Store) -> None:
    run = Run.start(store, "小王", bank(), Mode.CHALLENGE, clock(), seed=9)
    run.submit(right(run.session.current), 1)
    run.session.proceed()
    run.submit(wrong(run.session.current), 1)
    [row] = store.resumable("小王")
    resumed = Run.resume(store, row, bank(), clock())
    assert resumed.session.phase is Phase.FEEDBACK and resumed.session.can_revive


def test_dropped_session_is_not_offered_but_kept(store: Store) -> None:
    run = Run.start(store, "小王", bank(), Mode.DAILY, clock(), seed=1)
    run.submit(right(run.session.current), 2)
    assert run.session_id is not None
    store.drop_session(run.session_id)
    assert store.resumable("小王") == []
    assert len(store.answers(run.session_id)) == 1


def test_history_survives_bank_edits(store: Store) -> None:
    run = play_daily(store)
    assert run.session_id is not None
    asked = store.answers(run.session_id)[0]
    edited = [q._replace(prompt="改过的题干", explanation="新解析") for q in bank()]
    play = Run.start(store, "小王", edited, Mode.DAILY, clock(), seed=1)
    play.submit(right(play.session.current), 1)
    again = store.answers(run.session_id)[0]
    assert again.prompt == asked.prompt != "改过的题干"
    assert again.explanation == asked.explanation != "新解析"


def test_mistake_book_and_leaving_it(store: Store) -> None:
    play_daily(store, ok=3)  # the last two answers are wrong
    book = store.mistake_book("小王")
    assert len(book) == 2 and set(book.values()) == {0}
    run = Run.start(store, "小王", bank(), Mode.MISTAKES, clock(), seed=2)
    s = run.session
    while s.phase is not Phase.FINISHED:
        run.submit(right(s.current), 1)
        s.proceed()
    assert len(s.answers) == 4  # each book question right twice in a row
    assert store.mistake_book("小王") == {}


def test_study_streak_counts_days_in_a_row(store: Store) -> None:
    for offset in (0, 1, 2, 4):
        run = Run.start(store, "小王", bank(), Mode.DAILY, clock(START - timedelta(days=offset)))
        run.submit(right(run.session.current), 1)
    today = START.date()
    assert study_streak(store, "小王", today) == 3
    assert study_streak(store, "小王", today + timedelta(days=1)) == 3  # today is not over yet
    assert study_streak(store, "小王", today + timedelta(days=2)) == 0
    assert study_streak(store, "没人", date(2026, 1, 1)) == 0


def test_best_challenge_streak(store: Store) -> None:
    run = Run.start(store, "小王", bank(), Mode.CHALLENGE, clock(), seed=4)
    for _ in range(6):
        run.submit(right(run.session.current), 1)
        run.session.proceed()
    run.submit(wrong(run.session.current), 1)
    run.session.proceed()
    outcome = run.finish()
    assert outcome.points == 3
    assert store.best_streak("小王") == 6


def test_not_a_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(b"this is not sqlite at all" * 100)
    before = path.read_bytes()
    with pytest.raises(StoreError) as caught:
        open_store(path)
    assert caught.value.code == "store.not_a_database"
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.db"]


def test_newer_schema_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StoreError) as caught:
        open_store(path)
    assert caught.value.code == "store.newer_schema"
    assert path.read_bytes() == before


def test_someone_elses_sqlite_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE photos(id INTEGER)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError) as caught:
        open_store(path)
    assert caught.value.code == "store.foreign_database"


def test_play_without_a_store_still_works() -> None:
    run = Run.start(None, "小王", bank(), Mode.DAILY, clock(), seed=1)
    run.submit(right(run.session.current), 1)
    assert run.session_id is None and run.session.correct_count == 1
