"""Loading banks: the first load (parsing, ÷ PyYAML's own parse of the same files), the warm
load from the cache, the memory it takes, importing the real xxqg bank, and `quiz stats` on a
large bank against the bundled one (the cache makes the difference small)."""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Iterable
from pathlib import Path

from quiz.bench.context import Context, Result, quiz_env
from quiz.bench.inputs import BIG_COUNT, SMOKE_BIG, big_bank, xxqg_bank, xxqg_label, xxqg_text
from quiz.system import paths


def pyyaml_seconds(folder: Path) -> float:
    import yaml

    started = time.perf_counter()
    for path in sorted(folder.glob("*.yaml")):
        yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)  # noqa: TID251 - the yardstick
    return time.perf_counter() - started


def load_seconds(folder: Path, cache: Path | None) -> tuple[float, float]:
    """(seconds, max RSS in MB) of loading the bank in a fresh process."""
    code = (
        "import sys, time, resource; from pathlib import Path\n"
        "from quiz.bank.loader import load_bank\n"
        "cache = Path(sys.argv[2]) if sys.argv[2] else None\n"
        "t = time.perf_counter(); bank = load_bank([Path(sys.argv[1])], cache)\n"
        "print(time.perf_counter() - t, len(bank.questions), len(bank.errors),\n"
        "      resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(folder), str(cache or "")],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    if int(out[2]):
        raise RuntimeError(f"{folder}: the generated bank has errors")
    return float(out[0]), float(out[3])


def loading(context: Context) -> Iterable[Result]:
    big = f"{SMOKE_BIG if context.smoke else BIG_COUNT:,}"
    xxqg = f"{xxqg_label(context)} xxqg bank"
    for label, folder in ((xxqg, xxqg_bank(context)), (big, big_bank(context))):
        if folder is None:
            continue
        cache = context.work / f"cache-{folder.name}"
        firsts, warms, memory = [], [], 0.0
        runs = max(1, context.runs // 2)
        yardstick = statistics.median(pyyaml_seconds(folder) for _ in range(runs))
        for _ in range(runs):
            shutil.rmtree(cache, ignore_errors=True)
            first, _ = load_seconds(folder, cache)
            firsts.append(first)
            warm, memory = load_seconds(folder, cache)
            warms.append(warm)
        shutil.rmtree(cache, ignore_errors=True)
        first = statistics.median(firsts)
        yield Result(
            f"first load, {label} (÷ PyYAML CSafeLoader parse)",
            first / yardstick,
            "x",
            1.2,
            f"{first * 1000:.0f} ms",
        )
        yield Result(
            f"warm load from cache, {label}",
            statistics.median(warms) * 1000,
            "ms",
            300.0 if label == big else None,
        )
        if label == big:
            yield Result(f"memory after loading {big} (max RSS)", memory, "MB", 300.0)


def xxqg_import(context: Context) -> Iterable[Result]:
    """Reading the real 学习强国 tiku.json and writing it as bank YAML (CPU time)."""
    text = xxqg_text(context)
    if text is None:
        return
    from quiz.bank.formats import bank_yaml, read_xxqg

    def once() -> float:
        started = time.process_time()
        report = read_xxqg(text)
        bank_yaml(report.questions, section="学习强国题库", origin="tiku.json")
        return time.process_time() - started

    times = [once() for _ in range(1 if context.smoke else 3)]
    yield Result(
        f"import the {xxqg_label(context)} xxqg bank (tiku.json → YAML, CPU time)",
        statistics.median(times) * 1000,
        "ms",
        2000.0,
    )


def stats_bank_ratio(context: Context) -> Iterable[Result]:
    """`quiz stats --json` on the 9,370-record bank ÷ on the bundled bank, run alternately over
    an empty score database (so the bank, not the answers, is what differs); both cached."""
    folder = xxqg_bank(context)
    if folder is None:
        return
    db = context.work / "stats-empty.db"
    from quiz.store.sqlite.schema import connect

    connect(db).close()  # an existing, empty database: stats reads it and the bank
    command = [sys.executable, "-m", "quiz", "stats", "--json"]
    envs = {
        "big": quiz_env(context, db, QUIZ_BANK=str(folder)),
        "bundled": quiz_env(context, db, QUIZ_BANK=str(paths.bundled_bank())),
    }
    times: dict[str, list[float]] = {"big": [], "bundled": []}

    def once(which: str) -> float:
        started = time.perf_counter()
        subprocess.run(command, env=envs[which], check=True, capture_output=True)
        return time.perf_counter() - started

    for which in envs:
        once(which)  # warm-up: fills the cache
    for _ in range(1 if context.smoke else max(5, 2 * context.runs + 1)):
        for which in envs:
            times[which].append(once(which))
    big, bundled = statistics.median(times["big"]), statistics.median(times["bundled"])
    yield Result(
        f"quiz stats --json, {xxqg_label(context)} xxqg bank ÷ bundled bank",
        big / bundled,
        "x",
        1.3,
        f"{big * 1000:.0f} ÷ {bundled * 1000:.0f} ms",
    )
