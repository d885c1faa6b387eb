"""The score store: the one place the program reads and writes the database."""

from __future__ import annotations

import contextlib
import json
import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any

from quiz.engine.modes import MISTAKE_CLEAR_STREAK, Mode
from quiz.engine.points import DayTally
from quiz.engine.race import Opponent
from quiz.engine.session import Answer, Plan, Totals
from quiz.stats import streaks
from quiz.store import rollups
from quiz.store.db import classify, connect
from quiz.store.records import (
    SESSION_COLUMNS,
    SessionRow,
    StoredAnswer,
    from_text,
    plan_to_json,
    question_version,
    session_from_row,
    to_utc_text,
)


class Store:
    """Thread-safe: the TUI records answers from worker threads through one connection."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._conn = connect(path)
        self._lock = threading.RLock()
        self._depth = 0
        self._player_ids: dict[str, int] = {}

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One transaction, taking the write lock at once (BEGIN IMMEDIATE), so what it reads
        no other process can change before it commits. A write inside another joins it: both
        commit together or not at all. SQLite errors become StoreError (see db.classify)."""
        with self._lock:
            if self._depth:
                self._depth += 1
                try:
                    yield self._conn
                finally:
                    self._depth -= 1
                return
            try:
                self._conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise classify(exc, self.path) from exc
            self._depth = 1
            try:
                yield self._conn
                self._conn.execute("COMMIT")
            except BaseException as exc:
                self._rollback()
                if isinstance(exc, sqlite3.Error):
                    raise classify(exc, self.path) from exc
                raise
            finally:
                self._depth = 0

    def _rollback(self) -> None:
        self._player_ids.clear()  # an id made in the failed transaction no longer exists
        with contextlib.suppress(sqlite3.Error):
            self._conn.execute("ROLLBACK")

    def query(self, sql: str, params: Sequence[object] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            try:
                return self._conn.execute(sql, params).fetchall()
            except sqlite3.Error as exc:
                raise classify(exc, self.path) from exc

    # -- players -------------------------------------------------------------------------------

    def player_id(self, name: str, now: datetime | None = None) -> int:
        if name in self._player_ids:
            return self._player_ids[name]
        rows = self.query("SELECT id FROM players WHERE name = ?", (name,))
        if rows:
            pid = int(rows[0][0])
        else:
            with self.write() as conn:
                stamp = to_utc_text(now or datetime.now().astimezone())
                conn.execute(
                    "INSERT OR IGNORE INTO players(name, created_at) VALUES (?, ?)", (name, stamp)
                )
                pid = conn.execute("SELECT id FROM players WHERE name = ?", (name,)).fetchone()[0]
        self._player_ids[name] = pid
        return pid

    # -- sessions ------------------------------------------------------------------------------

    def start_session(self, user: str, plan: Plan, started_at: datetime) -> int:
        pid = self.player_id(user, started_at)
        with self.write() as conn:
            cursor = conn.execute(
                "INSERT INTO sessions(player_id, mode, plan, started_at, day) VALUES (?,?,?,?,?)",
                (pid, plan.mode.value, plan_to_json(plan), to_utc_text(started_at),
                 started_at.date().isoformat()),
            )  # fmt: skip
            return int(cursor.lastrowid or 0)

    def record_answer(self, session_id: int, user: str, answer: Answer, totals: Totals) -> None:
        """Commit one answer (replacing an earlier answer at the same position, in an exam)
        and the session's running totals, in one short transaction."""
        pid = self.player_id(user)
        version, record = question_version(answer.question)
        with self.write() as conn:
            conn.execute(
                "INSERT OR IGNORE INTO question_versions(hash, question_id, record, section, tags) "
                "VALUES (?,?,?,?,?)",
                (version, answer.question.id, record, answer.question.section,
                 json.dumps(answer.question.tags, ensure_ascii=False)),
            )  # fmt: skip
            rollups.forget_replaced(conn, session_id, answer.position)
            conn.execute(
                """INSERT INTO answers(session_id, player_id, position, question_id, version,
                       prompt, shown_options, given, is_correct, seconds, score, answered_at, day)
                   VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)
                   ON CONFLICT(session_id, position) DO UPDATE SET
                       given=excluded.given, is_correct=excluded.is_correct,
                       seconds=excluded.seconds, score=excluded.score,
                       answered_at=excluded.answered_at, day=excluded.day""",
                (
                    session_id,
                    pid,
                    answer.position,
                    answer.question.id,
                    version,
                    answer.question.prompt,
                    json.dumps(answer.shown_options, ensure_ascii=False),
                    json.dumps(answer.given, ensure_ascii=False),
                    int(answer.correct),
                    answer.seconds,
                    answer.score,
                    to_utc_text(answer.answered_at),
                    answer.answered_at.date().isoformat(),
                ),
            )
            rollups.count_answer(conn, pid, answer.question.id, session_id, answer.position)
            conn.execute(
                "UPDATE sessions SET correct=?, total=?, score=?, best_streak=?, elapsed=? "
                "WHERE id=?",
                (totals.correct, totals.total, totals.score, totals.best_streak, totals.elapsed,
                 session_id),
            )  # fmt: skip

    def finish_session(
        self,
        session_id: int,
        finished_at: datetime,
        totals: Totals,
        points: int | Callable[[DayTally], int],
    ) -> int:
        """Close the session and book its points; returns the points booked. `points` may be
        a function of what the player already has on the day the session started: it is called
        inside the write transaction, so runs finishing at once (other processes too) never
        both take the same room under a daily cap. Points are booked once."""
        passed, won = totals.passed, totals.won
        with self.write() as conn:
            owner, day, status, booked = conn.execute(
                "SELECT player_id, day, status, points FROM sessions WHERE id = ?", (session_id,)
            ).fetchone()
            if status == "finished":
                earned = int(booked)
            else:
                tally = self._tally("s.player_id = ?", owner, date.fromisoformat(day))
                earned = points(tally) if callable(points) else points
                rollups.add_points(conn, owner, day, earned)
            conn.execute(
                "UPDATE sessions SET status='finished', finished_at=?, correct=?, total=?, "
                "score=?, points=?, best_streak=?, elapsed=?, passed=?, won=? WHERE id=?",
                (
                    to_utc_text(finished_at),
                    totals.correct,
                    totals.total,
                    totals.score,
                    earned,
                    totals.best_streak,
                    totals.elapsed,
                    None if passed is None else int(passed),
                    None if won is None else int(won),
                    session_id,
                ),
            )
        return earned

    def drop_session(self, session_id: int) -> None:
        """No longer offered for resuming; its answers stay in the history."""
        with self.write() as conn:
            conn.execute("UPDATE sessions SET dropped=1 WHERE id=?", (session_id,))

    def session(self, session_id: int) -> SessionRow | None:
        rows = self.query(
            f"SELECT {SESSION_COLUMNS} FROM sessions s JOIN players p ON p.id = s.player_id "
            "WHERE s.id = ?",
            (session_id,),
        )
        return session_from_row(rows[0]) if rows else None

    def resumable(self, user: str) -> list[SessionRow]:
        rows = self.query(
            f"SELECT {SESSION_COLUMNS} FROM sessions s JOIN players p ON p.id = s.player_id "
            "WHERE p.name = ? AND s.status = 'unfinished' AND s.dropped = 0 "
            "ORDER BY s.started_at DESC, s.id DESC",
            (user,),
        )
        return [session_from_row(r) for r in rows]

    def sessions(self, user: str | None = None, limit: int | None = None) -> list[SessionRow]:
        where = "WHERE p.name = ?" if user else ""
        params: list[object] = [user] if user else []
        tail = ""
        if limit is not None:
            tail = " LIMIT ?"
            params.append(limit)
        rows = self.query(
            f"SELECT {SESSION_COLUMNS} FROM sessions s JOIN players p ON p.id = s.player_id "
            f"{where} ORDER BY s.started_at DESC, s.id DESC{tail}",
            params,
        )
        return [session_from_row(r) for r in rows]

    def answers(self, session_id: int) -> list[StoredAnswer]:
        rows = self.query(
            "SELECT a.position, a.question_id, a.prompt, v.record, a.shown_options, a.given, "
            "a.is_correct, a.seconds, a.score, a.answered_at FROM answers a "
            "JOIN question_versions v ON v.hash = a.version WHERE a.session_id = ? "
            "ORDER BY a.position",
            (session_id,),
        )
        return [
            StoredAnswer(
                position=int(pos),
                question_id=str(qid),
                prompt=str(prompt),
                question=json.loads(str(record)),
                shown_options=json.loads(str(shown)),
                given=json.loads(str(given)),
                correct=bool(ok),
                seconds=float(secs),
                score=int(score),
                answered_at=from_text(str(at)),
            )
            for pos, qid, prompt, record, shown, given, ok, secs, score, at in rows
        ]

    # -- what the engine needs to know of the past ---------------------------------------------

    def day_tally(self, user: str, day: date) -> DayTally:
        return self._tally("p.name = ?", user, day)

    def _tally(self, who: str, player: object, day: date) -> DayTally:
        rows = self.query(
            "SELECT s.mode, SUM(s.points), COUNT(*), SUM(COALESCE(s.won, 0)) FROM sessions s "
            f"JOIN players p ON p.id = s.player_id WHERE {who} AND s.day = ? "
            "AND s.status = 'finished' GROUP BY s.mode",
            (player, day.isoformat()),
        )
        points = {Mode(str(m)): int(pts or 0) for m, pts, _, _ in rows}
        runs = {Mode(str(m)): int(n) for m, _, n, _ in rows}
        wins = sum(int(w or 0) for m, _, _, w in rows if m == Mode.RACE.value)
        return DayTally(points=points, finished_runs=runs, race_wins=wins)

    def best_streak(self, user: str, mode: Mode = Mode.CHALLENGE) -> int:
        rows = self.query(
            "SELECT MAX(s.best_streak) FROM sessions s JOIN players p ON p.id = s.player_id "
            "WHERE p.name = ? AND s.mode = ?",
            (user, mode.value),
        )
        return int(rows[0][0] or 0)

    def best_score(self, user: str, mode: Mode, exclude: int | None = None) -> int | None:
        rows = self.query(
            "SELECT MAX(s.score) FROM sessions s JOIN players p ON p.id = s.player_id "
            "WHERE p.name = ? AND s.mode = ? AND s.status = 'finished' AND s.id != ?",
            (user, mode.value, exclude or -1),
        )
        value = rows[0][0]
        return None if value is None else int(value)

    def study_days(self, user: str) -> list[date]:
        rows = self.query(
            "SELECT d.day FROM day_totals d JOIN players p ON p.id = d.player_id "
            "WHERE p.name = ? AND d.answers > 0 ORDER BY d.day DESC",
            (user,),
        )
        return [date.fromisoformat(str(r[0])) for r in rows]

    def study_streak(self, user: str, today: date) -> int:
        """Days in a row with at least one answer, ending today (or yesterday: today may
        still come)."""
        return streaks(self.study_days(user), today)[0]

    def mistake_book(self, user: str) -> dict[str, int]:
        """Questions answered wrong and not yet right twice in a row since: id → rights since."""
        rows = self.query(
            """WITH me AS (SELECT id FROM players WHERE name = ?),
               last_wrong AS (
                   SELECT question_id, MAX(a.id) AS wrong_id FROM answers a, me
                   WHERE a.player_id = me.id AND a.is_correct = 0 GROUP BY question_id)
               SELECT lw.question_id,
                      (SELECT COUNT(*) FROM answers a, me WHERE a.player_id = me.id
                         AND a.question_id = lw.question_id AND a.id > lw.wrong_id) AS rights
               FROM last_wrong lw""",
            (user,),
        )
        return {str(q): int(n) for q, n in rows if int(n) < MISTAKE_CLEAR_STREAK}

    def opponent_profiles(self, user: str, minimum_answers: int = 20) -> list[Opponent]:
        """Other local players, as race opponents: their recorded accuracy and speed."""
        rows = self.query(
            "SELECT p.name, AVG(a.is_correct), AVG(a.seconds), COUNT(*) FROM answers a "
            "JOIN players p ON p.id = a.player_id WHERE p.name != ? GROUP BY p.id "
            "HAVING COUNT(*) >= ?",
            (user, minimum_answers),
        )
        return [Opponent(str(n), float(acc), max(1.0, float(secs))) for n, acc, secs, _ in rows]
