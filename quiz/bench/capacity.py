"""`python -m quiz.bench --only capacity`: the shared and served campaign at its size, each
figure measured beside its reference in the same run (pgbench, SQLite) and printed beside it.

The figures go to bench-results.json under "capacity". The case runs only when asked: it needs a
PostgreSQL server on this machine and takes many minutes.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Iterable
from typing import Any

from quiz.bench.capacity_pg import writers_beside_pgbench
from quiz.bench.capacity_reads import reads_beside_sqlite
from quiz.bench.capacity_rooms import room_at_scale
from quiz.bench.capacity_serve import served_at_scale
from quiz.bench.context import Context, Result

WRITERS_VS_PGBENCH = 0.8
PG_VS_SQLITE = 1.3
PSS_MB = 12.0
IDLE_SESSIONS = 200
KEY_P99_MS = 150.0
ROOM_P99_MS = 250.0


def capacity(context: Context) -> Iterable[Result]:
    figures: dict[str, Any] = {}
    context.cache["capacity"] = figures
    for name, measure in (
        ("writers beside pgbench", lambda: writers_beside_pgbench(context.smoke, context.work)),
        ("reads beside SQLite", lambda: reads_beside_sqlite(context)),
        ("served sessions", lambda: served_at_scale(context)),
        ("one large room", lambda: room_at_scale(context.smoke)),
    ):
        print(f"  capacity: {name}", file=sys.stderr, flush=True)
        try:
            figures |= measure()
        except Exception:  # one part's failure leaves the others' figures standing
            traceback.print_exc()
            figures.setdefault("failed", []).append(name)
    return results(figures)


def results(f: dict[str, Any]) -> list[Result]:
    rows: list[Result] = []
    if f.get("writers_per_s") is not None:
        if f.get("pgbench_tps"):
            rows.append(
                Result(
                    f"answers/s, {f['writers']} writers on PostgreSQL ÷ pgbench TPC-B-like tps",
                    f["writers_vs_pgbench"],
                    "x",
                    WRITERS_VS_PGBENCH,
                    minimum=True,
                    detail=f"{f['writers_per_s']:,.0f}/s against {f['pgbench_tps']:,.0f} tps, "
                    f"medians of {f['rounds']} rounds in turns",
                )
            )
            rows.append(
                Result(
                    "server CPU per answer, beside pgbench's per transaction",
                    f["writers_server_ms"],
                    "ms",
                    detail=f"pgbench {f['pgbench_server_ms']:.3f} ms",
                )
            )
        else:
            rows.append(
                Result(
                    f"answers/s, {f['writers']} writers on PostgreSQL",
                    f["writers_per_s"],
                    "/s",
                    detail=f["pgbench_skipped"],
                )
            )
    if "pg_vs_sqlite" in f:
        each = ", ".join(
            f"{n} {f[n]['postgres_ms']:.0f}/{f[n]['sqlite_ms']:.0f} ms"
            for n in ("stats", "history", "org report")
        )
        rows.append(
            Result(
                "stats, history, org report: PostgreSQL ÷ SQLite, whole process (worst)",
                f["pg_vs_sqlite"],
                "x",
                PG_VS_SQLITE,
                detail=each,
            )
        )
    if "serve_pss_mb" in f:
        rows.append(
            Result(
                "unique memory (PSS) of an idle served session",
                f["serve_pss_mb"],
                "MB",
                PSS_MB,
                detail=f"RSS {f['serve_rss_mb']:.1f} MB",
            )
        )
        rows.append(
            Result(
                "idle sessions held by one host",
                f["serve_idle_sessions"],
                "sessions",
                IDLE_SESSIONS,
                minimum=True,
            )
        )
        rows.append(
            Result(
                f"{f['ssh_players']} players answering at once over SSH, key → frame p99",
                f["ssh_key_p99_ms"],
                "ms",
                KEY_P99_MS,
                detail=f"p50 {f['ssh_key_p50_ms']:.0f} ms of {f['ssh_keys']} keys; the runs' "
                f"first keys p50 {f['ssh_first_key_p50_ms']:.0f} ms, max "
                f"{f['ssh_first_key_max_ms']:.0f} ms; the others p99 "
                f"{f['ssh_later_keys_p99_ms']:.0f} ms",
            )
        )
    if "room_players" in f:
        rows.append(
            Result(
                f"one room of {f['room_players']:,} players, state change p99",
                f["room_p99_ms"] or 0.0,
                "ms",
                ROOM_P99_MS,
                detail=f"{f['room_lost']} lost, {f['room_duplicated']} doubled",
            )
        )
        rows.append(
            Result(
                "room answers lost or doubled", f["room_lost"] + f["room_duplicated"], "answers", 0
            )
        )
        largest = f["room_largest_under_250ms"]
        rows.append(
            Result(
                "largest room with p99 < 250 ms",
                largest["players"] if largest else 0,
                "players",
                detail=f"p99 {largest['p99_ms']} ms" if largest else "none held",
            )
        )
    return rows
