"""The rooms' tables on either backend, behind one small interface.

The tables are the store's (schema version 9: `quiz.store.db` and `quiz.store.pg_schema`), so
opening a room database checks and migrates the store's schema first, and a newer schema is
refused untouched, as the store refuses it. SQL is written once with `?` placeholders; the
PostgreSQL side turns them into `%s`. Times are the store's own clock, in seconds since the
epoch, so every machine in a room agrees on deadlines whatever its own clock says.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any, Protocol

NOTIFY_CHANNEL = "quiz_rooms"


class Cursor(Protocol):
    def execute(self, sql: str, params: Sequence[object] = ()) -> Any: ...
    def fetchone(self) -> Any: ...
    def fetchall(self) -> list[Any]: ...


class RoomDB(Protocol):
    """A connection (or pool) to the shared store, as the rooms need it."""

    now_sql: str
    """An SQL expression for the store's clock, in seconds since the epoch."""
    listens: bool
    """True where state changes are pushed (LISTEN/NOTIFY); else players poll."""

    def transaction(self) -> AbstractContextManager[Cursor]: ...
    def notify(self, cur: Cursor, pin: str, version: int) -> None: ...
    def close(self) -> None: ...


class SqliteRoomDB:
    """One host: the rooms live in the quiz's own SQLite file; players poll."""

    now_sql = "((julianday('now') - 2440587.5) * 86400.0)"
    listens = False

    def __init__(self, path: Path) -> None:
        from quiz.store.db import connect  # validates and migrates the file first

        self.path = path
        self._conn = connect(path)
        self._lock = threading.RLock()

    @contextmanager
    def transaction(self) -> Iterator[Cursor]:
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield _SqliteCursor(self._conn)
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    def notify(self, cur: Cursor, pin: str, version: int) -> None:
        """Nothing to push: players poll the room's version."""

    def close(self) -> None:
        with self._lock:
            self._conn.close()


class _SqliteCursor:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self._cur: sqlite3.Cursor | None = None

    def execute(self, sql: str, params: Sequence[object] = ()) -> Any:
        self._cur = self._conn.execute(sql, tuple(params))
        return self._cur

    def fetchone(self) -> Any:
        assert self._cur is not None
        return self._cur.fetchone()

    def fetchall(self) -> list[Any]:
        assert self._cur is not None
        return self._cur.fetchall()


class PostgresRoomDB:
    """Many hosts: the rooms live in the shared PostgreSQL database; changes are notified."""

    now_sql = "extract(epoch from clock_timestamp())::double precision"
    listens = True

    def __init__(self, url: str, max_connections: int = 4) -> None:
        from psycopg_pool import ConnectionPool

        from quiz.store.postgres import prepare_schema
        from quiz.system.locations import shown

        self.url = url
        prepare_schema(url, shown(url))  # refuses a newer schema untouched; else migrates
        self._pool = ConnectionPool(
            url, min_size=1, max_size=max_connections, open=True, kwargs={"autocommit": True}
        )

    @contextmanager
    def transaction(self) -> Iterator[Cursor]:
        with self._pool.connection() as conn, conn.transaction(), conn.cursor() as cur:
            yield _PgCursor(cur)

    def notify(self, cur: Cursor, pin: str, version: int) -> None:
        # Delivered at commit, once per state version (never per answer).
        cur.execute("SELECT pg_notify(?, ?)", (NOTIFY_CHANNEL, f"{pin}:{version}"))

    def close(self) -> None:
        self._pool.close()


class _PgCursor:
    def __init__(self, cur: Any) -> None:
        self._cur = cur

    def execute(self, sql: str, params: Sequence[object] = ()) -> Any:
        return self._cur.execute(sql.replace("?", "%s"), tuple(params))

    def fetchone(self) -> Any:
        return self._cur.fetchone()

    def fetchall(self) -> list[Any]:
        return list(self._cur.fetchall())


def is_postgres_url(target: str) -> bool:
    return target.startswith(("postgresql://", "postgres://"))


def open_room_db(target: str | Path) -> RoomDB:
    text = str(target)
    if is_postgres_url(text):
        return PostgresRoomDB(text)
    return SqliteRoomDB(Path(text))
