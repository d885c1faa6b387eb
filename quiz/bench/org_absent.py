"""The `org absent` case: `quiz org absent --json` over the org case's campaign (10,000,000
answers from 100,000 members in 1,000 units; smoke: 20,000 from 500 in 8), the same file,
built once in the work folder: the members with no answer in a month, and in one college, as
whole processes, on SQLite and then on PostgreSQL (only the tables it reads copied in: the
roster and the per-day running totals). It reads one index entry a member, whatever the
number of answers.

Beside the wall time: the command's CPU time and, on PostgreSQL, the server's (its backends'
CPU time, reaped by the postmaster), with the machine's load: on a shared machine the wall
time includes waiting for a core."""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from quiz.bench.context import Context, Result, median_ms, quiz_env
from quiz.bench.org_case import campaign_db
from quiz.bench.pg_copy import copy_into_postgres
from quiz.bench.procstat import TICK, stat_fields
from quiz.bench.shared_store import pg_database

MONTH = ("--from", "2026-11-01", "--to", "2026-11-30")
COLLEGE = "武汉大学/第1学院"  # there at every size (the smoke run has two colleges)
BOUND_MS = 500.0
"""Issue 29: under 500 ms for the whole process, 100,000 members and 10M answers."""
READ = ("players", "units", "members", "day_totals")
"""What `quiz org absent` reads (parents first)."""


def org_absent(context: Context) -> Iterable[Result]:
    db, label = campaign_db(context)
    yield from absent_results(context, str(db), label, None)
    with pg_database("absent") as url:
        if url is None:
            return
        started = time.perf_counter()
        copy_into_postgres(db, url, READ)
        copied = f"roster and day totals copied in {time.perf_counter() - started:.0f} s"
        yield from absent_results(context, url, f"{label}, PostgreSQL", server_meter(url), copied)


def absent_results(
    context: Context,
    location: str,
    label: str,
    server: Callable[[], float] | None,
    note: str = "",
) -> Iterable[Result]:
    """The month for everyone, and for one college."""
    for name, scope in (("a month", ()), ("a month, one college", ("--unit", COLLEGE))):
        timing = whole_process(context, location, (*MONTH, *scope), server)
        detail = f"CPU {timing.cpu:.0f} ms"
        if server is not None:
            detail += f", server {timing.server:.0f} ms"
        detail += f"; {timing.listed:,} members listed; load {timing.load:.1f}"
        detail += f"; {note}" if note else ""
        yield Result(f"quiz org absent --json, {name} ({label}, whole process)", timing.wall,
                     "ms", BOUND_MS, detail)  # fmt: skip


class Timing:
    def __init__(self, wall: float, cpu: float, server: float, listed: int, load: float) -> None:
        self.wall, self.cpu, self.server, self.listed, self.load = wall, cpu, server, listed, load


def whole_process(
    context: Context, location: str, args: tuple[str, ...], server: Callable[[], float] | None
) -> Timing:
    """Medians (ms) of `quiz org absent --json ARGS`: wall, CPU, the server's CPU."""
    command = [sys.executable, "-m", "quiz", "org", "absent", "--json", *args]
    env = quiz_env(context, Path(location), QUIZ_DB=location)
    cpu: list[float] = []
    served: list[float] = []
    listed: list[int] = []

    def once() -> float:
        used = resource.getrusage(resource.RUSAGE_CHILDREN)
        before = server() if server else 0.0
        started = time.perf_counter()
        done = subprocess.run(command, env=env, check=True, capture_output=True)
        wall = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime + after.ru_stime - used.ru_utime - used.ru_stime)
        served.append((server() if server else 0.0) - before)
        listed.append(len(json.loads(done.stdout)["members"]))
        return wall

    once()  # warm the page cache (and the server's buffers)
    cpu.clear()
    served.clear()
    wall = median_ms(context.runs, once)
    return Timing(wall, statistics.median(cpu) * 1000, statistics.median(served) * 1000,
                  listed[-1], os.getloadavg()[0])  # fmt: skip


def server_meter(url: str) -> Callable[[], float] | None:
    """The CPU seconds the server's ended backends have used (the postmaster's reaped
    children), when the server runs on this machine; None otherwise. A backend ends with the
    command's connection, so the difference around a command is what serving it cost (plus
    whatever else the server did meanwhile)."""
    import psycopg

    with psycopg.connect(url) as conn:  # its backend's parent, while it is there
        row = conn.execute("SELECT pg_backend_pid()").fetchone()
        fields = stat_fields(int(row[0])) if row else None
    if fields is None:  # another machine's server
        return None
    postmaster = int(fields[1])

    def reaped() -> float:
        stat = stat_fields(postmaster)
        return (int(stat[13]) + int(stat[14])) / TICK if stat else 0.0

    return reaped
