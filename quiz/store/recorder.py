"""Writing to the store off the UI thread, in order."""

from __future__ import annotations

import secrets
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from quiz.store.errors import StoreUnavailable

if TYPE_CHECKING:
    from concurrent.futures import Future, ThreadPoolExecutor

T = TypeVar("T")
RETRY_FIRST_S = 0.2
RETRY_MOST_S = 5.0


def new_key() -> str:
    """A client-made key for one write, made once and sent with every attempt of it, so the
    store keeps the write once: unique, and growing with time (so the server's index of keys
    is appended to, not scattered over)."""
    return f"{time.time_ns():016x}{secrets.token_hex(8)}"


class Recorder:
    """Writes to the store off the UI thread, one write at a time, in the order given.

    A failed write (disk full, read-only location) is reported once through `on_error`; play
    goes on. A database server out of reach is not a failure: the write waits and is made again
    (answers, sessions and contest events carry their client-made key, so none is stored
    twice), the writes after it wait their turn, and `on_outage` / `on_back` say when the
    server went and came back."""

    def __init__(self, on_error: Callable[[Exception], None] | None = None) -> None:
        self._pool: ThreadPoolExecutor | None = None  # started with the first write
        self._pending: list[Future[None]] = []
        self._lock = threading.Lock()
        self._closing = threading.Event()
        self.on_error = on_error
        self.on_outage: Callable[[Exception], None] | None = None
        self.on_back: Callable[[], None] | None = None
        self.failed: Exception | None = None
        self.outage: StoreUnavailable | None = None
        """Set while the server is out of reach."""

    def report(self, exc: Exception) -> None:
        """A failure outside the queue (starting a session) counts as the first failure too."""
        if self.failed is None and self.on_error is not None:
            self.on_error(exc)
        self.failed = self.failed or exc

    def call(self, action: Callable[[], T]) -> T:
        """`action` now, in this thread, made again while the server is out of reach (until it
        is back, or the recorder is closed: then StoreUnavailable is raised)."""
        delay = RETRY_FIRST_S
        while True:
            try:
                result = action()
            except StoreUnavailable as exc:
                if self._closing.is_set():
                    raise
                if self.outage is None:
                    self.outage = exc
                    if self.on_outage is not None:
                        self.on_outage(exc)
                self._closing.wait(delay)
                delay = min(delay * 2, RETRY_MOST_S)
                continue
            if self.outage is not None:
                self.outage = None
                if self.on_back is not None:
                    self.on_back()
            return result

    def submit(self, write: Callable[[], None]) -> None:
        def guarded() -> None:
            try:
                self.call(write)
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
        """Stop waiting for a server that is out of reach; finish what can be written."""
        self._closing.set()
        if self._pool is not None:
            self._pool.shutdown(wait=True)
