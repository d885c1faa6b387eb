"""`quiz serve` at a campaign's size: 200 idle SSH sessions held by one host (their unique
memory, PSS), then 50 players answering at once, each key timed until its own screen shows it.

Sessions connect 8 at a time (quiz serve takes 10 logins in progress from one address),
each until its home screen shows the bank, and stay idle. PSS
counts a shared page once among its sharers, so it is each session's own cost. The players think
0.5–2 s between keys (seeded), as people do; a key's time runs from the write until the text it
brings is on that player's screen, every frame before it read (the client drains its output).
The first key of each run (the Enter that starts it, a new question screen: about 45 ms of one
core) is reported apart from the others: the 50 come within THINK of each other, and they are
the slow 1 % (docs/benchmarks.md).
"""

from __future__ import annotations

import asyncio
import random
import statistics
import time
from pathlib import Path

from quiz.bench.context import Context
from quiz.bench.procstat import children, running
from quiz.bench.serve_case import ANSWERS, Player, home_time, memory_kb, start_server

IDLE = 200
SMOKE_IDLE = 6
WAVE = 8
"""Sessions connecting at once: quiz serve takes at most 10 logins in progress from one address."""
PLAYING = 50
SMOKE_PLAYING = 3
THINK = (0.5, 2.0)
SMOKE_THINK = (0.05, 0.1)
SETTLE_SECONDS = 2.0


def _p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]


def served_at_scale(context: Context) -> dict[str, object]:
    return asyncio.run(_measure(context))


async def _measure(context: Context) -> dict[str, object]:
    idle = SMOKE_IDLE if context.smoke else IDLE
    playing = SMOKE_PLAYING if context.smoke else PLAYING
    server, port, _log = start_server(context, max_sessions=idle + 10)
    held: list[Player] = []
    try:
        held = await connect_in_waves(port, "idle", idle)
        await asyncio.sleep(SETTLE_SECONDS)
        forkserver = next(
            pid
            for pid in children(server.pid)
            if b"forkserver" in Path(f"/proc/{pid}/cmdline").read_bytes()
        )
        sessions = [pid for pid in children(forkserver) if running(pid)]
        memory = [memory_kb(pid) for pid in sessions]
        for player in held:
            await player.close()
        held = []
        await asyncio.sleep(SETTLE_SECONDS)
        rng = random.Random(2021)
        think = SMOKE_THINK if context.smoke else THINK
        players = held = await connect_in_waves(port, "player", playing)
        pauses = [[rng.uniform(*think) for _ in range(2 * ANSWERS + 1)] for _ in players]
        timings = await asyncio.gather(
            *(timed_run(p, w) for p, w in zip(players, pauses, strict=True))
        )
    finally:
        for player in held:
            await player.close()
        server.send_signal(2)
        server.wait(60)
    keys = [t for run in timings for t in run]
    first = [run[0] for run in timings]  # the Enter that starts each run: all within THINK
    later = [t for run in timings for t in run[1:]]
    return {
        "serve_idle_sessions": len(sessions),
        "serve_pss_mb": round(statistics.median(m["Pss"] for m in memory) / 1024, 2),
        "serve_rss_mb": round(statistics.median(m["Rss"] for m in memory) / 1024, 2),
        "ssh_players": playing,
        "ssh_keys": len(keys),
        "ssh_key_p50_ms": round(statistics.median(keys), 1),
        "ssh_key_p99_ms": round(_p99(keys), 1),
        "ssh_first_key_p50_ms": round(statistics.median(first), 1),
        "ssh_first_key_max_ms": round(max(first), 1),
        "ssh_later_keys_p99_ms": round(_p99(later), 1),
    }


async def connect_in_waves(port: int, prefix: str, count: int) -> list[Player]:
    """`count` players at home, WAVE at a time."""
    players: list[Player] = []
    for first in range(0, count, WAVE):
        wave = range(first, min(count, first + WAVE))
        players += [p for *_, p in await asyncio.gather(
            *(home_time(port, f"{prefix}-{n}") for n in wave))]  # fmt: skip
    return players


async def timed_run(player: Player, pauses: list[float]) -> list[float]:
    """A daily run from home (Enter; then A, Enter and Enter per question), each key timed to
    the screen it brings."""
    steps = [("\r", f"question 1/{ANSWERS}")]
    for n in range(1, ANSWERS + 1):
        steps.append(("a\r", "Right answer: "))
        steps.append(("\r", f"question {n + 1}/{ANSWERS}" if n < ANSWERS else "Points +"))
    took = []
    for (keys, needle), pause in zip(steps, pauses, strict=True):
        await asyncio.sleep(pause)
        await player.press(keys)
        started = time.perf_counter()
        await player.expect(needle)
        took.append((time.perf_counter() - started) * 1000)
    return took
