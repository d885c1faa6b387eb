"""Waiting for a room to change: pushed by PostgreSQL's LISTEN/NOTIFY, polled on SQLite.

One listener per process, whatever the number of rooms or players in it: a served host or a
bench with hundreds of players holds one extra connection, not one each. A notification that
is missed (a dropped connection, a late subscriber) costs nothing but a little latency: every
process also reads the room's version itself a few times a second while anyone waits (one
small read by primary key for all its waiters).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from quiz.store.sql import NOTIFY_CHANNEL, Database

POLL_SECONDS = 0.05
"""How often a process with players on SQLite (one host) looks at the room's version."""
CATCH_UP_SECONDS = 0.2
"""Pushed: how often a process with waiting players reads the version itself, in case a
notification was missed (a dropped listening connection, one heard late)."""


class Watcher:
    def __init__(self, db: Database, read_version: Callable[[str], int]) -> None:
        self._read_version = read_version
        self._known: dict[str, int] = {}
        self._last_read: dict[str, float] = {}
        self._changed = threading.Condition()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        if db.dialect.notify is not None and db.url is not None:
            self._thread = threading.Thread(
                target=self._listen, args=(db.url,), name="room-listener", daemon=True
            )
            self._thread.start()

    @property
    def pushed(self) -> bool:
        return self._thread is not None

    def wait(self, pin: str, after: int, timeout: float) -> int:
        """The room's version once it is newer than `after`, or the latest after `timeout`.

        Reads are the process's, not each waiter's: when no notification has come for a while,
        one waiting thread reads the version and wakes every other waiter with it, so a missed
        notification costs at most `CATCH_UP_SECONDS` (and one small read) for all of them."""
        end = time.monotonic() + timeout
        step = CATCH_UP_SECONDS if self.pushed else POLL_SECONDS
        while True:
            with self._changed:
                known = self._known.get(pin, -1)
                if known > after:
                    return known
                now = time.monotonic()
                since = now - self._last_read.get(pin, 0.0)
                reading = since >= step or now >= end
                if reading:
                    self._last_read[pin] = now  # the others wait for this thread's read
                else:
                    self._changed.wait(max(0.0, min(step - since, end - now)))
                    continue
            version = self._read_version(pin)
            with self._changed:
                if version > self._known.get(pin, -1):
                    self._known[pin] = version
                    self._changed.notify_all()
            if version > after or time.monotonic() >= end:
                return version

    def close(self) -> None:
        self._stop.set()

    def _listen(self, url: str) -> None:
        import psycopg

        while not self._stop.is_set():
            try:
                with psycopg.connect(url, autocommit=True) as conn:
                    conn.execute(f"LISTEN {NOTIFY_CHANNEL}")
                    while not self._stop.is_set():
                        for note in conn.notifies(timeout=0.5):
                            self._heard(note.payload)
            except psycopg.Error:
                self._stop.wait(0.5)  # the run goes on; reads catch up meanwhile

    def _heard(self, payload: str) -> None:
        pin, _, version = payload.partition(":")
        if not version.isdigit():
            return
        with self._changed:
            if int(version) > self._known.get(pin, -1):
                self._known[pin] = int(version)
                self._changed.notify_all()
