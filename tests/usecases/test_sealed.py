"""Sealed means sealed: until an unfinished 模拟考试 or 专项答题 is handed in, nothing that depends
on correctness is shown anywhere — the history (table, TSV, --json), a session's detail in the
TUI, statistics — and once handed in, everything is."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

from quiz.engine.modes import Mode
from quiz.reports.history import SessionFilter
from quiz.store.opening import open_store
from quiz.system.clock import FixedClock
from quiz.usecases.play import Run
from quiz.usecases.review import history, session_detail
from tests.conftest import BANK, REPO
from tests.factories import START, bank, right, wrong

USER = "小王"


def half_an_exam(db: Path) -> int:
    """An exam with a right and a wrong answer, not handed in."""
    store = open_store(db)
    played = Run.start(store, USER, bank(), Mode.EXAM, FixedClock(START), seed=3)
    assert played.session_id is not None
    for correct in (True, False):
        question = played.session.current
        answer = played.session.submit(right(question) if correct else wrong(question), 2.0)
        store.record_answer(played.session_id, USER, answer, played.session.totals())
    store.close()
    return played.session_id


def hand_in(db: Path, session_id: int) -> None:
    store = open_store(db)
    row = store.session(session_id)
    assert row is not None
    from quiz.engine.session import Totals

    store.finish_session(session_id, START + timedelta(minutes=9),
                         Totals(row.correct, row.total, row.score, 0, 60.0, False), 0)  # fmt: skip
    store.close()


def test_the_read_side_withholds_what_depends_on_correctness(tmp_path: Path) -> None:
    db = tmp_path / "quiz.db"
    session_id = half_an_exam(db)
    store = open_store(db)
    [row] = history(store, USER, SessionFilter()).rows
    assert row.sealed and (row.correct, row.score) == (0, 0)
    detail = session_detail(store, session_id)
    assert detail is not None and detail.row.sealed
    assert all(a.sealed and not a.right_answer and not a.explanation for a in detail.answers)
    assert [a.given for a in detail.answers] != []  # what was given is the player's own
    store.close()
    hand_in(db, session_id)
    store = open_store(db)
    detail = session_detail(store, session_id)
    assert detail is not None and not detail.row.sealed
    assert [a.correct for a in detail.answers] == [True, False]
    assert all(a.right_answer for a in detail.answers)
    store.close()


def quiz(db: Path, *args: str) -> str:
    env = {**os.environ, "QUIZ_DB": str(db), "QUIZ_USER": USER, "QUIZ_LANG": "en",
           "QUIZ_BANK": str(BANK), "PYTHONPATH": str(REPO)}  # fmt: skip
    return subprocess.run([sys.executable, "-m", "quiz", *args], env=env, capture_output=True,
                          text=True, check=True).stdout  # fmt: skip


def test_the_command_line_history_withholds_it_too(tmp_path: Path) -> None:
    db = tmp_path / "quiz.db"
    session_id = half_an_exam(db)
    [session] = json.loads(quiz(db, "history", "--json"))["sessions"]
    assert session["sealed"] is True
    assert session["correct"] is None and session["score"] is None
    assert [a["correct"] for a in session["answers"]] == [None, None]
    table = quiz(db, "history", "--csv")
    assert table.splitlines()[1].split(",")[6] == ""  # correct
    assert "—" in quiz(db, "history")
    stats = json.loads(quiz(db, "stats", "--json"))
    assert stats["answers"] == 0  # counted once handed in
    hand_in(db, session_id)
    [session] = json.loads(quiz(db, "history", "--json"))["sessions"]
    assert session["sealed"] is False and session["correct"] == 1
    assert [a["correct"] for a in session["answers"]] == [True, False]
    assert json.loads(quiz(db, "stats", "--json"))["answers"] == 2


async def test_the_detail_screen_shows_no_right_or_wrong_before_hand_in(tmp_path: Path) -> None:
    from quiz.tui.screens.home import HomeScreen
    from quiz.tui.screens.session import SessionScreen
    from tests.tui_support import make_app, make_services, settle, wait_for

    session_id = half_an_exam(tmp_path / "quiz.db")
    app = make_app(make_services(tmp_path, lang="zh"))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, HomeScreen)
        app.push_screen(SessionScreen(session_id))
        screen = await wait_for(pilot, SessionScreen)
        await settle(pilot)
        shown = "\n".join(str(w.render()) for w in screen.query("WrapText, Plain"))
        assert "你的答案" in shown
        for leak in ("✓", "✗", "正确答案", "解析", "正确率 50%"):
            assert leak not in shown, leak
