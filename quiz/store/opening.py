"""Which backend a location names: a file path is SQLite, a `postgresql://` URL PostgreSQL."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from quiz.system.locations import is_url

if TYPE_CHECKING:
    from quiz.store.protocol import Store

DEFAULT_CONNECTIONS = 4
"""PostgreSQL connections a process may hold: the TUI records answers on one thread while
screens read on others; a command-line read needs one."""


def open_store(location: str | Path, connections: int = DEFAULT_CONNECTIONS) -> Store:
    """An open, migrated store; StoreError when the database cannot be used (a server that
    does not answer, a newer or foreign schema, a file that is not a quiz database)."""
    from quiz.store.store import SqlStore

    if is_url(location):
        from quiz.store.postgres import PostgresDatabase

        return SqlStore(PostgresDatabase(str(location), connections))
    from quiz.store.sqlite import SqliteDatabase

    return SqlStore(SqliteDatabase(Path(location)))
