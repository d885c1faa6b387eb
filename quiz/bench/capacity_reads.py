"""What a person waits for on PostgreSQL beside SQLite: `quiz stats --json`, `quiz history
--json` and `quiz org report --json`, whole processes, on the same campaign (the org case's
database, copied into PostgreSQL), as its busiest player.

Each round runs every command once on each backend, the order alternating between rounds so
neither backend always follows the other; the first round only warms the caches (page cache,
the server's buffers, compiled modules). The figure is the median of each command's wall time,
and the ratio PostgreSQL ÷ SQLite; the largest of the three ratios is the bound's value.
"""

from __future__ import annotations

import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

from quiz.bench.context import Context, quiz_env
from quiz.bench.org_case import MONTH, campaign_db
from quiz.bench.pg_copy import copy_into_postgres
from quiz.bench.shared_store import pg_database

COMMANDS = {
    "stats": ["stats", "--json"],
    "history": ["history", "--json", "--limit", "50"],
    "org report": ["org", "report", "--json", "--from", MONTH[0], "--to", MONTH[1]],
}
ROUNDS = 6
SMOKE_ROUNDS = 2


def busiest_player(db: Path) -> str:
    with sqlite3.connect(db) as conn:
        row = conn.execute(
            "SELECT p.name FROM sessions s JOIN players p ON p.id = s.player_id "
            "GROUP BY p.name ORDER BY count(*) DESC, p.name LIMIT 1"
        ).fetchone()
    return str(row[0])


def wall_ms(context: Context, location: str, user: str, arguments: list[str]) -> float:
    env = quiz_env(context, Path(location), QUIZ_DB=location, QUIZ_USER=user)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "quiz", *arguments], env=env, check=True,
                   capture_output=True)  # fmt: skip
    return (time.perf_counter() - started) * 1000


def reads_beside_sqlite(context: Context) -> dict[str, object]:
    db, label = campaign_db(context)
    user = busiest_player(db)
    rounds = SMOKE_ROUNDS if context.smoke else ROUNDS
    with pg_database("reads") as url:
        if url is None:
            return {"skipped": "no PostgreSQL server answers"}
        copy_into_postgres(db, url)
        times: dict[tuple[str, str], list[float]] = {}
        for round_ in range(rounds):
            backends = [("sqlite", str(db)), ("postgres", url)]
            if round_ % 2:
                backends.reverse()
            for name, arguments in COMMANDS.items():
                for backend, location in backends:
                    took = wall_ms(context, location, user, arguments)
                    if round_:  # the first round warms
                        times.setdefault((name, backend), []).append(took)
    figures: dict[str, object] = {"data": label, "player": user}
    ratios = []
    for name in COMMANDS:
        pg = statistics.median(times[(name, "postgres")])
        lite = statistics.median(times[(name, "sqlite")])
        ratios.append(pg / lite)
        figures[name] = {"postgres_ms": round(pg, 1), "sqlite_ms": round(lite, 1),
                         "ratio": round(pg / lite, 3)}  # fmt: skip
    figures["pg_vs_sqlite"] = round(max(ratios), 3)
    return figures
