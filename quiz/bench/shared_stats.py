"""`quiz stats --json` of one player at 10,000,000 answers, on PostgreSQL and on SQLite in the
same run, over the same data: the SQLite history is built first, then copied into a fresh
PostgreSQL database (its running totals with it), so the two answer the same question."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from quiz.bench.context import NOW, Context, Result, quiz_env
from quiz.bench.inputs import bundled_bank
from quiz.bench.pg_copy import copy_into_postgres
from quiz.bench.shared_store import pg_database

BIG = 10_000_000
SMOKE = 5_000
BOUND_MS = 200.0


def big_history(context: Context) -> tuple[Path, int]:
    answers = SMOKE if context.smoke else BIG
    path = context.work / f"history-{answers}.db"
    if not path.exists():
        from quiz.bench.history_db import build

        build(path, bundled_bank(context), answers, today=datetime.fromisoformat(NOW).date())
    return path, answers


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
