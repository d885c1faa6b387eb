"""The rooms' tables on either backend, behind one small interface.

SQL is written once with `?` placeholders; the PostgreSQL side turns them into `%s`. Times are
the store's own clock, in seconds since the epoch, so every machine in a room agrees on
deadlines whatever its own clock says.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any, Protocol

NOTIFY_CHANNEL = "quiz_rooms"

_TABLES = """
CREATE TABLE IF NOT EXISTS rooms (
    pin TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    host TEXT NOT NULL,
    phase TEXT NOT NULL,
    version INTEGER NOT NULL,
    position INTEGER NOT NULL,
    count INTEGER NOT NULL,
    seconds INTEGER NOT NULL,
    deadline DOUBLE PRECISION,
    reveal_until DOUBLE PRECISION,
    created_at DOUBLE PRECISION NOT NULL,
    updated_at DOUBLE PRECISION NOT NULL
);
CREATE TABLE IF NOT EXISTS room_questions (
    pin TEXT NOT NULL REFERENCES rooms(pin) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    record TEXT NOT NULL,
    PRIMARY KEY (pin, position)
);
CREATE TABLE IF NOT EXISTS room_seats (
    pin TEXT NOT NULL REFERENCES rooms(pin) ON DELETE CASCADE,
    name TEXT NOT NULL,
    seat INTEGER NOT NULL,
    joined_at DOUBLE PRECISION NOT NULL,
    kicked INTEGER NOT NULL DEFAULT 0,
    score INTEGER NOT NULL DEFAULT 0,
    correct INTEGER NOT NULL DEFAULT 0,
    answers INTEGER NOT NULL DEFAULT 0,
    streak INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (pin, name)
);
CREATE TABLE IF NOT EXISTS room_answers (
    pin TEXT NOT NULL REFERENCES rooms(pin) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    answer_key TEXT NOT NULL,
    given TEXT NOT NULL,
    is_correct INTEGER NOT NULL,
    seconds DOUBLE PRECISION NOT NULL,
    points INTEGER NOT NULL,
    streak INTEGER NOT NULL,
    answered_at DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (pin, position, name)
)
"""

_QUEUE_SQLITE = """
CREATE TABLE IF NOT EXISTS match_queue (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    size INTEGER NOT NULL,
    enqueued_at DOUBLE PRECISION NOT NULL,
    pin TEXT,
    gave_up INTEGER NOT NULL DEFAULT 0
)
"""
_QUEUE_PG = _QUEUE_SQLITE.replace("id INTEGER PRIMARY KEY", "id BIGSERIAL PRIMARY KEY")


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
        with self.transaction() as cur:
            for statement in (*_TABLES.split(";"), _QUEUE_SQLITE):
                cur.execute(statement)

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

        from quiz.locations import shown
        from quiz.store.postgres import prepare_schema

        # The quiz's own schema checked (and migrated) first, as SQLite's file is: a server
        # that does not answer, or a database quiz cannot use, is a StoreError now, not a
        # pool waiting for connections later.
        prepare_schema(url, shown(url))
        self.url = url
        self._pool = ConnectionPool(
            url, min_size=1, max_size=max_connections, open=True, kwargs={"autocommit": True}
        )
        with self.transaction() as cur:
            cur.execute("SELECT pg_advisory_xact_lock(4242001)")  # one creator at a time
            for statement in (*_TABLES.split(";"), _QUEUE_PG):
                cur.execute(statement)

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
