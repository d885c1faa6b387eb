"""A campaign's database for the `org report` benchmark: many members in a tree of units and
many answers, built fast with bulk SQL (sessions drawn in Python, their answers made by one
INSERT … SELECT, the running totals summed from the sessions).

The indexes of answers and sessions are made after their rows (much faster than row by row).
The tables the report does not read (version_totals, first_attempts) stay empty.
"""

from __future__ import annotations

import json
import random
import sqlite3
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path

from quiz.bank.models import Question
from quiz.store.actives import SLOTS
from quiz.store.records import question_version
from quiz.store.sqlite.schema import MIGRATIONS, _statements, connect

ROOT = "武汉大学"
SessionRow = tuple[int, int, str, int, int, int]  # id, player, day, correct, total, points


def unit_paths(units: int) -> list[str]:
    """`units` branches, three levels under the root: 10 × 10 × 10 for 1,000."""
    fan = max(2, round(units ** (1 / 3)))
    paths = [
        f"{ROOT}/第{a + 1}学院/第{b + 1}系/第{c + 1}支部"
        for a in range(fan)
        for b in range(fan)
        for c in range(fan)
    ]
    return paths[:units]


def build(
    path: Path,
    questions: Sequence[Question],
    *,
    answers: int,
    members: int,
    units: int,
    outsiders: int = 1000,
    days: int = 30,
    first_day: date = date(2026, 11, 1),
    per_session: int = 10,
    active_share: float = 0.6,
    seed: int = 17,
) -> None:
    """`members` players on the roster, spread evenly over `units` branches, and `outsiders`
    players who are not; `answers` answers in sessions of `per_session` over `days` days,
    played by `active_share` of the members and by the outsiders."""
    rng = random.Random(seed)
    path.unlink(missing_ok=True)
    conn = connect(path)
    conn.execute("PRAGMA journal_mode = OFF")  # a scratch file: no journal while it is built
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("PRAGMA cache_size = -200000")
    indexes = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
        "AND tbl_name IN ('answers', 'sessions')"
    ).fetchall()
    for name, _ in indexes:
        conn.execute(f"DROP INDEX {name}")
    conn.execute("BEGIN")
    _roster(conn, members, units, outsiders)
    _questions(conn, questions)
    active = rng.sample(range(1, members + 1), int(members * active_share))
    players = active + list(range(members + 1, members + outsiders + 1))
    day_names = [(first_day + timedelta(days=d)).isoformat() for d in range(days)]
    sessions = answers // per_session
    rows: list[SessionRow] = []
    for sid in range(1, sessions + 1):
        player = players[int(len(players) * rng.random() ** 1.5)]  # some play much more
        day = rng.choice(day_names)
        correct = sum(rng.random() < 0.7 for _ in range(per_session))
        points = min(correct, 5)
        rows.append((sid, player, day, correct, per_session, points))
        if len(rows) == 100_000:
            _sessions(conn, rows)
    _sessions(conn, rows)
    _answers(conn, per_session, len(questions))
    _totals(conn)
    conn.execute("COMMIT")
    for _, sql in indexes:
        conn.execute(sql)
    conn.execute("ANALYZE")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.close()


def _roster(conn: sqlite3.Connection, members: int, units: int, outsiders: int) -> None:
    leaves = unit_paths(units)
    every = sorted({p.rsplit("/", n)[0] for p in leaves for n in range(4)}, key=len)
    ids = {p: i for i, p in enumerate(every, start=1)}
    conn.executemany(
        "INSERT INTO units(id, path, parent_id) VALUES (?, ?, ?)",
        [(ids[p], p, ids.get(p.rpartition("/")[0])) for p in every],
    )
    stamp = "2026-10-01T00:00:00+00:00"
    conn.executemany(
        "INSERT INTO players(id, name, created_at) VALUES (?, ?, ?)",
        [(i, f"成员{i:06d}", stamp) for i in range(1, members + 1)]
        + [(i, f"访客{i:06d}", stamp) for i in range(members + 1, members + outsiders + 1)],
    )
    conn.executemany(
        "INSERT INTO members(player_id, unit_id, login) VALUES (?, ?, ?)",
        [(i, ids[leaves[(i - 1) % len(leaves)]], f"m{i}") for i in range(1, members + 1)],
    )


def _questions(conn: sqlite3.Connection, questions: Sequence[Question]) -> None:
    conn.execute(
        "CREATE TEMP TABLE bench_questions (n INTEGER PRIMARY KEY, hash TEXT, id TEXT, "
        "prompt TEXT, options TEXT, answer TEXT)"
    )
    for n, question in enumerate(questions):
        version, record = question_version(question)
        conn.execute(
            "INSERT INTO question_versions(hash, question_id, record, section, tags) "
            "VALUES (?,?,?,?,?) ON CONFLICT(hash) DO NOTHING",
            (version, question.id, record, question.section,
             json.dumps(question.tags, ensure_ascii=False)),
        )  # fmt: skip
        conn.execute(
            "INSERT INTO bench_questions VALUES (?,?,?,?,?,?)",
            (n, version, question.id, question.prompt,
             json.dumps(question.options, ensure_ascii=False),
             json.dumps(question.answer, ensure_ascii=False)),
        )  # fmt: skip


def _sessions(conn: sqlite3.Connection, rows: list[SessionRow]) -> None:
    conn.executemany(
        "INSERT INTO sessions(id, player_id, mode, plan, started_at, finished_at, day, status, "
        "correct, total, score, points, elapsed) "
        "VALUES (?1, ?2, 'daily', '{}', ?3 || 'T01:00:00+00:00', ?3 || 'T01:05:00+00:00', ?3, "
        "'finished', ?4, ?5, ?4, ?6, 60.0)",
        rows,
    )
    rows.clear()


def _answers(conn: sqlite3.Connection, per_session: int, question_count: int) -> None:
    """`per_session` answers for every session; which are right is spread to match the
    session's count of right answers (the first `correct` positions)."""
    conn.execute(
        f"""INSERT INTO answers(session_id, player_id, position, question_id, version, prompt,
                shown_options, given, is_correct, seconds, score, answered_at, day)
            WITH RECURSIVE positions(n) AS (
                SELECT 0 UNION ALL SELECT n + 1 FROM positions WHERE n + 1 < {per_session})
            SELECT s.id, s.player_id, p.n, q.id, q.hash, q.prompt, q.options,
                   CASE WHEN p.n < s.correct THEN q.answer ELSE '["?"]' END,
                   p.n < s.correct, 6.0, p.n < s.correct, s.started_at, s.day
            FROM sessions s CROSS JOIN positions p
            JOIN bench_questions q ON q.n = (s.id * 7 + p.n * 13) % {question_count}
            ORDER BY s.id, p.n"""
    )


def _totals(conn: sqlite3.Connection) -> None:
    """The running totals, summed from the sessions (each answer took 6 seconds)."""
    conn.execute(
        "INSERT INTO day_totals(player_id, day, answers, correct, seconds, points) "
        "SELECT player_id, day, SUM(total), SUM(correct), SUM(total) * 6.0, SUM(points) "
        "FROM sessions GROUP BY player_id, day"
    )
    # Per unit, day and slot, as the answers write them (quiz.store.actives.slot_of).
    conn.execute(
        "INSERT INTO unit_day_totals(unit_id, day, slot, answers, correct, points) "
        "SELECT COALESCE(m.unit_id, 0), d.day, d.player_id % ?, SUM(d.answers), "
        "SUM(d.correct), SUM(d.points) "
        "FROM day_totals d LEFT JOIN members m ON m.player_id = d.player_id "
        "GROUP BY COALESCE(m.unit_id, 0), d.day, d.player_id % ?",
        (SLOTS, SLOTS),
    )
    conn.execute(
        "INSERT INTO unit_day_actives(unit_id, day, prev_day, slot, players) "
        "SELECT COALESCE(m.unit_id, 0), a.day, a.prev_day, a.player_id % ?, COUNT(*) FROM ("
        "SELECT player_id, day, "
        "COALESCE(LAG(day) OVER (PARTITION BY player_id ORDER BY day), '') AS prev_day "
        "FROM day_totals WHERE answers > 0) AS a "
        "LEFT JOIN members m ON m.player_id = a.player_id "
        "GROUP BY COALESCE(m.unit_id, 0), a.day, a.prev_day, a.player_id % ?",
        (SLOTS, SLOTS),
    )
    # Each player's last day of play, as migration 16 computes it.
    conn.execute(
        "UPDATE players SET last_day = (SELECT MAX(d.day) FROM day_totals d"
        " WHERE d.player_id = players.id AND d.answers > 0)"
    )
    # Players' points, as migration 6 computes them.
    for statement in _statements(MIGRATIONS[5]):
        if statement.startswith("UPDATE players"):
            conn.execute(statement)
