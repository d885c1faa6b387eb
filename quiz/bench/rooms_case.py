"""`python -m quiz.bench --only rooms`: one room, a host and hundreds of headless players (the
TUI's client code, no screens) in several processes, over a real PostgreSQL on loopback.

Latency is the time from a state change (the store's `updated_at` of a version) until every
player has seen that version or a newer one; answers are counted in the store against what the
players were told, so a lost or doubled answer shows.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from quiz.bank.loader import load_bank
from quiz.bank.models import QuestionType
from quiz.bench.context import Result
from quiz.rooms.model import RoomPhase, RoomSettings
from quiz.system import paths
from quiz.usecases.room_client import RoomHost, connect
from quiz.usecases.room_keys import RoomKeys

PG_DEFAULT = "postgresql://postgres@127.0.0.1:5432/postgres"
PLAYERS_PER_PROCESS = 50
QUESTIONS = 5
SECONDS = 15
P99_BOUND_MS = 100.0
LARGEST_BOUND_MS = 250.0
LOBBY_SECONDS = 1.0
LINGER_SECONDS = 3.0
"""Bots stay on the podium this long before their processes end: the first processes' exit
would otherwise take the CPU the last ones need to see the room finish (at 500 players the
finished state's p99 was 234–249 ms with the bots leaving at once, 72 ms with them staying)."""
JOINS_PER_SECOND = 100
"""Players come into the lobby over a while (1,000 in about 10 s), as people do."""
LOBBY_FILL_SECONDS = 300.0
"""A lobby not full by then will never be: the bench says so instead of waiting for ever."""


@contextmanager
def scratch_database() -> Iterator[str]:
    import psycopg

    server = os.environ.get("QUIZ_BENCH_PG") or os.environ.get("QUIZ_TEST_PG") or PG_DEFAULT
    name = f"quiz_bench_rooms_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(server, autocommit=True, connect_timeout=5) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            yield f"{server.rsplit('/', 1)[0]}/{name}"
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def one_room(target: str, players: int, bank_folder: Path, think: float = 1.0) -> dict[str, Any]:
    questions = [q for q in load_bank([bank_folder]).questions if q.type is QuestionType.SINGLE]
    rooms, watcher = connect(target)
    host = RoomHost.open(
        rooms,
        watcher,
        "bench-host",
        RoomSettings(QUESTIONS, SECONDS),
        questions[:QUESTIONS],
        RoomKeys(target),
    )
    names = [f"p{n:04d}" for n in range(players)]
    with tempfile.TemporaryDirectory(prefix="quiz-rooms-") as scratch:
        return _play_room(rooms, watcher, host, names, target, Path(scratch), think, bank_folder)


def _play_room(
    rooms: Any, watcher: Any, host: RoomHost, names: list[str], target: str, logs: Path,
    think: float, bank_folder: Path,
) -> dict[str, Any]:  # fmt: skip
    players = len(names)
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "quiz.usecases.room_bot",
                target,
                host.pin,
                *names[i : i + PLAYERS_PER_PROCESS],
                "--bank",
                str(bank_folder),
                "--think",
                str(think),
                "--arrive",
                str(players / JOINS_PER_SECOND),
                "--linger",
                str(LINGER_SECONDS),
                "--log",
                str(logs / f"{i}.jsonl"),
            ],
        )
        for i in range(0, players, PLAYERS_PER_PROCESS)
    ]
    changed: dict[int, float] = {}
    try:
        state = host.state()
        lobby_deadline = time.monotonic() + LOBBY_FILL_SECONDS
        while len(state.players) < players:
            failed = [p.returncode for p in procs if p.poll() not in (None, 0)]
            if failed or time.monotonic() > lobby_deadline:  # a bot process died: never full
                raise RuntimeError(f"{len(state.players)} of {players} players joined "
                                   f"(bot processes exited with {failed})")  # fmt: skip
            state = host.next_state(timeout=2.0) or host.state()
        time.sleep(LOBBY_SECONDS)  # the host looks at the full lobby before Enter, as a person does
        host.start()
        while state.phase is not RoomPhase.FINISHED:
            state = host.next_state(timeout=0.5) or host.state()
            changed.setdefault(state.version, state.changed_at)
            if host.tick(state):
                continue
            if state.phase is RoomPhase.REVEAL:
                time.sleep(0.3)
                host.next()
        for proc in procs:
            proc.wait(timeout=120)
        stored = rooms.results(host.room_id)
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
        watcher.close()
        rooms.db.close()
    return _summary(players, changed, logs, stored.players)


def _summary(players: int, changed: dict[int, float], logs: Path, stored: Any) -> dict[str, Any]:
    first_seen: dict[str, list[tuple[int, float]]] = defaultdict(list)
    told = 0
    for path in logs.glob("*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            entry = json.loads(line)
            if "version" in entry:
                first_seen[entry["name"]].append((entry["version"], entry["seen"]))
            elif entry["status"] in ("recorded", "repeated"):
                told += 1
    latencies = []
    for version, at in changed.items():
        every = [
            min((seen for v, seen in views if v >= version), default=float("inf"))
            for views in first_seen.values()
        ]
        if len(every) == players and max(every) != float("inf"):
            latencies.append((max(every) - at) * 1000)
    latencies.sort()
    in_store = sum(p.answers for p in stored)
    return {
        "players": players,
        "answers": in_store,
        "lost": max(0, told - in_store),
        "duplicated": max(0, in_store - told),
        "state_changes": len(latencies),
        "p50_ms": round(statistics.median(latencies), 1) if latencies else None,
        "p99_ms": round(_p99(latencies), 1) if latencies else None,
    }


def _p99(values: list[float]) -> float:
    return values[min(len(values) - 1, round(0.99 * (len(values) - 1)))]


def rooms_results(figures: dict[str, Any]) -> list[Result]:
    """The bounds: p99 < 100 ms for the 200-player room, nothing lost, nothing doubled."""
    players = figures["players"]
    return [
        Result(f"rooms: state change seen by all {players} players, p99", figures["p99_ms"] or 0.0,
               "ms", P99_BOUND_MS),
        Result("rooms: answers lost or doubled", float(figures["lost"] + figures["duplicated"]),
               "answers", 0),
    ]  # fmt: skip


def rooms_figures(bank_folder: Path | None = None, smoke: bool = False) -> dict[str, Any]:
    """The 200-player room, then larger rooms until p99 passes 250 ms (the largest that held;
    None when even 200 players did not)."""
    bank_folder = bank_folder or paths.bank_dir()
    sizes = [10] if smoke else [200]
    figures: dict[str, Any] = {}
    with scratch_database() as target:
        figures = one_room(target, sizes[0], bank_folder, think=0.2 if smoke else 1.0)
    if smoke:
        return figures
    largest = None
    if held(figures):
        largest = {"players": sizes[0], "p99_ms": figures["p99_ms"]}
        for size in (300, 400, 600, 800, 1200):
            with scratch_database() as target:
                run = one_room(target, size, bank_folder)
            if not held(run):
                break
            largest = {"players": size, "p99_ms": run["p99_ms"]}
    figures["largest_under_250ms"] = largest
    return figures


def held(run: dict[str, Any]) -> bool:
    """p99 under the largest room's bound, nothing lost or doubled."""
    return (
        run["p99_ms"] is not None
        and run["p99_ms"] < LARGEST_BOUND_MS
        and not run["lost"]
        and not run["duplicated"]
    )
