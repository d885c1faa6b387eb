"""Running totals kept beside the answers (schema 2), so statistics read a few thousand rows
instead of millions. Every change to `answers` goes through here, in the same transaction."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, NamedTuple

from quiz.store import actives
from quiz.store.actives import UNIT_OF, slot_of
from quiz.store.records import question_version, to_utc_text
from quiz.store.sql import Tx

if TYPE_CHECKING:
    from quiz.engine.session import Answer, Totals


class AnswerRow(NamedTuple):
    """One answer as it is written: PostgreSQL's quiz_record_answer takes these fields as its
    parameters, each named `p_<field>` (SERVER_CALL passes them by name)."""

    key: str | None
    session: int
    player: int
    position: int
    question: str
    version: str
    record: str
    section: str
    tags: str
    prompt: str
    shown: str
    given: str
    correct: int
    seconds: float
    score: int
    at: str
    day: str
    total_correct: int
    total: int
    total_score: int
    best_streak: int
    elapsed: float


SERVER_CALL = "SELECT quiz_answer({}, p_counted => ?)".format(
    ", ".join(f"p_{field} => ?" for field in AnswerRow._fields)
)
"""PostgreSQL: record an answer in one round trip, as the player it names may (postgres/sql/
authority.sql's quiz_answer, over functions.sql's quiz_record_answer); its last parameter says
whether the answer counts in the totals now (a sealed run's do when it is handed in)."""


def answer_row(
    key: str | None, session_id: int, player_id: int, answer: Answer, totals: Totals
) -> AnswerRow:
    question = answer.question
    version, record = question_version(question)
    return AnswerRow(
        key, session_id, player_id, answer.position, question.id, version, record,
        question.section, json.dumps(question.tags, ensure_ascii=False), question.prompt,
        json.dumps(answer.shown_options, ensure_ascii=False),
        json.dumps(answer.given, ensure_ascii=False), int(answer.correct), answer.seconds,
        answer.score, to_utc_text(answer.answered_at), answer.answered_at.date().isoformat(),
        totals.correct, totals.total, totals.score, totals.best_streak, totals.elapsed,
    )  # fmt: skip


def record_answer(tx: Tx, row: AnswerRow, *, counted: bool = True) -> bool:
    """Write one answer (replacing an earlier one at its position, in an exam), its running
    totals and the session's; False when its key shows it was written before, or when its
    session is handed in already (final). An answer of a sealed run is not `counted` in the
    running totals or first attempts until the run is handed in (count_session)."""
    status = tx.execute("SELECT status FROM sessions WHERE id = ?", (row.session,))
    if not status or status[0][0] == "finished":
        return False
    if row.key is not None and not tx.execute(
        "INSERT INTO answer_keys(key) VALUES (?) ON CONFLICT DO NOTHING RETURNING key", (row.key,)
    ):
        return False
    tx.execute(
        "INSERT INTO question_versions(hash, question_id, record, section, tags) "
        "VALUES (?,?,?,?,?) ON CONFLICT DO NOTHING",
        (row.version, row.question, row.record, row.section, row.tags),
    )
    if counted:
        forget_replaced(tx, row.session, row.position)
    stored = tx.execute(
        """INSERT INTO answers(session_id, player_id, position, question_id, version, prompt,
               shown_options, given, is_correct, seconds, score, answered_at, day)
           VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)
           ON CONFLICT(session_id, position) DO UPDATE SET
               given=excluded.given, is_correct=excluded.is_correct, seconds=excluded.seconds,
               score=excluded.score, answered_at=excluded.answered_at, day=excluded.day
           RETURNING id""",
        (row.session, row.player, row.position, row.question, row.version, row.prompt,
         row.shown, row.given, row.correct, row.seconds, row.score, row.at, row.day),
    )  # fmt: skip
    if counted:
        count_answer(tx, row.player, row.question, int(stored[0][0]), row.day, row.version,
                     row.correct, row.seconds)  # fmt: skip
    tx.execute(
        "UPDATE sessions SET correct=?, total=?, score=?, best_streak=?, elapsed=? WHERE id=?",
        (row.total_correct, row.total, row.total_score, row.best_streak, row.elapsed,
         row.session),
    )  # fmt: skip
    return True


def _bump_totals(
    tx: Tx, player_id: int, day: str, version: str, sign: int, correct: int, seconds: float
) -> None:
    [(answers,)] = tx.execute(
        "INSERT INTO day_totals(player_id, day, answers, correct, seconds) VALUES (?,?,?,?,?) "
        "ON CONFLICT(player_id, day) DO UPDATE SET answers = day_totals.answers + "
        "excluded.answers, correct = day_totals.correct + excluded.correct, "
        "seconds = day_totals.seconds + excluded.seconds RETURNING answers",
        (player_id, day, sign, sign * correct, sign * seconds),
    )
    if answers == (1 if sign > 0 else 0):  # the day's first answer, or its last one gone
        actives.day_changed(tx.execute, player_id, day, sign)
    tx.execute(
        "INSERT INTO version_totals(player_id, version, answers, correct, seconds) "
        "VALUES (?,?,?,?,?) ON CONFLICT(player_id, version) DO UPDATE SET "
        "answers = version_totals.answers + excluded.answers, "
        "correct = version_totals.correct + excluded.correct, "
        "seconds = version_totals.seconds + excluded.seconds",
        (player_id, version, sign, sign * correct, sign * seconds),
    )
    _bump_unit(tx, player_id, day, sign, sign * correct, 0)


def _bump_unit(tx: Tx, player_id: int, day: str, answers: int, correct: int, points: int) -> None:
    """The player's unit's totals for the day (schema 6), in the same transaction."""
    tx.execute(
        f"INSERT INTO unit_day_totals(unit_id, day, slot, answers, correct, points) "
        f"VALUES ({UNIT_OF}, ?, ?, ?, ?, ?) ON CONFLICT(unit_id, day, slot) DO UPDATE SET "
        "answers = unit_day_totals.answers + excluded.answers, "
        "correct = unit_day_totals.correct + excluded.correct, "
        "points = unit_day_totals.points + excluded.points",
        (player_id, day, slot_of(player_id), answers, correct, points),
    )


def forget_replaced(tx: Tx, session_id: int, position: int) -> None:
    """Take an answer about to be replaced (an exam answer changed) out of the totals."""
    rows = tx.execute(
        "SELECT player_id, day, version, is_correct, seconds FROM answers "
        "WHERE session_id = ? AND position = ?",
        (session_id, position),
    )
    if rows:
        player_id, day, version, correct, seconds = rows[0]
        _bump_totals(tx, int(player_id), str(day), str(version), -1, int(correct), float(seconds))


def count_answer(
    tx: Tx,
    player_id: int,
    question_id: str,
    answer_id: int,
    day: str,
    version: str,
    correct: int,
    seconds: float,
) -> None:
    """Add the answer just written to the totals; remember it if it is the player's first
    attempt at the question."""
    _bump_totals(tx, player_id, day, version, 1, correct, seconds)
    tx.execute(
        "INSERT INTO first_attempts(player_id, question_id, answer_id) VALUES (?,?,?) "
        "ON CONFLICT DO NOTHING",
        (player_id, question_id, answer_id),
    )


def count_session(tx: Tx, session_id: int) -> None:
    """A sealed run handed in: its answers enter the running totals and first attempts now,
    as they would have one by one."""
    rows = tx.execute(
        "SELECT player_id, question_id, id, day, version, is_correct, seconds FROM answers "
        "WHERE session_id = ? ORDER BY position",
        (session_id,),
    )
    for player_id, question_id, answer_id, day, version, correct, seconds in rows:
        count_answer(tx, int(player_id), str(question_id), int(answer_id), str(day),
                     str(version), int(correct), float(seconds))  # fmt: skip


def add_best(tx: Tx, player_id: int, mode: str, score: int, streak: int) -> None:
    """A finished run's score and streak into the player's bests for its mode."""
    tx.execute(
        "INSERT INTO mode_bests(player_id, mode, score, streak) VALUES (?,?,?,?) "
        "ON CONFLICT(player_id, mode) DO UPDATE SET "
        "score = CASE WHEN excluded.score > mode_bests.score "
        "THEN excluded.score ELSE mode_bests.score END, "
        "streak = CASE WHEN excluded.streak > mode_bests.streak "
        "THEN excluded.streak ELSE mode_bests.streak END",
        (player_id, mode, score, streak),
    )


def add_points(tx: Tx, player_id: int, day: str, points: int) -> None:
    if points:
        tx.execute(
            "INSERT INTO day_totals(player_id, day, points) VALUES (?,?,?) "
            "ON CONFLICT(player_id, day) DO UPDATE SET "
            "points = day_totals.points + excluded.points",
            (player_id, day, points),
        )
        _bump_unit(tx, player_id, day, 0, 0, points)
        tx.execute("UPDATE players SET points = points + ? WHERE id = ?", (points, player_id))
