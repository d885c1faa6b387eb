"""One campaign on one database: answers recorded per second by 50 writers at once, each with
its own connection, on PostgreSQL and, in the same run, on SQLite (one file, 50 connections).

Writers are threads in a few processes (so the Python side uses both cores); five writers play
as each player, so their finishing runs race for the same daily caps. Afterwards the database is
read back: every answer stored once, no cap exceeded. The PostgreSQL server comes from
QUIZ_BENCH_PG (else postgres@127.0.0.1:5432); the bench makes its own database and drops it.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import secrets
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from quiz.bench.context import NOW, Context, Result
from quiz.bench.procstat import cpu_seconds
from quiz.system.locations import shown

PG_SERVER = os.environ.get("QUIZ_BENCH_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
WRITERS = 50
PROCESSES = 10
SMOKE_WRITERS, SMOKE_PROCESSES = 4, 2
START_SECONDS = 60.0
"""Time for every writer to load the bank and connect."""
RUN_SECONDS = 600.0
PLAYERS = 50
ANSWERS_EACH = 200
SMOKE_ANSWERS_EACH = 4
MODES = ("daily", "topic", "exam")


@contextmanager
def pg_database(tag: str) -> Iterator[str | None]:
    """A fresh database on the server (None when no server answers), dropped afterwards."""
    import psycopg
    from psycopg import sql

    try:
        admin = psycopg.connect(PG_SERVER, autocommit=True, connect_timeout=3)
    except psycopg.Error:
        yield None
        return
    name = f"quiz_bench_{tag}_{os.getpid()}_{secrets.token_hex(3)}"
    admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    parts = urlsplit(PG_SERVER)
    try:
        yield urlunsplit((parts.scheme, parts.netloc, f"/{name}", "", ""))
    finally:
        admin.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
        admin.close()


def _play(
    locations: list[str], index: int, quota: int, start: Any, totals: list[int], stores: list[Any]
) -> None:
    """One writer: runs of the daily set, topic practice and a short exam, as its player,
    until it has given `quota` answers. Waits at `start` once ready, so all begin together.
    An answer the store refuses (SQLite: still locked after its busy timeout) ends that run;
    `totals` gets the answers stored, then those refused, in the writer's two slots."""
    from quiz.bank.loader import load_bank
    from quiz.engine.modes import Mode
    from quiz.store.errors import StoreError
    from quiz.store.opening import open_store
    from quiz.system.clock import FixedClock
    from quiz.system.paths import bank_dir
    from quiz.usecases.play import Run

    try:
        questions = [q for q in load_bank([bank_dir()]).questions if not q.draft]
        topic = questions[0].section
        store = open_store(locations[index % len(locations)], connections=1)
        stores.append(store)  # closed by the process, once the server's CPU has been read
    except BaseException:
        start.abort()  # nobody waits for a writer that will never come (a full server)
        raise
    clock = FixedClock(datetime.fromisoformat(NOW))
    user = f"writer-{index % PLAYERS}"
    answered = refused = runs = 0
    start.wait(START_SECONDS)
    while answered + refused < quota:
        mode = Mode(MODES[(index + runs) % len(MODES)])
        run = Run.start(store, user, questions, mode, clock, seed=index * 1000 + runs,
                        topic=topic)  # fmt: skip
        runs += 1
        if run.session_id is None:  # the store refused to start it: it would play unsaved
            refused += 1
            continue
        session = run.session
        while session.phase.value != "finished":
            if session.rules.navigable:
                if len(session.answers) == len(session.plan.questions):
                    session.hand_in()
                    break
                session.go_to(len(session.answers))
            right = (answered + index) % 4 != 0
            try:
                run.submit(session.current.answer if right else ("?",), 3.0)
            except StoreError:
                refused += 1
                break
            answered += 1
            if session.phase.value == "feedback":
                session.proceed()
        run.finish()
    totals[2 * index], totals[2 * index + 1] = answered, refused


def _process(
    locations: list[str], writers: range, quota: int, start: Any, results: Any, release: Any
) -> None:
    _exit_with_parent()
    totals = [-1] * (2 * writers.stop)
    stores: list[Any] = []
    threads = [
        threading.Thread(target=_play, args=(locations, index, quota, start, totals, stores))
        for index in writers
    ]
    for thread in threads:
        thread.start()
    try:
        start.wait(START_SECONDS)
    except threading.BrokenBarrierError:
        results.put(None)  # a writer could not start: the parent says so and stops
        return
    cpu = time.process_time()  # this process's writers, from the start on
    for thread in threads:
        thread.join()
    mine = [totals[2 * i : 2 * i + 2] for i in writers]
    if any(stored < 0 for stored, _ in mine):  # a writer died (its error is on stderr)
        results.put(None)
        return
    results.put((sum(a for a, _ in mine), sum(r for _, r in mine), time.process_time() - cpu))
    release.wait(RUN_SECONDS)
    for store in stores:
        store.close()


def _exit_with_parent() -> None:
    """A writer process never outlives the bench (killed by a test's timeout, say): it would
    hold its connections to the server for good."""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def server_cpu(location: str) -> float:
    """CPU seconds used so far by the PostgreSQL backends serving `location`'s database (the
    server runs on this machine): with the writers' own, what an answer costs in all."""
    from quiz.system.locations import is_url

    if not is_url(location):
        return 0.0
    import psycopg

    with psycopg.connect(location, autocommit=True) as conn:
        pids = [int(pid) for (pid,) in conn.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid()"
        ).fetchall()]  # fmt: skip
    total = 0.0
    for pid in pids:
        with contextlib.suppress(ProcessLookupError):  # a backend that ended meanwhile
            total += cpu_seconds(pid)
    return total


def answers_per_second(
    location: str,
    quota: int,
    writers: int = WRITERS,
    processes_count: int = PROCESSES,
    server_meter: Callable[[str], float] = server_cpu,
    writer_locations: list[str] | None = None,
) -> tuple[float, int, int, float, float]:
    """(answers stored per second, answers stored, answers refused, then CPU milliseconds per
    answer: the writers' and the server's, as `server_meter` reads it) for `writers` writers over
    one migrated store. A writer that cannot start or dies (a server refusing connections) fails
    the case at once instead of leaving the others waiting. Writer i connects to
    `writer_locations[i]` when given (each as its own member), else to `location`."""
    from quiz.store.opening import open_store

    open_store(location).close()  # migrated once, before the writers race to it
    fork = multiprocessing.get_context("fork")
    start = fork.Barrier(writers + processes_count + 1)
    results = fork.Queue()
    release = fork.Event()
    share = writers // processes_count
    processes = [
        fork.Process(target=_process, args=(writer_locations or [location],
                                            range(n * share, (n + 1) * share), quota,
                                            start, results, release), daemon=True)
        for n in range(processes_count)
    ]  # fmt: skip
    try:
        for process in processes:
            process.start()
        try:
            start.wait(START_SECONDS)  # every writer has its connection and its bank: go
        except threading.BrokenBarrierError:
            raise RuntimeError(f"{shown(location)}: the writers could not all start") from None
        began = time.perf_counter()
        server_before = server_meter(location)
        counts = [results.get(timeout=RUN_SECONDS) for _ in processes]
        seconds = time.perf_counter() - began
        server = server_meter(location) - server_before
        if any(count is None for count in counts):
            raise RuntimeError(f"{shown(location)}: a writer failed (see its error above)")
        release.set()
        for process in processes:
            process.join(RUN_SECONDS)
    finally:
        for process in processes:
            if process.is_alive():
                process.kill()
    stored, refused = sum(c[0] for c in counts), sum(c[1] for c in counts)
    writers_ms = sum(c[2] for c in counts) * 1000 / max(1, stored)
    return stored / seconds, stored, refused, writers_ms, server * 1000 / max(1, stored)


def check(location: str, given: int, players: int = PLAYERS) -> str:
    """What went wrong, read back from the store: answers lost or doubled, a cap exceeded."""
    from quiz.engine.modes import RULES, Mode
    from quiz.store.opening import open_store

    store = open_store(location, connections=1)
    day = datetime.fromisoformat(NOW).date()
    problems = []
    stored = 0
    for player in range(players):
        user = f"writer-{player}"
        sessions = store.sessions(user)
        stored += sum(len(store.answers(s.id)) for s in sessions)
        tally = store.day_tally(user, day)
        for mode, points in tally.points.items():
            if points > RULES[mode].daily_cap:
                problems.append(f"{user} {mode.value} {points} > {RULES[mode].daily_cap}")
        if sum(1 for s in sessions if s.mode is Mode.DAILY and s.points) > 1:
            problems.append(f"{user}: two daily runs scored")
    store.close()
    if stored != given:
        problems.append(f"{given} answers given, {stored} stored")
    return "; ".join(problems)


def concurrent_writers(context: Context) -> Iterable[Result]:
    quota = SMOKE_ANSWERS_EACH if context.smoke else ANSWERS_EACH
    with pg_database("writers") as url:
        sqlite = str(context.work / f"writers-{secrets.token_hex(3)}.db")
        for name, location in (("PostgreSQL", url), ("SQLite", sqlite)):
            if location is None:
                continue
            count, processes = (
                (SMOKE_WRITERS, SMOKE_PROCESSES) if context.smoke else (WRITERS, PROCESSES)
            )
            rate, given, refused, writers_ms, server_ms = answers_per_second(
                location, quota, count, processes
            )
            cpu_ms = writers_ms + server_ms
            problems = check(location, given)
            if problems:
                raise RuntimeError(f"{name}: {problems}")
            detail = (
                f"{given:,} answers, none lost, doubled or over a cap; {cpu_ms:.2f} ms CPU each "
                f"(writers {writers_ms:.2f}, server {server_ms:.2f}): {2000 / cpu_ms:,.0f}/s on "
                "2 free cores"
            )
            if refused:
                detail += f"; {refused:,} refused, the database still locked after its timeout"
            yield Result(f"answers recorded per second, {count} writers at once ({name})",
                         rate, "/s", detail=detail)  # fmt: skip
