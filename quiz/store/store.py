"""The score store over SQL: one implementation of `quiz.store.protocol.Store` for every
backend (`quiz.store.sql.Database`). Runs and the engine's questions about the past live here;
statistics, study cards and contests in the mixins beside it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING

from quiz.engine.modes import MISTAKE_CLEAR_STREAK, SEALED_MODES, Mode
from quiz.engine.points import DayTally
from quiz.store import rollups
from quiz.store.cards import CardQueries
from quiz.store.contests import ContestQueries
from quiz.store.errors import StoreError
from quiz.store.papers import PaperQueries
from quiz.store.records import (
    ANSWER_COLUMNS,
    SESSION_COLUMNS,
    answer_from_row,
    plan_from_json,
    plan_to_json,
    session_from_row,
    to_utc_text,
)
from quiz.store.review import ReviewQueries
from quiz.store.room_history import RoomHistoryQueries
from quiz.store.roster import RosterQueries

if TYPE_CHECKING:
    from quiz.engine.race import Opponent
    from quiz.engine.session import Answer, Plan, Totals
    from quiz.org.report import RawReport
    from quiz.reports.replay import SavedPlan, StoredAnswer
    from quiz.reports.runs import SessionRow
    from quiz.store.sql import Database, Row, Tx

RUNS = "s.kind = 'run'"
UNFINISHED_SEALED = "s.status = 'unfinished' AND s.mode IN ({})".format(
    ", ".join(f"'{mode}'" for mode in sorted(SEALED_MODES))
)
"""A run whose answers tell nothing yet (its modes are quiz's own constants)."""
SESSIONS_OF = f"SELECT {SESSION_COLUMNS} FROM sessions s JOIN players p ON p.id = s.player_id"


class OrgFigureQueries:
    """The figures of the participation report (quiz.store.protocol.Store); their code is
    imported when a report is asked for, not when a store opens (start-up)."""

    _db: Database

    def org_figures(
        self, start: date | None, end: date | None, scope: str | None, top: int
    ) -> RawReport:
        """Each unit's own figures (in `scope`) between two days (inclusive; None: open), and
        the `top` players of each, from running totals only."""
        from quiz.store.org_figures import raw_report

        first = start.isoformat() if start else None
        last = end.isoformat() if end else None
        return raw_report(self._db.read, first, last, scope, top)


class SqlStore(
    ReviewQueries, CardQueries, ContestQueries, RosterQueries, OrgFigureQueries,
    RoomHistoryQueries, PaperQueries,
):  # fmt: skip
    """Thread-safe as its database is: the TUI records answers from a worker thread."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self.location = db.location
        self._player_ids: dict[str, int] = {}
        self._modes: dict[int, str | None] = {}

    def close(self) -> None:
        self._db.close()

    # -- players -------------------------------------------------------------------------------

    def player_id(self, name: str, now: datetime | None = None) -> int:
        """The player's id, made on their first write; StoreError for no name at all (a
        served session before its login: nothing is stored under an anonymous name)."""
        if not name.strip():
            raise StoreError("store.no_player")
        if name in self._player_ids:
            return self._player_ids[name]
        rows = self._db.read("SELECT id FROM players WHERE name = ?", (name,))
        if rows:
            pid = int(rows[0][0])
        else:
            stamp = to_utc_text(now or datetime.now().astimezone())
            if self._db.dialect.records_on_server:  # only whoever may make players does
                pid = int(self._db.run("SELECT quiz_new_player(?, ?)", (name, stamp))[0][0])
            else:
                with self._db.transaction() as tx:
                    tx.execute(
                        "INSERT INTO players(name, created_at) VALUES (?, ?) "
                        "ON CONFLICT DO NOTHING",
                        (name, stamp),
                    )
                    pid = int(tx.execute("SELECT id FROM players WHERE name = ?", (name,))[0][0])
        self._player_ids[name] = pid
        return pid

    def _new_session(
        self, tx: Tx, pid: int, kind: str, mode: str, plan: str, at: datetime,
        key: str | None = None,
    ) -> int:  # fmt: skip
        if self._db.dialect.records_on_server:
            return int(tx.execute(
                "SELECT quiz_start_session(?,?,?,?,?,?,?)",
                (pid, kind, mode, plan, to_utc_text(at), at.date().isoformat(), key),
            )[0][0])  # fmt: skip
        rows = tx.execute(
            "INSERT INTO sessions(player_id, kind, mode, plan, started_at, day, client_key) "
            "VALUES (?,?,?,?,?,?,?) ON CONFLICT(client_key) DO NOTHING RETURNING id",
            (pid, kind, mode, plan, to_utc_text(at), at.date().isoformat(), key),
        )
        if not rows:  # made already, by this same call whose reply was lost
            rows = tx.execute("SELECT id FROM sessions WHERE client_key = ?", (key,))
        return int(rows[0][0])

    # -- runs ----------------------------------------------------------------------------------

    def start_session(
        self, user: str, plan: Plan, started_at: datetime, key: str | None = None
    ) -> int:
        pid = self.player_id(user, started_at)
        with self._db.transaction() as tx:
            session_id = self._new_session(tx, pid, "run", plan.mode.value, plan_to_json(plan),
                                           started_at, key)  # fmt: skip
        self._modes[session_id] = plan.mode.value
        return session_id

    def record_answer(
        self,
        session_id: int,
        user: str,
        answer: Answer,
        totals: Totals,
        *,
        study: bool = False,
        key: str | None = None,
    ) -> None:
        row = rollups.answer_row(key, session_id, self.player_id(user), answer, totals)
        sealed = self._mode_of(session_id) in SEALED_MODES  # counted when handed in
        call = rollups.SERVER_CALL if self._db.dialect.records_on_server else None
        if call is not None and not study:  # one statement: one round trip, one commit
            self._db.run(call, (*row, not sealed))
            return
        with self._db.transaction() as tx:
            if call:
                fresh = tx.execute(call, (*row, not sealed))[0][0]
            else:
                fresh = rollups.record_answer(tx, row, counted=not sealed)
            if fresh and study:  # the card moves in the same transaction, never without it
                self._review(tx, row.player, answer.question, answer.correct, answer.seconds,
                             answer.answered_at)  # fmt: skip

    def finish_session(
        self,
        session_id: int,
        finished_at: datetime,
        totals: Totals,
        points: int | Callable[[DayTally], int],
    ) -> int:
        passed, won = totals.passed, totals.won
        if self._db.dialect.records_on_server:
            return self._finish_on_server(session_id, finished_at, totals, points)
        with self._db.transaction() as tx:
            [(owner,)] = tx.execute("SELECT player_id FROM sessions WHERE id = ?", (session_id,))
            if self._db.dialect.lock_player:  # finishing runs of one player queue here, and
                tx.execute(self._db.dialect.lock_player, (owner,))  # so does a finish made again
            day, status, booked, mode = tx.execute(
                "SELECT day, status, points, mode FROM sessions WHERE id = ?", (session_id,)
            )[0]
            if status == "finished":  # points are booked once
                earned = int(booked)
            else:
                if mode in SEALED_MODES:  # handed in: its answers count from now on
                    rollups.count_session(tx, session_id)
                rollups.add_best(tx, owner, mode, totals.score, totals.best_streak)
                tally = _tally(tx.execute, date.fromisoformat(day), player_id=owner)
                earned = points(tally) if callable(points) else points
                rollups.add_points(tx, owner, day, earned)
            tx.execute(
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

    def _finish_on_server(
        self,
        session_id: int,
        finished_at: datetime,
        totals: Totals,
        points: int | Callable[[DayTally], int],
    ) -> int:
        """finish_session as two calls of server-side functions in one transaction (the points
        of a day are the engine's to reckon, between them)."""
        with self._db.transaction() as tx:
            owner, day, status, booked, _mode = tx.execute(
                "SELECT * FROM quiz_finish_open(?, ?, ?, ?)",
                (session_id, self._mode_of(session_id) in SEALED_MODES, totals.score,
                 totals.best_streak),
            )[0]  # fmt: skip
            if status == "finished":
                earned = int(booked)
            else:
                tally = _tally(tx.execute, date.fromisoformat(day), player_id=owner)
                earned = points(tally) if callable(points) else points
            passed, won = totals.passed, totals.won
            return int(tx.execute(
                "SELECT quiz_finish_close(?,?,?,?,?,?,?,?,?,?)",
                (session_id, to_utc_text(finished_at), totals.correct, totals.total,
                 totals.score, earned, totals.best_streak, totals.elapsed,
                 None if passed is None else int(passed), None if won is None else int(won)),
            )[0][0])  # fmt: skip

    def _mode_of(self, session_id: int) -> str | None:
        """A session's mode (None: a contest, or no such session); it never changes."""
        if session_id not in self._modes:
            rows = self._db.read("SELECT mode, kind FROM sessions WHERE id = ?", (session_id,))
            self._modes[session_id] = str(rows[0][0]) if rows and rows[0][1] == "run" else None
        return self._modes[session_id]

    def drop_session(self, session_id: int) -> None:
        if self._db.dialect.records_on_server:
            self._db.run("SELECT quiz_drop_session(?)", (session_id,))
            return
        with self._db.transaction() as tx:
            tx.execute("UPDATE sessions SET dropped=1 WHERE id=?", (session_id,))

    # -- sessions and answers ------------------------------------------------------------------

    def session(self, session_id: int) -> SessionRow | None:
        rows = self._db.read(f"{SESSIONS_OF} WHERE s.id = ?", (session_id,))
        return session_from_row(rows[0]) if rows else None

    def saved_plan(self, session_id: int) -> SavedPlan | None:
        rows = self._db.read(f"SELECT s.plan FROM sessions s WHERE s.id = ? AND {RUNS}",
                             (session_id,))  # fmt: skip
        return plan_from_json(str(rows[0][0])) if rows else None

    def resumable(self, user: str) -> list[SessionRow]:
        rows = self._db.read(
            f"{SESSIONS_OF} WHERE p.name = ? AND s.status = 'unfinished' AND s.dropped = 0 "
            f"AND {RUNS} ORDER BY s.started_at DESC, s.id DESC",
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
        rows = self._db.read(
            f"{SESSIONS_OF} {where} ORDER BY s.started_at DESC, s.id DESC{tail}", params
        )
        return [session_from_row(r) for r in rows]

    def answers(self, session_id: int) -> list[StoredAnswer]:
        rows = self._db.read(
            f"SELECT {ANSWER_COLUMNS} FROM answers a JOIN question_versions v "
            "ON v.hash = a.version WHERE a.session_id = ? ORDER BY a.position",
            (session_id,),
        )
        return [answer_from_row(r) for r in rows]

    # -- what the engine needs to know of the past ---------------------------------------------

    def day_tally(self, user: str, day: date) -> DayTally:
        return _tally(self._db.read, day, name=user)

    def best_streak(self, user: str, mode: Mode = Mode.CHALLENGE) -> int:
        """The longest streak of a finished run in `mode`."""
        rows = self._db.read(
            "SELECT b.streak FROM mode_bests b JOIN players p ON p.id = b.player_id "
            "WHERE p.name = ? AND b.mode = ?",
            (user, mode.value),
        )
        return int(rows[0][0]) if rows else 0

    def best_score(self, user: str, mode: Mode, exclude: int | None = None) -> int | None:
        """The best score of a finished run in `mode` (not counting `exclude`, when that run is
        finished already: a run not yet finished is not in the bests)."""
        excluded = self.session(exclude) if exclude is not None else None
        if excluded is not None and excluded.finished:
            rows = self._db.read(
                "SELECT MAX(s.score) FROM sessions s JOIN players p ON p.id = s.player_id "
                "WHERE p.name = ? AND s.mode = ? AND s.status = 'finished' AND s.id != ? "
                f"AND {RUNS}",
                (user, mode.value, exclude),
            )
        else:
            rows = self._db.read(
                "SELECT b.score FROM mode_bests b JOIN players p ON p.id = b.player_id "
                "WHERE p.name = ? AND b.mode = ?",
                (user, mode.value),
            )
        value = rows[0][0] if rows else None
        return None if value is None else int(value)

    def study_days(self, user: str) -> list[date]:
        rows = self._db.read(
            "SELECT d.day FROM day_totals d JOIN players p ON p.id = d.player_id "
            "WHERE p.name = ? AND d.answers > 0 ORDER BY d.day DESC",
            (user,),
        )
        return [date.fromisoformat(str(r[0])) for r in rows]

    def mistake_book(self, user: str) -> dict[str, int]:
        """Questions last answered wrong, with the right answers since; answers of a sealed
        run count once it is handed in (before, they would tell right from wrong)."""
        rows = self._db.read(
            f"""WITH me AS (SELECT id FROM players WHERE name = ?),
               mine AS (
                   SELECT a.id, a.question_id, a.is_correct FROM answers a, me
                   WHERE a.player_id = me.id AND a.session_id NOT IN
                       (SELECT s.id FROM sessions s WHERE s.player_id = me.id
                        AND {UNFINISHED_SEALED})),
               last_wrong AS (
                   SELECT question_id, MAX(id) AS wrong_id FROM mine
                   WHERE is_correct = 0 GROUP BY question_id)
               SELECT lw.question_id,
                      (SELECT COUNT(*) FROM mine m
                       WHERE m.question_id = lw.question_id AND m.id > lw.wrong_id) AS rights
               FROM last_wrong lw""",
            (user,),
        )
        return {str(q): int(n) for q, n in rows if int(n) < MISTAKE_CLEAR_STREAK}

    def opponent_profiles(self, user: str, minimum_answers: int = 20) -> list[Opponent]:
        """Other players, as race opponents: their recorded accuracy and speed."""
        from quiz.engine.race import Opponent  # made only here: not at start-up

        rows = self._db.read(
            "SELECT p.name, AVG(a.is_correct), AVG(a.seconds), COUNT(*) FROM answers a "
            "JOIN players p ON p.id = a.player_id WHERE p.name != ? GROUP BY p.id, p.name "
            "HAVING COUNT(*) >= ? ORDER BY p.id",
            (user, minimum_answers),
        )
        return [Opponent(str(n), float(acc), max(1.0, float(secs))) for n, acc, secs, _ in rows]


_TALLY = (
    "SELECT s.mode, SUM(s.points), COUNT(*), SUM(COALESCE(s.won, 0)) FROM sessions s "
    "JOIN players p ON p.id = s.player_id WHERE {player} AND s.day = ? "
    f"AND s.status = 'finished' AND {RUNS} GROUP BY s.mode"
)
TALLY_BY_ID = _TALLY.format(player="s.player_id = ?")
TALLY_BY_NAME = _TALLY.format(player="p.name = ?")


def _tally(
    read: Callable[[str, Sequence[object]], list[Row]], day: date, *,
    player_id: int | None = None, name: str | None = None,
) -> DayTally:  # fmt: skip
    """What a player (by id, or by name) already has on `day`: points and finished runs per
    mode, race wins."""
    if player_id is not None:
        rows = read(TALLY_BY_ID, (player_id, day.isoformat()))
    else:
        rows = read(TALLY_BY_NAME, (name, day.isoformat()))
    points = {Mode(str(m)): int(pts or 0) for m, pts, _, _ in rows}
    runs = {Mode(str(m)): int(n) for m, _, n, _ in rows}
    wins = sum(int(w or 0) for m, _, _, w in rows if m == Mode.RACE.value)
    return DayTally(points=points, finished_runs=runs, race_wins=wins)
