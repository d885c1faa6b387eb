"""The benchmark cases: each builds what it needs (cached in the work folder) and returns
named results with their bounds."""

from __future__ import annotations

import asyncio
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from quiz import paths
from quiz.bank import Question, load_bank

NOW = "2026-11-28T12:00:00+08:00"
BIG_ANSWERS = 1_000_000
SMOKE_ANSWERS = 5_000
USER = "player-0"


@dataclass(frozen=True, slots=True)
class Result:
    name: str
    value: float
    unit: str  # "ms", "x" (a ratio), "MB"
    bound: float | None = None

    @property
    def ok(self) -> bool | None:
        return None if self.bound is None else self.value <= self.bound

    @property
    def shown(self) -> str:
        return f"{self.value:.2f}×" if self.unit == "x" else f"{self.value:.1f} {self.unit}"

    @property
    def bound_text(self) -> str:
        if self.bound is None:
            return "—"
        return f"≤ {self.bound:g}×" if self.unit == "x" else f"< {self.bound:g} {self.unit}"

    def as_json(self) -> dict[str, Any]:
        return {"name": self.name, "value": round(self.value, 3), "unit": self.unit,
                "bound": self.bound, "ok": self.ok}  # fmt: skip


@dataclass
class Context:
    work: Path
    smoke: bool
    runs: int
    cache: dict[str, Any] = field(default_factory=dict)

    def bank(self) -> list[Question]:
        if "bank" not in self.cache:
            self.cache["bank"] = load_bank([paths.bank_dir()]).questions
        return list(self.cache["bank"])

    def history_db(self) -> Path:
        """A score database with a million answers (5,000 in smoke runs), built once."""
        answers = SMOKE_ANSWERS if self.smoke else BIG_ANSWERS
        path = self.work / f"history-{answers}.db"
        if not path.exists():
            from quiz.bench.history_db import build

            started = time.perf_counter()
            build(path, self.bank(), answers, today=datetime.fromisoformat(NOW).date())
            self.cache["build_seconds"] = time.perf_counter() - started
        return path


def median_ms(runs: int, action: Callable[[], float]) -> float:
    """`action` returns the seconds one run took; the median, in milliseconds."""
    return statistics.median(action() for _ in range(runs)) * 1000


@dataclass(frozen=True, slots=True)
class Case:
    name: str
    run: Callable[[Context], Iterable[Result]]


def quiz_env(db: Path) -> dict[str, str]:
    return {**os.environ, "QUIZ_DB": str(db), "QUIZ_USER": USER, "QUIZ_NOW": NOW,
            "QUIZ_LANG": "zh"}  # fmt: skip


def stats_cli(context: Context) -> Iterable[Result]:
    db = context.history_db()
    command = [sys.executable, "-m", "quiz", "stats", "--json"]

    def once() -> float:
        started = time.perf_counter()
        subprocess.run(command, env=quiz_env(db), check=True, capture_output=True)
        return time.perf_counter() - started

    once()  # warm the page cache
    yield Result("quiz stats --json (1M answers, whole process)", median_ms(context.runs, once),
                 "ms", 200.0)  # fmt: skip


def screens(context: Context) -> Iterable[Result]:
    """Home, history and statistics screens opened over the big database, in a headless app."""
    db = context.history_db()
    timings = asyncio.run(_time_screens(db, context.runs))
    for name, values in timings.items():
        yield Result(f"open {name} screen (1M answers)", statistics.median(values) * 1000, "ms",
                     200.0)  # fmt: skip


async def _time_screens(db: Path, runs: int) -> dict[str, list[float]]:
    from quiz.engine.clock import FixedClock
    from quiz.services import Services
    from quiz.settings import Settings
    from quiz.tui.app import QuizApp
    from quiz.tui.screens.history import HistoryScreen
    from quiz.tui.screens.home import HomeScreen
    from quiz.tui.screens.stats import StatsScreen

    settings = Settings(lang="zh", bank=paths.bank_dir(), db=db, user=USER)
    services = Services(settings, clock=FixedClock(datetime.fromisoformat(NOW)))
    app = QuizApp(services)
    timings: dict[str, list[float]] = {"home": [], "history": [], "statistics": []}
    async with app.run_test(size=(100, 30)) as pilot:
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
    import shutil

    from quiz.engine.clock import FixedClock
    from quiz.engine.modes import Mode
    from quiz.play import Run
    from quiz.store import Store

    db = context.work / "record.db"
    shutil.copy(context.history_db(), db)
    store = Store(db)
    clock = FixedClock(datetime.now(UTC))
    run = Run.start(store, USER, context.bank(), Mode.EXAM, clock, seed=1, count=20)
    durations = []
    for index in range(40 if not context.smoke else 5):
        run.session.go_to(index % 20)
        started = time.perf_counter()
        run.submit(run.session.current.answer, 3.0)
        durations.append(time.perf_counter() - started)
    store.close()
    yield Result("record one answer (1M answers)", statistics.median(durations) * 1000, "ms", 5.0)


CASES: tuple[Case, ...] = (
    Case("stats-cli", stats_cli),
    Case("screens", screens),
    Case("record-answer", record_answer),
)
