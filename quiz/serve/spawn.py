"""Starting session processes: forked from a server process that has already imported the TUI
(the standard library's forkserver), so ten players starting at once each wait for their own
screen, not for ten Python start-ups; the imported code is shared between sessions."""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import os
import signal
from multiprocessing.context import ForkServerContext
from multiprocessing.process import BaseProcess
from typing import Any

from quiz.tui.hosted import SessionSpec

PRELOAD = [
    "quiz.serve.session_process",
    "quiz.tui.served",
    "quiz.tui.app",
    "quiz.tui.screens.home",
    "quiz.tui.screens.question",
    "quiz.tui.screens.results",
    "quiz.tui.screens.login",
    "quiz.bank.loader",
    "quiz.store.store",
    "quiz.usecases.play",
    "textual.drivers.linux_driver",
    "textual.drivers.web_driver",
    "quiz.store.opening",
    "quiz.store.sqlite.database",
    "quiz.bank.parse",
    "quiz.reports.stats",
    "quiz.i18n.zh",
]
"""Imported once in the fork server (names only: this process never imports Textual)."""
POSTGRES = ["psycopg", "psycopg_pool", "quiz.store.postgres.database"]
"""Imported too when the campaign's store is a PostgreSQL database."""
LAST = "quiz.tui.fork_ready"
"""Imported after the others: it freezes the heap they built (its docstring says why)."""


class InheritedFd:
    """A file descriptor handed to the session process when it starts (sent with the fork
    request); the session receives it as a plain int."""

    def __init__(self, fd: int) -> None:
        self.fd = fd

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        from multiprocessing import reduction

        return _detach, (reduction.DupFd(self.fd),)


def _detach(dup: Any) -> int:
    fd: int = dup.detach()
    return fd


class Spawner:
    def __init__(self, postgres: bool = False) -> None:
        self.context: ForkServerContext = multiprocessing.get_context("forkserver")
        self.context.set_forkserver_preload([*PRELOAD, *(POSTGRES if postgres else ()), LAST])

    def warm_up(self) -> None:
        """Start the fork server now (it imports the TUI: about a second), not at the first
        player's login."""
        from multiprocessing import forkserver

        forkserver.ensure_running()

    def start(self, spec: SessionSpec, stdio: tuple[int, int, int], gate: int | None = None,
              ) -> SessionProcess:  # fmt: skip
        from quiz.serve import session_process as child

        fds = [InheritedFd(fd) for fd in stdio]
        process = self.context.Process(
            target=child.main,
            args=(spec, *fds, InheritedFd(gate) if gate is not None else None),
            name=f"quiz-{spec.transport}",
            daemon=True,
        )
        process.start()
        return SessionProcess(process)


class SessionProcess:
    """One running session: signal it, wait for it without blocking the event loop."""

    def __init__(self, process: BaseProcess) -> None:
        self.process = process
        self.pid: int = process.pid or 0
        self.exit_code: int | None = None
        self._done = asyncio.Event()
        loop = asyncio.get_running_loop()
        self._sentinel = process.sentinel
        loop.add_reader(self._sentinel, self._exited)

    def _exited(self) -> None:
        asyncio.get_running_loop().remove_reader(self._sentinel)
        self.process.join(0)
        self.exit_code = self.process.exitcode
        with contextlib.suppress(ValueError):
            self.process.close()
        self._done.set()

    @property
    def running(self) -> bool:
        return not self._done.is_set()

    def signal(self, number: int) -> None:
        if self.running:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, number)

    async def wait(self) -> int | None:
        await self._done.wait()
        return self.exit_code

    async def end(self, first: int, grace: float) -> int | None:
        """Ask the session to save and quit (`first`), then make sure it has gone."""
        self.signal(first)
        for follow_up in (signal.SIGTERM, signal.SIGKILL):
            try:
                return await asyncio.wait_for(asyncio.shield(self.wait()), grace)
            except TimeoutError:
                self.signal(follow_up)
        return await self.wait()
