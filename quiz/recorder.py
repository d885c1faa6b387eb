"""Writing to the store off the UI thread, in order."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from concurrent.futures import Future, ThreadPoolExecutor


class Recorder:
    """Writes to the store off the UI thread, one write at a time, in the order given.

    A failed write (disk full, read-only location) is reported once through `on_error`; play
    goes on."""

    def __init__(self, on_error: Callable[[Exception], None] | None = None) -> None:
        self._pool: ThreadPoolExecutor | None = None  # started with the first write
        self._pending: list[Future[None]] = []
        self._lock = threading.Lock()
        self.on_error = on_error
        self.failed: Exception | None = None

    def report(self, exc: Exception) -> None:
        """A failure outside the queue (starting a session) counts as the first failure too."""
        if self.failed is None and self.on_error is not None:
            self.on_error(exc)
        self.failed = self.failed or exc

    def submit(self, write: Callable[[], None]) -> None:
        def guarded() -> None:
            try:
                write()
            except Exception as exc:  # reported to the player, never a crash
                self.report(exc)

        with self._lock:
            if self._pool is None:
                from concurrent.futures import ThreadPoolExecutor

                self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="quiz-recorder")
            self._pending = [f for f in self._pending if not f.done()]
            self._pending.append(self._pool.submit(guarded))

    def drain(self) -> None:
        """Wait until everything submitted so far is written."""
        with self._lock:
            pending = list(self._pending)
        for future in pending:
            future.result()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True)
