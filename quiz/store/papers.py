"""Assigned papers in the database (schema 16): a paper, its units, its frozen questions, and
each attempt (a session of its own, with the deadline it was given).

Plain SQL, the same text for every backend. Every write is one transaction: publishing a paper
whole or not at all, and starting an attempt with its checks (open, for the member's unit,
attempts left) under the player's lock, so two attempts started at once cannot both take the
last one.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from quiz.store.records import from_text, plan_to_json, question_version, to_utc_text

if TYPE_CHECKING:
    from quiz.engine.session import Plan
    from quiz.org.papers import AttemptRow, Paper, PaperSpec
    from quiz.store.actives import Read
    from quiz.store.sql import Database

PAPER_COLUMNS = (
    "p.id, p.title, p.opens, p.closes, p.minutes, p.attempts, p.pass_mark, p.questions, "
    "p.created_at, p.created_by"
)
# A member's unit (u) in the subtree of one of the paper's units (t).
UNDER_PAPER_UNIT = "(u.path = t.path OR substr(u.path, 1, length(t.path) + 1) = t.path || '/')"


def publish(run: Read, spec: PaperSpec, created_by: str, now: datetime) -> int:
    """The new paper's id; PaperRefused (the transaction rolled back) for a unit that is not
    on the roster."""
    from quiz.org.papers import PaperRefused

    unit_ids = []
    for path in spec.units:
        found = run("SELECT id FROM units WHERE path = ?", (path,))
        if not found:
            raise PaperRefused("org.no_unit", unit=path)
        unit_ids.append(int(found[0][0]))
    [(paper_id,)] = run(
        "INSERT INTO papers(title, opens, closes, minutes, attempts, pass_mark, questions, "
        "created_at, created_by) VALUES (?,?,?,?,?,?,?,?,?) RETURNING id",
        (spec.title, to_utc_text(spec.opens), to_utc_text(spec.closes), spec.minutes,
         spec.attempts, spec.pass_mark, len(spec.questions), to_utc_text(now), created_by),
    )  # fmt: skip
    for unit_id in unit_ids:
        run("INSERT INTO paper_units(paper_id, unit_id) VALUES (?, ?)", (paper_id, unit_id))
    for position, question in enumerate(spec.questions):
        version, record = question_version(question)
        run(
            "INSERT INTO paper_questions(paper_id, position, question_id, version, record) "
            "VALUES (?,?,?,?,?)",
            (paper_id, position, question.id, version, record),
        )
    return int(paper_id)


def papers(run: Read, paper_id: int | None = None) -> list[Paper]:
    """Every paper (or the one asked for), newest first, with its units."""
    from quiz.org.papers import Paper

    where, params = (" WHERE p.id = ?", (paper_id,)) if paper_id is not None else ("", ())
    rows = run(f"SELECT {PAPER_COLUMNS} FROM papers p{where} ORDER BY p.id DESC", params)
    units = _units(run, paper_id)
    return [
        Paper(
            id=int(pid),
            title=str(title),
            units=tuple(units.get(int(pid), ())),
            opens=from_text(opens),
            closes=from_text(closes),
            minutes=None if minutes is None else int(minutes),
            attempts=int(attempts),
            pass_mark=None if mark is None else float(mark),
            questions=int(count),
            created_at=from_text(created),
            created_by=str(by),
        )
        for pid, title, opens, closes, minutes, attempts, mark, count, created, by in rows
    ]


def _units(run: Read, paper_id: int | None) -> dict[int, list[str]]:
    where, params = (" WHERE pu.paper_id = ?", (paper_id,)) if paper_id is not None else ("", ())
    rows = run(
        "SELECT pu.paper_id, u.path FROM paper_units pu JOIN units u ON u.id = pu.unit_id"
        f"{where} ORDER BY pu.paper_id, u.path",
        params,
    )
    found: dict[int, list[str]] = {}
    for pid, path in rows:
        found.setdefault(int(pid), []).append(str(path))
    return found


def question_records(run: Read, paper_id: int) -> list[str]:
    """The paper's questions as they were published (JSON records), in order."""
    rows = run(
        "SELECT record FROM paper_questions WHERE paper_id = ? ORDER BY position", (paper_id,)
    )
    return [str(r[0]) for r in rows]


def unit_of(run: Read, user: str) -> str | None:
    """The unit of the member playing as `user` (None: not on the roster)."""
    rows = run(
        "SELECT u.path FROM members m JOIN players p ON p.id = m.player_id "
        "JOIN units u ON u.id = m.unit_id WHERE p.name = ?",
        (user,),
    )
    return str(rows[0][0]) if rows else None


def attempts_of(run: Read, user: str) -> dict[int, int]:
    """Paper id → attempts the player has started."""
    rows = run(
        "SELECT pa.paper_id, COUNT(*) FROM paper_attempts pa JOIN players p "
        "ON p.id = pa.player_id WHERE p.name = ? GROUP BY pa.paper_id",
        (user,),
    )
    return {int(pid): int(n) for pid, n in rows}


def members_of(run: Read, paper_id: int) -> list[tuple[str, str | None, str]]:
    """(name, login, unit) of every member the paper is set for, by unit and name."""
    rows = run(
        "SELECT DISTINCT p.name, m.login, u.path FROM members m "
        "JOIN players p ON p.id = m.player_id JOIN units u ON u.id = m.unit_id "
        "JOIN paper_units pu ON pu.paper_id = ? JOIN units t ON t.id = pu.unit_id "
        f"WHERE {UNDER_PAPER_UNIT} ORDER BY u.path, p.name",
        (paper_id,),
    )
    return [(str(name), login, str(path)) for name, login, path in rows]


def attempt_rows(run: Read, paper_id: int) -> list[AttemptRow]:
    """Every attempt at the paper, with how many of its answers are right (as they stand)."""
    from quiz.org.papers import AttemptRow

    rows = run(
        "SELECT p.name, m.login, pa.attempt, s.status, s.finished_at, pa.started_at, "
        "pa.deadline, s.elapsed, (SELECT COUNT(*) FROM answers x WHERE x.session_id = s.id "
        "AND x.is_correct = 1) FROM paper_attempts pa JOIN sessions s ON s.id = pa.session_id "
        "JOIN players p ON p.id = pa.player_id LEFT JOIN members m ON m.player_id = pa.player_id "
        "WHERE pa.paper_id = ? ORDER BY p.name, pa.attempt",
        (paper_id,),
    )
    found = []
    for name, login, attempt, status, finished, started, deadline, elapsed, correct in rows:
        ended = from_text(finished) if status == "finished" and finished else None
        due = from_text(deadline)
        seconds = float(elapsed) if ended else (due - from_text(started)).total_seconds()
        found.append(AttemptRow(login, str(name), int(attempt), ended, due, int(correct), seconds))
    return found


def paper_of_session(run: Read, session_id: int) -> int | None:
    rows = run("SELECT paper_id FROM paper_attempts WHERE session_id = ?", (session_id,))
    return int(rows[0][0]) if rows else None


def publish_on_server(run: Read, spec: PaperSpec, created_by: str, now: datetime) -> int:
    """publish, as one call of quiz_publish_paper (postgres/sql/papers.sql)."""
    versions = [question_version(q) for q in spec.questions]
    [(paper_id,)] = run(
        "SELECT quiz_publish_paper(?,?,?,?,?,?,?,?,?,?,?,?)",
        (spec.title, to_utc_text(spec.opens), to_utc_text(spec.closes), spec.minutes,
         spec.attempts, spec.pass_mark, to_utc_text(now), created_by, list(spec.units),
         [q.id for q in spec.questions], [v for v, _ in versions], [r for _, r in versions]),
    )  # fmt: skip
    return int(paper_id)


class PaperQueries:
    """Assigned papers, as the store offers them (quiz.store.protocol.Store). On PostgreSQL
    the writes are server-side functions (postgres/sql/papers.sql), so that grants decide who
    may make them; SQLite writes the same rows by statements."""

    _db: Database

    def publish_paper(self, spec: PaperSpec, created_by: str, now: datetime) -> int:
        from quiz.org.papers import PaperRefused

        with self._db.transaction() as tx:
            if not self._db.dialect.records_on_server:
                return publish(tx.execute, spec, created_by, now)
            for path in spec.units:  # the message names the unit (the function checks again)
                if not tx.execute("SELECT 1 FROM units WHERE path = ?", (path,)):
                    raise PaperRefused("org.no_unit", unit=path)
            return publish_on_server(tx.execute, spec, created_by, now)

    def papers(self) -> list[Paper]:
        return papers(self._db.read)

    def paper(self, paper_id: int) -> Paper | None:
        found = papers(self._db.read, paper_id)
        return found[0] if found else None

    def paper_questions(self, paper_id: int) -> list[str]:
        return question_records(self._db.read, paper_id)

    def member_unit(self, user: str) -> str | None:
        return unit_of(self._db.read, user)

    def paper_attempts_of(self, user: str) -> dict[int, int]:
        return attempts_of(self._db.read, user)

    def paper_members(self, paper_id: int) -> list[tuple[str, str | None, str]]:
        return members_of(self._db.read, paper_id)

    def paper_attempt_rows(self, paper_id: int) -> list[AttemptRow]:
        return attempt_rows(self._db.read, paper_id)

    def paper_of_session(self, session_id: int) -> int | None:
        return paper_of_session(self._db.read, session_id)

    def reads_everyone(self) -> bool:
        """Whether the connected user reads every member's attempts (PostgreSQL: the owner,
        organisers and hosts, sql/authority.sql's quiz_sees_all; SQLite: whoever has the
        file)."""
        if not self._db.dialect.records_on_server:
            return True
        return bool(self._db.read("SELECT quiz_sees_all()")[0][0])

    def start_paper_attempt(
        self, paper_id: int, user: str, plan: Plan, started_at: datetime, key: str | None = None
    ) -> int:
        """A new attempt's session, after the checks of quiz.org.papers.may_start (PaperRefused,
        nothing written), all in one transaction under the player's lock."""
        from quiz.org.papers import PaperRefused, may_start

        with self._db.transaction() as tx:
            # A member has a player already (the roster made it): no one else may start.
            known = tx.execute("SELECT id FROM players WHERE name = ?", (user,))
            pid = int(known[0][0]) if known else 0
            # Attempts of one player queue here; on PostgreSQL quiz_start_paper_attempt takes
            # the lock (a member may not lock rows of players).
            if pid and self._db.dialect.lock_player and not self._db.dialect.records_on_server:
                tx.execute(self._db.dialect.lock_player, (pid,))
            found = papers(tx.execute, paper_id)
            if not found:
                raise PaperRefused("paper.unknown", id=str(paper_id))
            used = tx.execute(
                "SELECT COUNT(*) FROM paper_attempts WHERE paper_id = ? AND player_id = ?",
                (paper_id, pid),
            )
            may_start(found[0], unit_of(tx.execute, user), int(used[0][0]), started_at)
            deadline = plan.deadline or found[0].closes
            if self._db.dialect.records_on_server:  # the same checks and rows, in one call
                try:
                    [(session_id,)] = tx.execute(
                        "SELECT quiz_start_paper_attempt(?,?,?,?,?,?,?,?)",
                        (paper_id, pid, plan.mode.value, plan_to_json(plan),
                         to_utc_text(started_at), started_at.date().isoformat(), key,
                         to_utc_text(deadline)),
                    )  # fmt: skip
                except Exception as exc:  # refused by the function: another attempt came first
                    refused = _refusal(exc, found[0])
                    if refused is None:
                        raise
                    raise refused from None
                return int(session_id)
            [(session_id,)] = tx.execute(
                "INSERT INTO sessions(player_id, kind, mode, plan, started_at, day, client_key) "
                "VALUES (?,?,?,?,?,?,?) RETURNING id",
                (pid, "run", plan.mode.value, plan_to_json(plan), to_utc_text(started_at),
                 started_at.date().isoformat(), key),
            )  # fmt: skip
            tx.execute(
                "INSERT INTO paper_attempts(paper_id, player_id, attempt, session_id, "
                "started_at, deadline) VALUES (?,?,?,?,?,?)",
                (paper_id, pid, int(used[0][0]) + 1, session_id, to_utc_text(started_at),
                 to_utc_text(deadline)),
            )  # fmt: skip
            return int(session_id)


def _refusal(exc: Exception, paper: Paper) -> Exception | None:
    """quiz_start_paper_attempt's own refusal (check_violation, its message a catalog key) as
    the PaperRefused quiz.org.papers.may_start would have raised; None for anything else."""
    from quiz.org.papers import PaperRefused

    code = str(exc).split("\n", 1)[0].strip()
    if getattr(exc, "sqlstate", None) != "23514" or not code.startswith("paper."):
        return None
    params = {"id": str(paper.id), "title": paper.title, "attempts": str(paper.attempts),
              "opens": paper.opens.isoformat(), "closes": paper.closes.isoformat()}  # fmt: skip
    return PaperRefused(code, **params)
