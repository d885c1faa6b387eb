"""The SQLite backend: one file, one connection shared by the threads of one process.

WAL lets a reader and a writer work at once; BEGIN IMMEDIATE takes the write lock at the start
of a transaction, so two processes writing one file wait for each other (busy timeout) instead
of failing half way.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from quiz.store.sql import SQLITE, Row
from quiz.store.sqlite.schema import classify, connect


class _SqliteTx:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def execute(self, sql: str, params: Sequence[object] = ()) -> list[Row]:
        return self._conn.execute(sql, params).fetchall()


class SqliteDatabase:
    dialect = SQLITE
    url: str | None = None

    def __init__(self, path: Path) -> None:
        self.path = path
        self.location = str(path)
        self._conn = connect(path)
        self._lock = threading.RLock()

    def read(self, sql: str, params: Sequence[object] = ()) -> list[Row]:
        with self._lock:
            try:
                return self._conn.execute(sql, params).fetchall()
            except sqlite3.Error as exc:
                raise classify(exc, self.path) from exc

    @contextmanager
    def transaction(self) -> Iterator[_SqliteTx]:
        """BEGIN IMMEDIATE takes the write lock at once, so what the transaction reads no
        other process changes before it commits. SQLite errors become StoreError (locked,
        read-only, full… are not a damaged file: see db.classify)."""
        with self._lock:
            try:
                self._conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise classify(exc, self.path) from exc
            try:
                yield _SqliteTx(self._conn)
                self._conn.execute("COMMIT")
            except BaseException as exc:
                with contextlib.suppress(sqlite3.Error):
                    self._conn.execute("ROLLBACK")
                if isinstance(exc, sqlite3.Error):
                    raise classify(exc, self.path) from exc
                raise

    def run(self, sql: str, params: Sequence[object] = ()) -> list[Row]:
        with self.transaction() as tx:
            return tx.execute(sql, params)

    def close(self) -> None:
        with self._lock:
            self._conn.close()
