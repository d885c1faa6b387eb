"""Reading and writing a big score history: `quiz stats`, the screens that read it, recording
one answer."""

from __future__ import annotations

import asyncio
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from quiz.bench.context import NOW, USER, Context, Result, median_ms, quiz_env
from quiz.bench.inputs import bundled_bank, history_db
from quiz.system import paths


def stats_cli(context: Context) -> Iterable[Result]:
    db = history_db(context)
    command = [sys.executable, "-m", "quiz", "stats", "--json"]

    def once() -> float:
        started = time.perf_counter()
        subprocess.run(command, env=quiz_env(context, db), check=True, capture_output=True)
        return time.perf_counter() - started

    once()  # warm the page cache
    yield Result(f"quiz stats --json ({context.answers_label} answers, whole process)",
                 median_ms(context.runs, once),
                 "ms", 200.0)  # fmt: skip


def screens(context: Context) -> Iterable[Result]:
    """Home, history and statistics screens opened over the big database, in a headless app."""
    db = history_db(context)
    timings = asyncio.run(_time_screens(db, context.runs))
    for name, values in timings.items():
        yield Result(f"open {name} screen ({context.answers_label} answers)",
                     statistics.median(values) * 1000, "ms",
                     200.0)  # fmt: skip


async def _time_screens(db: Path, runs: int) -> dict[str, list[float]]:
    from quiz.system.clock import FixedClock
    from quiz.system.settings import Settings
    from quiz.tui.app import QuizApp
    from quiz.tui.screens.history import HistoryScreen
    from quiz.tui.screens.home import HomeScreen
    from quiz.tui.screens.stats import StatsScreen
    from quiz.usecases.services import Services

    settings = Settings(lang="zh", bank=paths.bank_dir(), db=db, user=USER)
    services = Services(settings, clock=FixedClock(datetime.fromisoformat(NOW)))
    app = QuizApp(services)
    timings: dict[str, list[float]] = {"home": [], "history": [], "statistics": []}
    async with app.run_test(size=(100, 30)) as pilot:
        while not app.ready:  # the bank and the store load in a thread after the first frame
            await pilot.pause(0.01)
        await app.workers.wait_for_complete()
        for _ in range(runs):
            screen_kinds: tuple[tuple[str, type[Any]], ...] = (
                ("home", HomeScreen), ("history", HistoryScreen), ("statistics", StatsScreen),
            )  # fmt: skip
            for name, kind in screen_kinds:
                await app.workers.wait_for_complete()
                started = time.perf_counter()
                screen = kind()
                await app.push_screen(screen)
                while not screen.loaded:
                    await pilot.pause(0.001)
                timings[name].append(time.perf_counter() - started)
                await app.pop_screen()
    return timings


def record_answer(context: Context) -> Iterable[Result]:
    """Committing one answer into the big database (WAL, the totals updated too)."""
    from quiz.engine.modes import Mode
    from quiz.store.opening import open_store
    from quiz.system.clock import FixedClock
    from quiz.usecases.play import Run

    db = context.work / "record.db"
    shutil.copy(history_db(context), db)
    store = open_store(db)
    clock = FixedClock(datetime.now(UTC))
    run = Run.start(store, USER, bundled_bank(context), Mode.EXAM, clock, seed=1, count=20)
    durations = []
    for index in range(40 if not context.smoke else 5):
        run.session.go_to(index % 20)
        started = time.perf_counter()
        run.submit(run.session.current.answer, 3.0)
        durations.append(time.perf_counter() - started)
    store.close()
    for suffix in ("", "-wal", "-shm"):
        db.with_name(db.name + suffix).unlink(missing_ok=True)
    yield Result(
        f"record one answer ({context.answers_label} answers)",
        statistics.median(durations) * 1000,
        "ms",
        5.0,
    )
