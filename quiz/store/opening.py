"""Which backend a location names (a file path is SQLite, a `postgresql://` URL PostgreSQL),
and the one connection (SQLite) or pool (PostgreSQL) a process holds for it: the store and the
live rooms of one process share it, so a process never holds two pools to one database."""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING

from quiz.system.locations import is_url

if TYPE_CHECKING:
    from quiz.store.protocol import Store
    from quiz.store.rooms import Rooms
    from quiz.store.sql import Database, Dialect, Row, Tx

DEFAULT_CONNECTIONS = 4
"""PostgreSQL connections a process may hold: the TUI records answers on one thread while
screens read on others; a command-line read needs one."""

_LOCK = threading.Lock()
_OPEN: dict[tuple[int, str], _Shared] = {}
"""The databases open in this process (by pid: a forked child opens its own), by location."""


class _Shared:
    """One open database and how many holders it has; closed when the last lets go."""

    def __init__(self, key: tuple[int, str], database: Database) -> None:
        self.key = key
        self.database = database
        self.holders = 0


class SharedDatabase:
    """A holder's handle on a process's database: everything but `close` goes to it."""

    def __init__(self, shared: _Shared) -> None:
        self._shared = shared
        self._closed = False
        self.dialect: Dialect = shared.database.dialect
        self.location: str = shared.database.location
        self.url: str | None = shared.database.url

    def read(self, sql: str, params: Sequence[object] = ()) -> list[Row]:
        return self._shared.database.read(sql, params)

    def transaction(self) -> AbstractContextManager[Tx]:
        return self._shared.database.transaction()

    def run(self, sql: str, params: Sequence[object] = ()) -> list[Row]:
        return self._shared.database.run(sql, params)

    def close(self) -> None:
        with _LOCK:
            if self._closed:
                return
            self._closed = True
            self._shared.holders -= 1
            if self._shared.holders > 0:
                return
            _OPEN.pop(self._shared.key, None)
        self._shared.database.close()


def open_database(location: str | Path, connections: int = DEFAULT_CONNECTIONS) -> SharedDatabase:
    """This process's database at `location`, opened (checked and migrated) the first time;
    StoreError when it cannot be used. Each caller closes its own handle."""
    key = (os.getpid(), str(location))
    with _LOCK:
        shared = _OPEN.get(key)
        if shared is None:
            shared = _Shared(key, _connect(location, connections))
            _OPEN[key] = shared
        shared.holders += 1
        return SharedDatabase(shared)


def _connect(location: str | Path, connections: int) -> Database:
    if is_url(location):
        from quiz.store.postgres.database import PostgresDatabase

        return PostgresDatabase(str(location), connections)
    from quiz.store.sqlite.database import SqliteDatabase

    return SqliteDatabase(Path(location))


def open_store(location: str | Path, connections: int = DEFAULT_CONNECTIONS) -> Store:
    """An open, migrated store; StoreError when the database cannot be used (a server that
    does not answer, a newer or foreign schema, a file that is not a quiz database)."""
    from quiz.store.store import SqlStore

    return SqlStore(open_database(location, connections))


def open_rooms(location: str | Path) -> Rooms:
    """The live rooms in the store at `location` (the same database the store uses)."""
    from quiz.store.rooms import Rooms

    return Rooms(open_database(location))
