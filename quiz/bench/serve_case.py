"""`quiz serve` under load: ten SSH players log in at the same moment, each until their home
screen shows the loaded bank; then how much memory an idle session takes, and how much CPU a
player answering costs (the session and the server's share, SSH encryption included).

The server is a real `quiz serve --open --ssh` process on loopback; the players are asyncssh
clients in this process, answering the one terminal query Textual waits for (synchronized
output) as modern terminals do. Session processes are found as the children of the server's
fork server, and measured from /proc (RSS, and PSS: the shared pages divided among sharers).
"""

from __future__ import annotations

import asyncio
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from quiz.bench.context import Context, Result, quiz_env
from quiz.bench.inputs import choice_bank
from quiz.bench.procstat import children, cpu_seconds, running
from quiz.bench.terminal import ESCAPE, SYNC_QUERY, SYNC_REPLY

SESSIONS = 10
SMOKE_SESSIONS = 2
MEDIAN_BOUND_MS, MAX_BOUND_MS = 2000.0, 4000.0
IDLE_RSS_BOUND_MB = 40.0
HOME = "questions in the bank"
IDLE_SECONDS = 5.0
ANSWERS = 5
WAIT = 60.0
SETTLE_SECONDS = 1.0
"""After the warm-up session is closed, before the session processes are listed."""


class Player:
    """One SSH client on a pseudo-terminal, reading what its screen shows."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.text = ""
        self.mark = 0
        self.conn: Any = None
        self.process: Any = None

    async def connect(self, port: int) -> None:
        from quiz.org.sshlib import asyncssh  # without its DSA warnings

        self.conn = await asyncssh.connect(
            "127.0.0.1", port, username=self.name, known_hosts=None, client_keys=None,
            agent_path=None, config=None, preferred_auth=(),
        )  # fmt: skip
        self.process = await self.conn.create_process(
            term_type="xterm-256color", term_size=(100, 30), encoding=None
        )

    async def expect(self, needle: str) -> None:
        deadline = time.monotonic() + WAIT
        while needle not in self.text[self.mark :]:
            data = await asyncio.wait_for(self.process.stdout.read(65536),
                                          max(0.1, deadline - time.monotonic()))  # fmt: skip
            if not data:
                raise RuntimeError(f"{self.name}: the session ended before {needle!r}")
            raw = data.decode("utf-8", "replace")
            if SYNC_QUERY in raw:
                self.process.stdin.write(SYNC_REPLY)
            self.text += ESCAPE.sub("", raw)

    async def press(self, keys: str) -> None:
        self.mark = len(self.text)
        self.process.stdin.write(keys.encode())

    async def close(self) -> None:
        self.conn.close()
        await self.conn.wait_closed()


async def home_time(port: int, name: str) -> tuple[float, float, Player]:
    """Seconds until logged in (the SSH handshake) and until the home screen shows the bank."""
    player = Player(name)
    started = time.perf_counter()
    await player.connect(port)
    connected = time.perf_counter() - started
    await player.expect(HOME)
    return connected, time.perf_counter() - started, player


def memory_kb(pid: int) -> dict[str, int]:
    text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    return {key: int(re.search(rf"^{key}:\s+(\d+)", text, re.M).group(1))  # type: ignore[union-attr]
            for key in ("Rss", "Pss")}  # fmt: skip


def start_server(
    context: Context, max_sessions: int = 50
) -> tuple[subprocess.Popen[bytes], int, Path]:
    return launch(
        context, "serve",
        ["--open", "--ssh", "127.0.0.1:0", "--max-sessions", str(max_sessions)],
        r"listening for SSH on [^ ]+:(\d+)",
        QUIZ_LANG="en", QUIZ_BANK=str(choice_bank(context)),
    )  # fmt: skip


def launch(
    context: Context, folder: str, arguments: list[str], listening: str, **env: str
) -> tuple[subprocess.Popen[bytes], int, Path]:
    """A real `quiz serve ARGUMENTS` in its own folder under the work folder, once it has said
    it is ready: the process, the port `listening` (a pattern of its log) found, its log."""
    work = context.work / folder
    work.mkdir(parents=True, exist_ok=True)
    environment = quiz_env(context, work / "quiz.db", XDG_DATA_HOME=str(work / "data"), **env)
    log = work / "serve.log"
    with log.open("wb") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "quiz", "serve", *arguments],
            env=environment, stdout=subprocess.DEVNULL, stderr=out, cwd=work,
        )  # fmt: skip
    deadline = time.monotonic() + WAIT
    while "sessions at once" not in log.read_text() and time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(log.read_text())
        time.sleep(0.05)
    match = re.search(listening, log.read_text())
    if match is None:
        raise RuntimeError(log.read_text())
    return server, int(match.group(1)), log


def serve_sessions(context: Context) -> Iterable[Result]:
    return asyncio.run(_measure(context))


async def _measure(context: Context) -> list[Result]:
    count = SMOKE_SESSIONS if context.smoke else SESSIONS
    server, port, _log = start_server(context)
    players: list[Player] = []
    try:
        *_, warm = await home_time(port, "warm-up")  # the bank cache filled, as in service
        await warm.close()
        server_before = cpu_seconds(server.pid)
        timed = await asyncio.gather(*(home_time(port, f"player-{n}") for n in range(count)))
        login_cpu = (cpu_seconds(server.pid) - server_before) / count
        players = [player for *_, player in timed]
        seconds = sorted(t for _, t, _ in timed)
        handshake = statistics.median(c for c, _, _ in timed)
        forkserver = next(
            pid
            for pid in children(server.pid)
            if b"forkserver" in Path(f"/proc/{pid}/cmdline").read_bytes()
        )
        await asyncio.sleep(SETTLE_SECONDS)  # the warm-up's session may still be ending
        sessions = [pid for pid in children(forkserver) if running(pid)]
        start_cpu = statistics.mean(cpu_seconds(pid) for pid in sessions)
        before = {pid: cpu_seconds(pid) for pid in [*sessions, server.pid]}
        await asyncio.sleep(IDLE_SECONDS)
        idle_cpu = statistics.mean(cpu_seconds(pid) - before[pid] for pid in sessions)
        memory = [memory_kb(pid) for pid in sessions]
        server_kb = memory_kb(server.pid)["Rss"] + memory_kb(forkserver)["Rss"]
        before = {pid: cpu_seconds(pid) for pid in [*sessions, server.pid]}
        await asyncio.gather(*(daily_run(player) for player in players))
        session_cpu = statistics.mean(cpu_seconds(pid) - before[pid] for pid in sessions)
        server_cpu = (cpu_seconds(server.pid) - before[server.pid]) / len(sessions)
    finally:
        for player in players:
            await player.close()
        server.send_signal(2)
        server.wait(WAIT)
    rss = statistics.mean(m["Rss"] for m in memory) / 1024
    pss = statistics.mean(m["Pss"] for m in memory) / 1024
    per_answer_ms = (session_cpu + server_cpu) / ANSWERS * 1000
    label = f"{count} SSH sessions at once: login to home with the bank"
    return [
        Result(
            f"{label}, median",
            statistics.median(seconds) * 1000,
            "ms",
            MEDIAN_BOUND_MS,
            detail=f"SSH login {handshake * 1000:.0f} ms of it",
        ),
        Result(f"{label}, slowest", seconds[-1] * 1000, "ms", MAX_BOUND_MS),
        Result(
            "idle session memory (RSS)",
            rss,
            "MB",
            IDLE_RSS_BOUND_MB,
            detail=f"PSS {pss:.1f} MB; server and fork server {server_kb / 1024:.0f} MB",
        ),
        Result(
            "CPU to start a session",
            start_cpu * 1000,
            "ms",
            detail=f"and the server's login share {login_cpu * 1000:.0f} ms",
        ),
        Result("idle session CPU", idle_cpu / IDLE_SECONDS * 1000, "ms/s"),
        Result("CPU per answer (session and server, SSH included)", per_answer_ms, "ms"),
        Result("sessions per GB (by PSS)", 1024 / pss, "sessions"),
        Result("players per core answering every 10 s", 10_000 / per_answer_ms, "players"),
    ]


async def daily_run(player: Player) -> None:
    """The day's run from home: five answers (A, Enter), each feedback, on to the results."""
    await player.press("\r")
    for n in range(1, ANSWERS + 1):
        await player.expect(f"question {n}/{ANSWERS}")
        await player.press("a\r")
        await player.expect("Right answer: ")
        await player.press("\r")
    await player.expect("Points +")
