"""Running totals kept beside the answers (schema 2), so statistics read a few thousand rows
instead of millions. Every change to `answers` goes through here, in the same transaction."""

from __future__ import annotations

import sqlite3


def _bump_totals(
    conn: sqlite3.Connection,
    player_id: int,
    day: str,
    version: str,
    sign: int,
    correct: int,
    seconds: float,
) -> None:
    conn.execute(
        "INSERT INTO day_totals(player_id, day, answers, correct, seconds) VALUES (?,?,?,?,?) "
        "ON CONFLICT(player_id, day) DO UPDATE SET answers = answers + excluded.answers, "
        "correct = correct + excluded.correct, seconds = seconds + excluded.seconds",
        (player_id, day, sign, sign * correct, sign * seconds),
    )
    conn.execute(
        "INSERT INTO version_totals(player_id, version, answers, correct, seconds) "
        "VALUES (?,?,?,?,?) ON CONFLICT(player_id, version) DO UPDATE SET "
        "answers = answers + excluded.answers, correct = correct + excluded.correct, "
        "seconds = seconds + excluded.seconds",
        (player_id, version, sign, sign * correct, sign * seconds),
    )


def forget_replaced(conn: sqlite3.Connection, session_id: int, position: int) -> None:
    """Take an answer about to be replaced (an exam answer changed) out of the totals."""
    row = conn.execute(
        "SELECT player_id, day, version, is_correct, seconds FROM answers "
        "WHERE session_id = ? AND position = ?",
        (session_id, position),
    ).fetchone()
    if row is not None:
        player_id, day, version, correct, seconds = row
        _bump_totals(conn, player_id, day, version, -1, correct, seconds)


def count_answer(
    conn: sqlite3.Connection,
    player_id: int,
    question_id: str,
    session_id: int,
    position: int,
) -> None:
    """Add the answer just written to the totals; remember it if it is the player's first
    attempt at the question."""
    answer_id, day, version, correct, seconds = conn.execute(
        "SELECT id, day, version, is_correct, seconds FROM answers "
        "WHERE session_id = ? AND position = ?",
        (session_id, position),
    ).fetchone()
    _bump_totals(conn, player_id, day, version, 1, correct, seconds)
    conn.execute(
        "INSERT OR IGNORE INTO first_attempts(player_id, question_id, answer_id) VALUES (?,?,?)",
        (player_id, question_id, answer_id),
    )


def add_points(conn: sqlite3.Connection, player_id: int, day: str, points: int) -> None:
    if points:
        conn.execute(
            "INSERT INTO day_totals(player_id, day, points) VALUES (?,?,?) "
            "ON CONFLICT(player_id, day) DO UPDATE SET points = points + excluded.points",
            (player_id, day, points),
        )
