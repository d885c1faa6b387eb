"""The benchmark cases: each builds what it needs (cached in the work folder) and returns
named results with their bounds."""

from __future__ import annotations

import asyncio
import importlib
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
from quiz.bench.shared import xxqg_tiku

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

    @property
    def answers_label(self) -> str:
        return f"{SMOKE_ANSWERS:,}" if self.smoke else "1M"

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
    yield Result(f"quiz stats --json ({context.answers_label} answers, whole process)",
                 median_ms(context.runs, once),
                 "ms", 200.0)  # fmt: skip


def screens(context: Context) -> Iterable[Result]:
    """Home, history and statistics screens opened over the big database, in a headless app."""
    db = context.history_db()
    timings = asyncio.run(_time_screens(db, context.runs))
    for name, values in timings.items():
        yield Result(f"open {name} screen ({context.answers_label} answers)",
                     statistics.median(values) * 1000, "ms",
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
    yield Result(
        f"record one answer ({context.answers_label} answers)",
        statistics.median(durations) * 1000,
        "ms",
        5.0,
    )


CASES: tuple[Case, ...] = (
    Case("stats-cli", stats_cli),
    Case("screens", screens),
    Case("record-answer", record_answer),
)


# -- start-up and bank loading (issue: fast at any size) --------------------------------------

HEADLESS = {
    "TEXTUAL_DRIVER": "textual.drivers.headless_driver:HeadlessDriver",
    "TEXTUAL_PRESS": "ctrl+q",
}
XXQG = xxqg_tiku()
BIG_COUNT = 100_000
SMOKE_BIG = 2_000


def _wall(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, env=env, check=True, capture_output=True)
    return time.perf_counter() - started


def startup_ratio(
    context: Context, name: str, quiz_env_extra: dict[str, str], bound: float
) -> Result:
    """Whole processes, quiz and a bare Textual app, run alternately; ratio of the medians."""
    bare = [sys.executable, "-m", "quiz.bench.bare_app"]
    quiz = [sys.executable, "-m", "quiz"]
    base_env = {**os.environ, **HEADLESS, "QUIZ_LANG": "zh", "QUIZ_NOW": NOW}
    env = {**base_env, **quiz_env_extra}
    _wall(quiz, env)  # warm the bank cache and the page cache
    runs = max(3, context.runs + 2)
    bare_times, quiz_times = [], []
    for _ in range(runs):
        bare_times.append(_wall(bare, base_env))
        quiz_times.append(_wall(quiz, env))
    return Result(name, statistics.median(quiz_times) / statistics.median(bare_times), "x", bound)


def xxqg_bank(context: Context) -> Path | None:
    """The real 学习强国 bank imported to YAML (9,370 records), once."""
    folder = context.work / "xxqg-bank"
    target = folder / "xxqg.yaml"
    if target.exists():
        return folder
    try:
        formats = importlib.import_module("quiz.bank.formats")  # needs the import feature
    except ImportError:
        return None
    bank_yaml, read_xxqg = formats.bank_yaml, formats.read_xxqg
    if not XXQG.exists():
        return None

    report = read_xxqg(XXQG.read_text(encoding="utf-8"))
    folder.mkdir(parents=True, exist_ok=True)
    target.write_text(
        bank_yaml(report.questions, section="学习强国题库", origin=str(XXQG)), "utf-8"
    )
    return folder


def big_bank(context: Context) -> Path | None:
    """100,000 questions (2,000 in smoke runs): the imported xxqg bank repeated under fresh
    ids, in files of 1,000 — the size a large imported bank really has."""
    count = SMOKE_BIG if context.smoke else BIG_COUNT
    folder = context.work / f"big-{count}"
    if folder.exists():
        return folder
    source = xxqg_bank(context)
    if source is None:
        return None
    from quiz.author.writing import bank_file_text
    from quiz.bench.big_bank import mapping

    questions = load_bank([source]).questions
    folder.mkdir(parents=True)
    per_file = 1000
    for start in range(0, count, per_file):
        batch = [
            mapping(questions[n % len(questions)], f"big-{n:06d}")
            for n in range(start, min(count, start + per_file))
        ]
        text = bank_file_text(batch, section=f"第{start // per_file + 1}组", origin="generated")
        (folder / f"part-{start // per_file:04d}.yaml").write_text(text, "utf-8")
    return folder


def pyyaml_seconds(folder: Path) -> float:
    import yaml

    started = time.perf_counter()
    for path in sorted(folder.glob("*.yaml")):
        yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)  # noqa: TID251 - the yardstick
    return time.perf_counter() - started


def load_seconds(folder: Path, cache: Path | None) -> tuple[float, float]:
    """(seconds, max RSS in MB) of loading the bank in a fresh process."""
    code = (
        "import sys, time, resource; from pathlib import Path; from quiz.bank import load_bank\n"
        "cache = Path(sys.argv[2]) if sys.argv[2] else None\n"
        "t = time.perf_counter(); bank = load_bank([Path(sys.argv[1])], cache)\n"
        "print(time.perf_counter() - t, len(bank.questions), len(bank.errors),\n"
        "      resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(folder), str(cache or "")],
        check=True, capture_output=True, text=True,
    ).stdout.split()  # fmt: skip
    if int(out[2]):
        raise RuntimeError(f"{folder}: the generated bank has errors")
    return float(out[0]), float(out[3])


def loading(context: Context) -> Iterable[Result]:
    big = f"{SMOKE_BIG if context.smoke else BIG_COUNT:,}"
    for label, folder in (("xxqg 9,370", xxqg_bank(context)), (big, big_bank(context))):
        if folder is None:
            continue
        cache = context.work / f"cache-{folder.name}"
        firsts, warms, memory = [], [], 0.0
        yardstick = statistics.median(
            pyyaml_seconds(folder) for _ in range(max(1, context.runs // 2))
        )
        for _ in range(max(1, context.runs // 2)):
            shutil_rmtree(cache)
            first, _ = load_seconds(folder, cache)
            firsts.append(first)
            warm, memory = load_seconds(folder, cache)
            warms.append(warm)
        yield Result(f"first load, {label} (÷ PyYAML CSafeLoader parse)",
                     statistics.median(firsts) / yardstick, "x", 1.2)  # fmt: skip
        yield Result(f"warm load from cache, {label}", statistics.median(warms) * 1000, "ms",
                     300.0 if label == big else None)  # fmt: skip
        if label == big:
            yield Result(f"memory after loading {big} (max RSS)", memory, "MB", 300.0)


def shutil_rmtree(path: Path) -> None:
    import shutil

    shutil.rmtree(path, ignore_errors=True)


def startup(context: Context) -> Iterable[Result]:
    db = context.work / "startup.db"
    yield startup_ratio(context, "start-up to home, bundled bank (÷ bare Textual app)",
                        {"QUIZ_DB": str(db)}, 1.3)  # fmt: skip
    folder = xxqg_bank(context)
    if folder is not None:
        yield startup_ratio(
            context, "start-up to home, 9,370-question bank (÷ bare Textual app)",
            {"QUIZ_DB": str(db), "QUIZ_BANK": str(folder),
             "QUIZ_CACHE_DIR": str(context.work / "startup-cache")},
            1.5,
        )  # fmt: skip


CASES = (Case("startup", startup), Case("loading", loading), *CASES)
