"""The `org report` case: a campaign of 10,000,000 answers from 100,000 members in 1,000
units (smoke: 20,000 from 500 in 8), built once in the work folder, on SQLite; then the same
data copied into a PostgreSQL database and measured there in the same run. The report reads
running totals only, so its time should not grow with the answers. `org absent` has a case of
its own over the same campaign file (quiz.bench.org_absent)."""

from __future__ import annotations

import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from quiz.bench.context import Context, Result, median_ms, quiz_env
from quiz.bench.inputs import bundled_bank
from quiz.bench.pg_copy import copy_into_postgres
from quiz.bench.shared_store import pg_database
from quiz.usecases.org_report import org_report as report_of

FULL = {"answers": 10_000_000, "members": 100_000, "units": 1000}
SMOKE = {"answers": 20_000, "members": 500, "units": 8}
MONTH = ("2026-11-01", "2026-11-30")
COLLEGE, BRANCH = "武汉大学/第3学院", "武汉大学/第3学院/第2系/第5支部"


def campaign_db(context: Context) -> tuple[Path, str]:
    size = SMOKE if context.smoke else FULL
    label = "{answers:,} answers, {members:,} members, {units:,} units".format(**size)
    path = context.work / "campaign-{answers}-{members}-{units}.db".format(**size)
    if not path.exists():
        from quiz.bench.org_db import build

        started = time.perf_counter()
        building = path.with_suffix(".building")
        build(building, bundled_bank(context), answers=size["answers"], members=size["members"],
              units=size["units"])  # fmt: skip
        building.rename(path)
        print(f"  built {path.name} in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return path, label


def org_report(context: Context) -> Iterable[Result]:
    """On SQLite, then on PostgreSQL over the same data (copied in), in the same run."""
    db, label = campaign_db(context)
    wall, cpu = whole_process(context, str(db))
    # CPU time beside the wall time: on a shared machine the wall time includes waiting.
    yield Result(f"quiz org report --json, a month ({label}, whole process)", wall, "ms",
                 500.0, f"CPU {cpu:.0f} ms")  # fmt: skip
    yield from in_process(db, label, context.runs)
    with pg_database("org") as url:
        if url is None:
            return
        started = time.perf_counter()
        copy_into_postgres(db, url)
        copied = time.perf_counter() - started
        wall, cpu = whole_process(context, url)
        yield Result(f"quiz org report --json, a month ({label}, whole process, PostgreSQL)",
                     wall, "ms", 500.0,
                     f"CPU {cpu:.0f} ms (the client's); data copied in {copied:.0f} s")  # fmt: skip
        yield from in_process(url, f"{label}, PostgreSQL", context.runs)


def whole_process(context: Context, location: str) -> tuple[float, float]:
    """`quiz org report --json` for the month: median wall and CPU time (ms) of the process."""
    command = [sys.executable, "-m", "quiz", "org", "report", "--json",
               "--from", MONTH[0], "--to", MONTH[1]]  # fmt: skip
    env = quiz_env(context, Path(location), QUIZ_DB=location)
    cpu: list[float] = []

    def once() -> float:
        used = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run(command, env=env, check=True, capture_output=True)
        wall = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime + after.ru_stime - used.ru_utime - used.ru_stime)
        return wall

    once()  # warm the page cache (and the server's buffers)
    cpu.clear()
    wall = median_ms(context.runs, once)
    return wall, statistics.median(cpu) * 1000


def in_process(db: Path | str, label: str, runs: int) -> Iterable[Result]:
    """The report alone (no process start), for other windows and units: no bounds, to show
    where the time goes."""
    from quiz.store.opening import open_store

    store = open_store(db)
    cases = {
        "whole history": (None, None, None),
        "a month": (date.fromisoformat(MONTH[0]), date.fromisoformat(MONTH[1]), None),
        "a week": (date(2026, 11, 9), date(2026, 11, 15), None),
        "a day": (date(2026, 11, 5), date(2026, 11, 5), None),
        "a month, one college": (date(2026, 11, 1), date(2026, 11, 30), COLLEGE),
        "a week, one branch": (date(2026, 11, 9), date(2026, 11, 15), BRANCH),
    }
    for name, (start, end, scope) in cases.items():
        if scope is not None and not store.unit_exists(scope):
            continue
        report_of(store, start, end, scope)
        timings, cpu = [], []
        for _ in range(max(3, runs)):
            started, used = time.perf_counter(), time.process_time()
            report_of(store, start, end, scope)
            timings.append(time.perf_counter() - started)
            cpu.append(time.process_time() - used)
        yield Result(f"org report in process, {name} ({label})",
                     statistics.median(timings) * 1000, "ms",
                     detail=f"CPU {statistics.median(cpu) * 1000:.0f} ms")  # fmt: skip
    store.close()
