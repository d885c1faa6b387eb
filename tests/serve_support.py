"""Running `quiz serve` for real in tests, and playing it through a real SSH client.

The server is a subprocess (`python -m quiz serve`) on ports the system picks; its log says
which. Clients read the terminal output with escape sequences stripped and wait for text."""

from __future__ import annotations

import asyncio
import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.conftest import REPO

NOW = "2026-11-28T09:00:00+08:00"
WAIT = 60.0
"""How long a test waits for a screen before failing (a hang guard, not a speed bound)."""
ESCAPES = re.compile(
    r"\x1b\[[0-9;?<>=]*[ -/]*[@-~]"  # CSI: cursor moves, colours, modes
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC
    r"|\x1bP[^\x1b]*\x1b\\"  # DCS
    r"|\x1b[()][A-Z0-9]|\x1b[=>78]"
)

PASSCODE = "8-times-study"
"""The passcode of 王一 (login wang1) in ROSTER; 李二 (li2) has none."""
ROSTER = f"""name,unit,login,passcode
王一,武汉大学/计算机学院/教工第一党支部,wang1,{PASSCODE}
李二,武汉大学/计算机学院/教工第一党支部,li2,
"""

JUDGE_BANK = """\
section: 测试
questions:
{questions}
"""
JUDGE = """\
  - id: t-{n:03d}
    type: judge
    prompt: 第{n}个判断题的说法是对的。
    answer: true
"""


def judge_bank(folder: Path, count: int = 6) -> Path:
    """A bank of judge questions only: every daily question is answered with A then Enter."""
    folder.mkdir(parents=True, exist_ok=True)
    questions = "".join(JUDGE.format(n=n) for n in range(1, count + 1))
    (folder / "judge.yaml").write_text(JUDGE_BANK.format(questions=questions), encoding="utf-8")
    return folder


def visible(raw: str) -> str:
    return ESCAPES.sub("", raw)


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    log_path: Path
    env: dict[str, str]
    ports: dict[str, int] = field(default_factory=dict)
    stopped: bool = False

    @property
    def ssh_port(self) -> int:
        return self.ports["ssh"]

    @property
    def web_port(self) -> int:
        return self.ports["web"]

    @property
    def web_url(self) -> str:
        return f"http://127.0.0.1:{self.web_port}/"

    @property
    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def wait_for_log(self, needle: str, count: int = 1) -> str:
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            text = self.log
            if text.count(needle) >= count:
                return text
            if self.process.poll() is not None:
                break
            time.sleep(0.05)
        raise AssertionError(f"{needle!r} never in the server log:\n{self.log}")

    def stop(self, number: int = signal.SIGINT) -> int:
        if self.stopped:
            return self.process.returncode
        self.stopped = True
        if self.process.poll() is None:
            self.process.send_signal(number)
        try:
            return self.process.wait(WAIT)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            raise AssertionError(f"the server did not stop:\n{self.log}") from None

    def history(self) -> list[dict[str, Any]]:
        """Every player's sessions, through the command players and organisers use."""
        result = subprocess.run(
            [sys.executable, "-m", "quiz", "history", "--json", "--all-users"],
            env=self.env, capture_output=True, text=True, check=True, cwd=REPO,
        )  # fmt: skip
        sessions: list[dict[str, Any]] = json.loads(result.stdout)["sessions"]
        return sessions


def start_server(tmp_path: Path, *args: str, bank: Path | None = None,
                 extra_env: dict[str, str] | None = None) -> Server:  # fmt: skip
    path = os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])
    env = {**os.environ, "QUIZ_NOW": NOW, "QUIZ_LANG": "en", "PYTHONPATH": path}
    if bank is not None:
        env["QUIZ_BANK"] = str(bank)
    env.update(extra_env or {})
    log_path = tmp_path / f"serve-{time.monotonic_ns()}.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "quiz", "serve", *args],
            stdout=subprocess.DEVNULL, stderr=log, env=env, cwd=tmp_path,
        )  # fmt: skip
    server = Server(process, log_path, env)
    text = server.wait_for_log("sessions at once")
    if match := re.search(r"listening for SSH on [^ ]+:(\d+)", text):
        server.ports["ssh"] = int(match.group(1))
    if match := re.search(r"listening for browsers on http://[^ ]+:(\d+)/", text):
        server.ports["web"] = int(match.group(1))
    return server


@dataclass
class Screen:
    """What a client has been shown: the raw bytes and the text without escape sequences."""

    raw: str = ""
    mark: int = 0
    chunks: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return visible(self.raw)

    def since_mark(self) -> str:
        return self.text[self.mark :]

    def set_mark(self) -> None:
        self.mark = len(self.text)


class SSHPlayer:
    """A real SSH client (asyncssh) on a pseudo-terminal."""

    def __init__(self, conn: Any, process: Any) -> None:
        self.conn = conn
        self.process = process
        self.screen = Screen()

    @classmethod
    async def connect(cls, port: int, username: str, password: str | None = None,
                      size: tuple[int, int] = (100, 30), **options: Any) -> SSHPlayer:  # fmt: skip
        from quiz.org.sshlib import asyncssh

        conn = await asyncssh.connect(
            "127.0.0.1", port, username=username, password=password, known_hosts=None,
            client_keys=options.pop("client_keys", None), agent_path=None, config=None,
            preferred_auth=options.pop("preferred_auth", ()), **options,
        )  # fmt: skip
        process = await conn.create_process(term_type="xterm-256color", term_size=size,
                                            encoding=None)  # fmt: skip
        return cls(conn, process)

    async def expect(self, needle: str, timeout: float = WAIT) -> str:
        """Wait until `needle` is shown after the mark; returns what was shown since."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while needle not in self.screen.since_mark():
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise AssertionError(f"{needle!r} never shown; last:\n{self.screen.text[-2000:]}")
            try:
                data = await asyncio.wait_for(self.process.stdout.read(65536), remaining)
            except TimeoutError:
                continue
            if not data:
                raise AssertionError(f"{needle!r} never shown; ended:\n{self.screen.text[-2000:]}")
            self.screen.raw += data.decode("utf-8", "replace")
        return self.screen.since_mark()

    async def press(self, *keys: str) -> None:
        self.screen.set_mark()
        for key in keys:
            self.process.stdin.write(key.encode("utf-8"))
            await asyncio.sleep(0.05)  # keys one by one, as typed

    async def home(self) -> str:
        return await self.expect("questions in the bank")

    async def play_daily(self, answers: int) -> None:
        """From home: start the daily run and answer `answers` questions (A, Enter), going
        on after each feedback."""
        await self.press("\r")
        for n in range(1, answers + 1):
            await self.expect(f"question {n}/5")
            await self.press("a", "\r")
            await self.expect("Right answer: ")
            await self.press("\r")

    async def finished_run(self) -> str:
        return await self.expect("Points +")

    async def close(self) -> Any:
        self.conn.close()
        await self.conn.wait_closed()


def daily_runs(sessions: Sequence[dict[str, Any]], user: str) -> list[dict[str, Any]]:
    return [s for s in sessions if s["user"] == user and s["mode"] == "daily"]
