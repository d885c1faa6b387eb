"""`quiz stats --json` of one player at 10,000,000 answers, on PostgreSQL and on SQLite in the
same run, over the same data: the SQLite history is built first, then copied into a fresh
PostgreSQL database (its running totals with it), so the two answer the same question."""

from __future__ import annotations

import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from quiz.bench.context import NOW, Context, Result, quiz_env
from quiz.bench.inputs import bundled_bank
from quiz.bench.shared_store import pg_database

BIG = 10_000_000
SMOKE = 5_000
BOUND_MS = 200.0
TABLES = (
    "players", "question_versions", "sessions", "answers", "day_totals", "version_totals",
    "first_attempts", "mode_bests",
)  # fmt: skip


def big_history(context: Context) -> tuple[Path, int]:
    answers = SMOKE if context.smoke else BIG
    path = context.work / f"history-{answers}.db"
    if not path.exists():
        from quiz.bench.history_db import build

        build(path, bundled_bank(context), answers, today=datetime.fromisoformat(NOW).date())
    return path, answers


def copy_into_postgres(source: Path, url: str) -> None:
    """Every table of the SQLite history into the (migrated) PostgreSQL database, by COPY."""
    import psycopg
    from psycopg import sql

    from quiz.store import open_store

    open_store(url, connections=1).close()
    lite = sqlite3.connect(source)
    with psycopg.connect(url) as conn:
        for table in TABLES:
            columns = [row[1] for row in lite.execute(f"PRAGMA table_info({table})")]
            names = sql.SQL(", ").join(sql.Identifier(c) for c in columns)
            copy = sql.SQL("COPY {} ({}) FROM STDIN").format(sql.Identifier(table), names)
            with conn.cursor() as cur, cur.copy(copy) as out:
                for row in lite.execute(f"SELECT {', '.join(columns)} FROM {table}"):
                    out.write_row(row)
        for table in ("players", "sessions", "answers"):
            conn.execute(
                sql.SQL("SELECT setval(pg_get_serial_sequence({}, 'id'), max(id)) FROM {}").format(
                    sql.Literal(table), sql.Identifier(table)
                )
            )
        conn.commit()
        conn.autocommit = True
        conn.execute("VACUUM ANALYZE")
    lite.close()


def stats_ms(context: Context, location: str, runs: int) -> float:
    command = [sys.executable, "-m", "quiz", "stats", "--json"]
    env = quiz_env(context, Path(location), QUIZ_DB=location)

    def once() -> float:
        started = time.perf_counter()
        subprocess.run(command, env=env, check=True, capture_output=True)
        return time.perf_counter() - started

    once()  # warm the caches (page cache, bank cache, the server's buffers)
    return statistics.median(once() for _ in range(runs)) * 1000


def stats_at_scale(context: Context) -> Iterable[Result]:
    source, answers = big_history(context)
    label = f"{answers:,}"
    runs = max(3, context.runs)
    with pg_database("stats") as url:
        if url is not None:
            started = time.perf_counter()
            copy_into_postgres(source, url)
            copied = time.perf_counter() - started
            yield Result(f"quiz stats --json, one player of {label} answers (PostgreSQL)",
                         stats_ms(context, url, runs), "ms", BOUND_MS,
                         detail=f"whole process; data copied in {copied:.0f} s")  # fmt: skip
        yield Result(f"quiz stats --json, one player of {label} answers (SQLite)",
                     stats_ms(context, str(source), runs), "ms", BOUND_MS,
                     detail="whole process, the same data")  # fmt: skip
