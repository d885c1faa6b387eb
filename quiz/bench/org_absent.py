"""`quiz org absent` over the org case's campaign (10,000,000 answers, 100,000 members): the
members with no answer in a month, as a whole process, on SQLite and on PostgreSQL over the
same data (measured inside the org case, which builds the campaign once and copies it once).
It reads the per-day running totals: one index lookup a member, whatever the answers."""

from __future__ import annotations

import json
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Iterable
from pathlib import Path

from quiz.bench.context import Context, Result, median_ms, quiz_env

MONTH = ("--from", "2026-11-01", "--to", "2026-11-30")
COLLEGE = "武汉大学/第1学院"  # there at every size (the smoke run has two colleges)
BOUND_MS = 500.0
"""Issue 29: under 500 ms for the whole process, 100,000 members and 10M answers."""


def absent_results(context: Context, location: str, label: str) -> Iterable[Result]:
    """The month for everyone, and for one college, as whole processes."""
    for name, scope in (("a month", ()), ("a month, one college", ("--unit", COLLEGE))):
        wall, cpu, listed = whole_process(context, location, (*MONTH, *scope))
        detail = f"CPU {cpu:.0f} ms (the client's); {listed:,} members listed"
        name = f"quiz org absent --json, {name} ({label}, whole process)"
        yield Result(name, wall, "ms", BOUND_MS, detail)


def whole_process(
    context: Context, location: str, args: tuple[str, ...]
) -> tuple[float, float, int]:
    """Median wall and CPU time (ms) of `quiz org absent --json ARGS`, and how many members it
    listed."""
    command = [sys.executable, "-m", "quiz", "org", "absent", "--json", *args]
    env = quiz_env(context, Path(location), QUIZ_DB=location)
    cpu: list[float] = []
    listed: list[int] = []

    def once() -> float:
        used = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        done = subprocess.run(command, env=env, check=True, capture_output=True)
        wall = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime + after.ru_stime - used.ru_utime - used.ru_stime)
        listed.append(len(json.loads(done.stdout)["members"]))
        return wall

    once()  # warm the page cache (and the server's buffers)
    cpu.clear()
    wall = median_ms(context.runs, once)
    return wall, statistics.median(cpu) * 1000, listed[-1]
