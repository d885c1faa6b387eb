"""Running totals kept beside the answers (schema 2), so statistics read a few thousand rows
instead of millions. Every change to `answers` goes through here, in the same transaction."""

from __future__ import annotations

from quiz.store import actives
from quiz.store.actives import UNIT_OF
from quiz.store.sql import Tx


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
        f"INSERT INTO unit_day_totals(unit_id, day, answers, correct, points) "
        f"VALUES ({UNIT_OF}, ?, ?, ?, ?) ON CONFLICT(unit_id, day) DO UPDATE SET "
        "answers = unit_day_totals.answers + excluded.answers, "
        "correct = unit_day_totals.correct + excluded.correct, "
        "points = unit_day_totals.points + excluded.points",
        (player_id, day, answers, correct, points),
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
