"""An SQLite score database copied into a fresh PostgreSQL database, running totals and all, so
that a case measures both backends on the same data (the big databases are built fast on
SQLite by bulk SQL, then copied)."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path

TABLES = (
    "players", "question_versions", "units", "members", "member_keys", "sessions", "answers",
    "answer_keys", "day_totals", "version_totals", "first_attempts", "mode_bests",
    "unit_day_totals", "unit_day_actives", "cards", "reviews", "contest_events",
    "contest_results", "rooms", "room_questions", "room_seats", "room_answers", "match_queue",
)  # fmt: skip
"""Every table of the store, parents before children (the foreign keys are checked)."""
SERIALS = ("players", "units", "sessions", "answers", "reviews", "contest_events", "match_queue")


def copy_into_postgres(source: Path, url: str, tables: Sequence[str] = TABLES) -> None:
    """Every table of the SQLite database (or those named, parents first) into the (migrated,
    empty) PostgreSQL one, by COPY; then its sequences moved past the ids copied, and VACUUM
    ANALYZE."""
    import psycopg
    from psycopg import sql

    from quiz.store.opening import open_store

    open_store(url, connections=1).close()
    lite = sqlite3.connect(source)
    with psycopg.connect(url) as conn:
        for table in tables:
            if lite.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone() is None:
                continue
            columns = [row[1] for row in lite.execute(f"PRAGMA table_info({table})")]
            names = sql.SQL(", ").join(sql.Identifier(c) for c in columns)
            copy = sql.SQL("COPY {} ({}) FROM STDIN").format(sql.Identifier(table), names)
            with conn.cursor() as cur, cur.copy(copy) as out:
                for row in lite.execute(f"SELECT {', '.join(columns)} FROM {table}"):
                    out.write_row(row)
        for table in SERIALS:
            conn.execute(
                sql.SQL(
                    "SELECT setval(pg_get_serial_sequence({}, 'id'), COALESCE(max(id), 0) + 1, "
                    "false) FROM {}"
                ).format(sql.Literal(table), sql.Identifier(table))
            )
        conn.commit()
        conn.autocommit = True
        conn.execute("VACUUM ANALYZE")
    lite.close()
